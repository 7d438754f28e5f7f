#include "roofline/placement.hpp"

#include <algorithm>

#include "support/checked_math.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {

std::string_view to_string(TimeModel model) {
  return model == TimeModel::roofline ? "roofline" : "achievable";
}

TimeModel parse_time_model(std::string_view text) {
  if (text == "roofline") return TimeModel::roofline;
  if (text == "achievable") return TimeModel::achievable;
  throw InputError("unknown model '" + std::string(text) + "' (expected achievable or roofline)");
}

namespace {

// Batch norm as the recipe's own kernels run it: their full-tensor passes replace the cost
// model's (BatchNormKernels' defaults), the per-channel terms stay.
void apply_batch_norm_kernels(const Layer& layer, const BatchNormKernels& bn, DType dtype,
                              LayerCost& cost) {
  const Shape& s = layer.shape;
  std::int64_t tensor = element_bytes(dtype);
  for (std::int64_t extent : {s.N, s.C, s.H, s.W}) tensor = checked_mul(tensor, extent, "bytes");
  const BatchNormKernels one_call;
  auto replace = [&](std::optional<PassCost>& pass, int passes, int counted) {
    if (pass)
      pass->bytes = checked_add(pass->bytes, checked_mul(passes - counted, tensor, "bytes"));
  };
  replace(cost.passes[0], bn.fwd_passes, one_call.fwd_passes);
  replace(cost.passes[1], bn.bwd_passes, one_call.bwd_passes);
}

// A measured machine's STREAM copy rate (a tensor read, a tensor written: what ReLU, pooling and
// the other element-wise ops do), when its bench_roofs run measured one below the DRAM ceiling.
std::optional<double> measured_copy_bandwidth(const Device& device, const Roof& roof) {
  if (!device.measured) return std::nullopt;
  for (const Measurement::MemoryStream& stream : device.measured->memory_streams) {
    if (stream.kernel == "STREAM copy" && stream.gbs > 0) {
      return std::min(stream.gbs * 1e9, roof.bandwidth);
    }
  }
  return std::nullopt;
}

PlacedPass place_pass(const Layer& layer, Pass pass, const PassCost& cost, const Roof& roof,
                      ConvAlgo algo) {
  const AlgoChoice choice = algorithm_for(layer, pass, algo);
  PlacedPass row;
  row.layer = layer.name;
  const std::string_view kind = compute_kind(layer);
  row.op = std::string(kind.empty() ? to_string(layer.op) : kind);
  row.pass = pass;
  row.algorithm = std::string(choice.name);
  row.flops = static_cast<double>(cost.flops);
  row.executed_flops = row.flops * choice.flop_fraction;
  row.bytes = static_cast<double>(cost.bytes);
  row.ai = row.bytes > 0 ? row.flops / row.bytes : 0;
  const double executed_ai = row.bytes > 0 ? row.executed_flops / row.bytes : 0;
  row.bound = bound_of(roof, row.executed_flops, row.bytes);
  row.attainable_flops = attainable_flops(roof, executed_ai);
  row.seconds = predicted_seconds(roof, row.executed_flops, row.bytes);
  row.bound_seconds = row.seconds;
  return row;
}

// The achievable model's row: the library's algorithm and its executed FLOPs, the bound of
// those on the same roof, and the fitted time.
PlacedPass achieve_pass(const Layer& layer, Pass pass, const PassCost& cost, const Roof& roof,
                        const AchievableContext& context) {
  PlacedPass row = place_pass(layer, pass, cost, roof, ConvAlgo::direct);
  AchievedPass a = achieve(layer, pass, cost, context);
  if (!a.algorithm.empty()) row.algorithm = a.algorithm;
  row.executed_flops = a.executed_flops;
  const double executed_ai = row.bytes > 0 ? row.executed_flops / row.bytes : 0;
  row.bound = bound_of(roof, row.executed_flops, row.bytes);
  row.attainable_flops = attainable_flops(roof, executed_ai);
  row.bound_seconds = predicted_seconds(roof, row.executed_flops, row.bytes);
  row.seconds = a.seconds;
  row.achieved = std::move(a);
  return row;
}

}  // namespace

Placement place(const Network& network, const Device& device, const PlacementOptions& options) {
  Placement placement;
  placement.network = network.name;
  placement.dataset = network.dataset ? std::string(to_string(*network.dataset)) : "";
  placement.batch = network.batch;
  placement.dtype = options.roof.dtype;
  placement.conv_algo = options.conv_algo;
  placement.roof = resolve_roof(device, options.roof);

  std::optional<AchievableContext> context;
  const FrameworkRecipe* recipe = nullptr;
  const AchievableModel& model =
      options.achievable ? *options.achievable : AchievableModel::builtin();
  // A measured CPU's other ops under the achievable model: at its STREAM copy rate (below).
  std::optional<double> streaming_bandwidth;
  if (options.model == TimeModel::achievable && !model.covers(device.architecture)) {
    // A CPU, a measured machine or a GPU family without calibration: the bound, said so.
    placement.model_description = "roofline bound: the achievable model has no calibration for " +
                                  (device.architecture.empty() ? device.name : device.architecture);
    streaming_bandwidth = measured_copy_bandwidth(device, placement.roof);
    if (streaming_bandwidth) {
      placement.model_description =
          "roofline bound for conv, fc and the update, as the achievable model has no "
          "calibration for " +
          device.architecture + "; the other ops at the STREAM copy rate bench_roofs measured, " +
          fixed(*streaming_bandwidth / 1e9, 1) + " GB/s, " +
          fixed(100 * *streaming_bandwidth / placement.roof.bandwidth, 0) +
          "% of the DRAM ceiling: they read a tensor and write one, as STREAM copy does";
    }
    if (options.dispatch_s) {
      placement.model_description +=
          " (--host-us has no effect here: without the calibration there is no host timeline)";
    }
    if (options.framework != PlacementOptions{}.framework) {
      placement.model_description += " (--framework " + options.framework +
                                     " has no effect here: without the calibration there is no "
                                     "framework recipe)";
    }
  } else if (options.model == TimeModel::achievable) {
    recipe = &find_framework(options.framework);
    const LibraryGeneration library =
        options.library ? *options.library
                        : recipe->library.value_or(era_library(device.architecture));
    context = achievable_context(device, model, library, options.roof);
    context->per_group_calls = recipe->per_group_calls;
    context->batch_norm = recipe->batch_norm;
    // The bounds beside the achievable times are on the ceilings its efficiencies divide.
    placement.roof = context->roof;
    placement.model = TimeModel::achievable;
    placement.model_description = context->describe();
    placement.framework = std::string(recipe->description);
    // PyTorch 1.7 and later default torch.backends.cudnn.allow_tf32 to True: on a GPU with TF32
    // tensor cores its fp32 convolutions are not fp32 arithmetic, which the heading says.
    if (recipe->name.starts_with("pytorch") && options.roof.dtype == DType::fp32 &&
        !options.roof.tf32 && device.peaks.count("tensor_tf32")) {
      placement.framework +=
          "; on this GPU PyTorch runs fp32 convolutions on TF32 tensor cores by default "
          "(torch.backends.cudnn.allow_tf32), which --math tf32 models";
    }
    placement.dispatch_s = options.dispatch_s.value_or(recipe->dispatch_s);
    if (options.dispatch_s) {
      placement.framework += "; host time per kernel " + fixed(*options.dispatch_s * 1e6, 1) +
                             " us (--host-us; the recipe's " + fixed(recipe->dispatch_s * 1e6, 0) +
                             " us)";
    }
  }
  placement.input_gradient =
      options.input_gradient.value_or(recipe != nullptr && recipe->input_gradient);

  std::vector<Layer> layers = network.layers;
  if (placement.input_gradient) {
    for (Layer& layer : layers) layer.needs_input_grad = true;
  }
  std::vector<LayerCost> costs;
  costs.reserve(layers.size());
  placement.rows.reserve(3 * layers.size());
  for (const Layer& layer : layers) {
    costs.push_back(cost_of(layer, options.roof.dtype));
    if (layer.op == Op::batch_norm && context && context->batch_norm) {
      apply_batch_norm_kernels(layer, *context->batch_norm, options.roof.dtype, costs.back());
    }
  }
  std::vector<std::size_t> layer_of_row;  // the index in `layers` of each row
  layer_of_row.reserve(3 * layers.size());
  auto add = [&](std::size_t i, Pass pass) {
    if (const auto& cost = costs[i].pass(pass)) {
      layer_of_row.push_back(i);
      placement.rows.push_back(
          context ? achieve_pass(layers[i], pass, *cost, placement.roof, *context)
                  : place_pass(layers[i], pass, *cost, placement.roof, options.conv_algo));
      PlacedPass& row = placement.rows.back();
      if (streaming_bandwidth && !is_layer_with_macs(row.op)) {
        row.seconds = std::max(row.executed_flops / placement.roof.peak_flops,
                               row.bytes / *streaming_bandwidth);
      }
    }
  };
  for (std::size_t i = 0; i < layers.size(); ++i) add(i, Pass::fwd);
  for (std::size_t i = layers.size(); i-- > 0;) {
    add(i, Pass::bwd_data);
    add(i, Pass::bwd_weights);
  }
  for (const PlacedPass& row : placement.rows) placement.seconds += row.seconds;
  if (recipe) {
    // Two timelines: the host launches each of a pass's calls (kernels), dispatch_s apart; the
    // GPU runs each, an equal share of the pass, when it is free and launched. Idle GPU time is
    // the host-bound part.
    double host = 0;
    double gpu = 0;
    // One kernel launched and run; returns the GPU's wait for its launch.
    const auto launch = [&](double kernel_s) {
      host += placement.dispatch_s;
      const double start = std::max(gpu, host);
      const double wait = start - gpu;
      gpu = start + kernel_s;
      return wait;
    };
    GradBookkeeping& book = placement.grad_bookkeeping;
    const double element = static_cast<double>(element_bytes(options.roof.dtype));
    const double streaming = placement.roof.bandwidth * context->streaming_fraction;
    // A layer's fills (passes = 1) or adds (3): one kernel per weight tensor, each over its own
    // elements (a conv's or fc's weights and bias; batch norm's scale and shift, C each).
    const auto bookkeeping = [&](std::size_t i, int passes) {
      const std::vector<std::int64_t>& tensors = costs[i].weight_tensors;
      for (const std::int64_t elements : tensors) {
        const double bytes = passes * static_cast<double>(elements) * element;
        const double kernel_s = model.memory_ops.floor_s + bytes / streaming;
        book.host_wait_s += launch(kernel_s);
        book.bytes += bytes;
        book.seconds += kernel_s;
        ++book.kernels;
      }
      if (passes == 3) book.flops += static_cast<double>(costs[i].params);
    };
    if (recipe->zeroes_and_accumulates_grads) {
      for (std::size_t i = 0; i < layers.size(); ++i) bookkeeping(i, 1);  // zero_grad()
    }
    for (std::size_t r = 0; r < placement.rows.size(); ++r) {
      PlacedPass& row = placement.rows[r];
      const int calls = row.achieved ? std::max(row.achieved->calls, 1) : 1;
      row.host_wait_s = 0;
      for (int k = 0; k < calls; ++k) row.host_wait_s += launch(row.seconds / calls);
      placement.host_idle_s += row.host_wait_s;
      // AccumulateGrad after a layer's last backward pass, where its weight gradients are done.
      const bool last_of_layer =
          r + 1 == placement.rows.size() || layer_of_row[r + 1] != layer_of_row[r];
      if (recipe->zeroes_and_accumulates_grads && row.pass != Pass::fwd && last_of_layer) {
        bookkeeping(layer_of_row[r], 3);
      }
    }
    placement.host_idle_s += book.host_wait_s;
  }
  for (PlacedPass& row : placement.rows) row.share = row.seconds / placement.seconds;
  return placement;
}

}  // namespace roof
