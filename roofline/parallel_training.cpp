#include "roofline/parallel_training.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "support/checked_math.hpp"
#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
    case Strategy::data:
      return "data";
    case Strategy::model:
      return "model";
    case Strategy::owt:
      return "owt";
  }
  return "?";
}

Strategy parse_strategy(std::string_view text) {
  if (text == "data") return Strategy::data;
  if (text == "model") return Strategy::model;
  if (text == "owt") return Strategy::owt;
  throw InputError("unknown strategy '" + std::string(text) + "' (expected data, model or owt)");
}

namespace {

bool has_macs(const Layer& layer) {
  return layer.op == Op::conv || layer.op == Op::fc;
}

}  // namespace

Layer channel_slice(const Layer& layer, int ranks, bool& gathers) {
  Layer slice = layer;
  Shape& s = slice.shape;
  gathers = false;
  if (ranks == 1) return slice;
  if (!has_macs(layer)) {
    // Element-wise ops, pooling, LRN, concat: each GPU keeps its own channels.
    s.C = ceil_div(s.C, ranks);
    s.K = ceil_div(s.K, ranks);
    return slice;
  }
  if (s.groups % ranks == 0) {
    // Whole groups per GPU: the towers of the 2012 AlexNet, no communication.
    s.C /= ranks;
    s.K /= ranks;
    s.groups /= ranks;
    return slice;
  }
  // Every output channel reads all the input channels of its group: gather them first.
  s.K = ceil_div(s.K, ranks);
  s.C /= s.groups;
  s.groups = 1;
  gathers = layer.needs_input_grad;  // the image itself is on every GPU already
  return slice;
}

namespace {

struct Part {
  double fwd_s = 0;
  double bwd_s = 0;
  double update_s = 0;
  double grad_bookkeeping_s = 0;
  double host_idle_s = 0;
  Roof roof;
};

Part run_part(const Network& part, const Device& device, const TrainingOptions& options) {
  const TrainingPrediction p = predict_training(part, device, options);
  return {p.fwd_s, p.bwd_s, p.update_s, p.grad_bookkeeping_s, p.host_idle_s, p.placement.roof};
}

// When each layer's gradients are complete, counted from the start of backward: the end of the
// layer's last backward pass in execution order.
std::vector<std::pair<double, double>> gradient_ready_times(const Network& network,
                                                            const Device& device,
                                                            const TrainingOptions& options) {
  const Placement placement = place(network, device, options.placement);
  std::map<std::string, double> ready;
  double t = 0;
  for (const PlacedPass& row : placement.rows) {
    if (row.pass == Pass::fwd) continue;
    t += row.seconds;
    ready[row.layer] = t;
  }
  const std::int64_t element = element_bytes(options.placement.roof.dtype);
  std::vector<std::pair<double, double>> out;  // (ready time, gradient bytes)
  for (const Layer& layer : network.layers) {
    const std::int64_t params = cost_of(layer, options.placement.roof.dtype).params;
    if (params == 0) continue;
    const auto it = ready.find(layer.name);
    out.emplace_back(it == ready.end() ? t : it->second, static_cast<double>(params * element));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The data-parallel gradients' all-reduce. Without overlap, one all-reduce of every gradient
// after backward, all of it exposed. With overlap, buckets of at least bucket_mib in the order
// backward completes them, on one communication stream: each starts when it is ready and the
// previous one is done; only what runs past the end of backward is exposed.
void all_reduce_gradients(const Network& network, const Device& device, const Fabric& fabric,
                          const ParallelOptions& options, double backward_s,
                          ParallelPrediction& p) {
  if (fabric.ranks() == 1) return;  // one GPU has nobody to exchange gradients with
  const auto ready = gradient_ready_times(network, device, options.training);
  double total = 0;
  for (const auto& [t, bytes] : ready) total += bytes;
  p.gradient_bytes += total;
  if (total == 0) return;
  if (!options.overlap) {
    CommStep step{"gradients, all after backward",
                  collective_cost(Collective::all_reduce, options.algo, total, fabric)};
    step.exposed_s = step.cost.seconds;
    p.comm.push_back(step);
    return;
  }
  const double bucket_bytes = options.bucket_mib * 1024 * 1024;
  std::vector<std::pair<double, double>> buckets;  // (ready, bytes)
  for (const auto& [t, bytes] : ready) {
    if (buckets.empty() || buckets.back().second >= bucket_bytes) buckets.emplace_back(t, 0);
    buckets.back().first = t;
    buckets.back().second += bytes;
  }
  double stream = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    CommStep step{
        "gradients, bucket " + std::to_string(i + 1) + " of " + std::to_string(buckets.size()),
        collective_cost(Collective::all_reduce, options.algo, buckets[i].second, fabric)};
    const double start = std::max(buckets[i].first, stream);
    stream = start + step.cost.seconds;
    step.exposed_s = std::max(0.0, stream - std::max(start, backward_s));
    p.comm.push_back(step);
  }
}

// Model-parallel layers: every slice that reads all channels gathers its input in forward and
// scatters the summed input gradient back in backward, both on the critical path. A tensor that
// several layers read (an inception module's input, a residual block's input and its
// downsampling shortcut) is gathered once; their input gradients are summed on each GPU before
// one reduce-scatter. Networks without a graph (descriptor files) gather for every reader.
Network model_parallel_part(const Network& network, const Fabric& fabric, DType dtype,
                            ParallelPrediction& p) {
  Network sliced = network;
  const double element = static_cast<double>(element_bytes(dtype));
  const int ranks = fabric.ranks();
  const bool has_graph = network.input_of.size() == network.layers.size();
  std::set<int> gathered;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    const Layer& layer = network.layers[i];
    if (ranks > 1 && has_macs(layer) && layer.shape.K < ranks) {
      throw InputError(
          "model parallelism splits every layer's output channels over the GPUs, "
          "and " +
          layer.name + " has only " + std::to_string(layer.shape.K) + ": at most " +
          std::to_string(layer.shape.K) + " GPUs");
    }
    bool gathers = false;
    sliced.layers[i] = channel_slice(layer, ranks, gathers);
    if (!gathers) continue;
    if (has_graph && !gathered.insert(network.input_of[i]).second) continue;
    const Shape& s = layer.shape;
    // A grouped layer's slice reads only its own group's channels.
    const double bytes = static_cast<double>(s.N) * static_cast<double>(s.C) *
                         static_cast<double>(s.H) * static_cast<double>(s.W) * element /
                         static_cast<double>(s.groups);
    for (const auto& [what, collective] :
         {std::pair{" input (fwd)", Collective::all_gather},
          std::pair{" input grad (bwd)", Collective::reduce_scatter}}) {
      CommStep step{layer.name + what,
                    collective_cost(collective, CollectiveAlgo::ring, bytes, fabric)};
      step.exposed_s = step.cost.seconds;
      p.activation_bytes += bytes;
      p.comm.push_back(step);
    }
  }
  return sliced;
}

// Where OWT turns from data to model parallelism: the first fc layer after the last convolution
// (GoogLeNet's auxiliary classifiers have fc layers between convolutions; they stay data
// parallel with the convolutions around them).
std::size_t owt_split(const Network& network) {
  std::size_t after_convs = 0;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    if (network.layers[i].op == Op::conv) after_convs = i + 1;
  }
  for (std::size_t i = after_convs; i < network.layers.size(); ++i) {
    if (network.layers[i].op == Op::fc) return i;
  }
  throw InputError(
      "owt runs the fully connected layers after the convolutions model parallel, "
      "and " +
      network.name + " has none; use --strategy data");
}

// Layers [from, to) as a network of their own; inputs from outside the part keep distinct ids.
Network sub_network(const Network& network, std::size_t from, std::size_t to) {
  Network part = network;
  part.layers.assign(network.layers.begin() + static_cast<std::ptrdiff_t>(from),
                     network.layers.begin() + static_cast<std::ptrdiff_t>(to));
  if (network.input_of.size() == network.layers.size()) {
    part.input_of.clear();
    for (std::size_t i = from; i < to; ++i) {
      const int producer = network.input_of[i];
      const int first = static_cast<int>(from);
      part.input_of.push_back(producer >= first ? producer - first : -2 - producer);
    }
  }
  return part;
}

void add_part(ParallelPrediction& p, const Part& part) {
  p.fwd_s += part.fwd_s;
  p.bwd_s += part.bwd_s;
  p.update_s += part.update_s;
  p.grad_bookkeeping_s += part.grad_bookkeeping_s;
  p.host_idle_s += part.host_idle_s;
  p.roof = part.roof;
}

}  // namespace

ParallelPrediction predict_parallel(const Network& network, const Device& device,
                                    const Fabric& fabric, const ParallelOptions& options) {
  if (options.gpus_per_node < 1) throw InputError("--gpus must be at least 1");
  if (options.nodes < 1) throw InputError("--nodes must be at least 1");
  if (fabric.gpus_per_node != options.gpus_per_node || fabric.nodes != options.nodes) {
    throw InputError("the fabric spans a different number of GPUs than the options ask for");
  }
  if (!(options.bucket_mib > 0)) throw InputError("--bucket-mib must be positive");
  ParallelPrediction p;
  p.network = network.name;
  p.strategy = options.strategy;
  p.host_timeline = options.training.placement.model == TimeModel::achievable;
  p.gpus_per_node = options.gpus_per_node;
  p.nodes = options.nodes;
  p.gpus = fabric.ranks();
  p.fabric = fabric;
  p.algo = options.algo;
  p.overlap = options.overlap;
  p.strong_scaling = options.global_batch.has_value();

  // Batches: the model strategy runs one batch on all GPUs together; data and owt give each
  // GPU its own part of the global batch.
  const std::int64_t asked = options.global_batch.value_or(network.batch);
  if (asked < 1) throw InputError("the batch must be at least 1");
  p.baseline_batch = asked;
  const bool splits_batch = options.strategy != Strategy::model;
  if (!splits_batch) {
    p.per_gpu_batch = p.global_batch = asked;
  } else if (p.strong_scaling) {
    if (asked % p.gpus != 0) {
      throw InputError("--global-batch " + std::to_string(asked) + " does not split evenly over " +
                       std::to_string(p.gpus) + " GPUs");
    }
    p.per_gpu_batch = asked / p.gpus;
    p.global_batch = asked;
  } else {
    p.per_gpu_batch = asked;
    p.global_batch = asked * p.gpus;
  }

  if (p.global_batch > options.training.images_per_epoch) {
    throw InputError("an iteration of " + std::to_string(p.global_batch) +
                     " images is more than an epoch of " +
                     std::to_string(options.training.images_per_epoch));
  }
  const DType dtype = options.training.placement.roof.dtype;
  const Network per_gpu = with_batch(network, p.per_gpu_batch);
  // One GPU runs the whole network, whatever the strategy: splitting it into a conv part and an
  // fc part (owt) would give each its own update and host timeline, and one GPU would not be
  // its own baseline.
  switch (p.gpus == 1 ? Strategy::data : options.strategy) {
    case Strategy::data: {
      const Part part = run_part(per_gpu, device, options.training);
      add_part(p, part);
      all_reduce_gradients(per_gpu, device, fabric, options, part.bwd_s, p);
      break;
    }
    case Strategy::model: {
      const Network sliced = model_parallel_part(per_gpu, fabric, dtype, p);
      add_part(p, run_part(sliced, device, options.training));
      break;
    }
    case Strategy::owt: {
      const std::size_t split = owt_split(network);
      const Network convs = sub_network(per_gpu, 0, split);
      const Network fcs =
          sub_network(with_batch(network, p.global_batch), split, network.layers.size());
      const Network sliced = model_parallel_part(fcs, fabric, dtype, p);
      add_part(p, run_part(sliced, device, options.training));
      if (!convs.layers.empty()) {
        const Part part = run_part(convs, device, options.training);
        add_part(p, part);
        // The fc layers' backward runs first; the convolutions' gradients overlap with their
        // own backward only.
        all_reduce_gradients(convs, device, fabric, options, part.bwd_s, p);
      }
      break;
    }
  }
  // One GPU's iteration before communication, as predict_training composes it.
  p.compute_s = p.fwd_s + p.bwd_s + p.update_s + p.grad_bookkeeping_s + p.host_idle_s;
  for (const CommStep& step : p.comm) {
    p.comm_s += step.cost.seconds;
    p.exposed_comm_s += step.exposed_s;
  }
  p.iteration_s = p.compute_s + p.exposed_comm_s;

  const TrainingPrediction alone =
      predict_training(with_batch(network, p.baseline_batch), device, options.training);
  p.baseline_iteration_s = alone.iteration_s;
  p.images_per_s = static_cast<double>(p.global_batch) / p.iteration_s;
  p.baseline_images_per_s = static_cast<double>(p.baseline_batch) / p.baseline_iteration_s;
  p.speedup = p.images_per_s / p.baseline_images_per_s;
  p.efficiency = p.speedup / p.gpus;

  p.images_per_epoch = options.training.images_per_epoch;
  p.iterations_per_epoch = ceil_div(p.images_per_epoch, p.global_batch);
  p.epochs = options.training.epochs;
  p.epoch_s = p.iteration_s * static_cast<double>(p.iterations_per_epoch);
  p.total_s = p.epoch_s * static_cast<double>(p.epochs);
  return p;
}

}  // namespace roof
