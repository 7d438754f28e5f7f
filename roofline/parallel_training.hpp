#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roofline/collectives.hpp"
#include "roofline/training.hpp"

namespace roof {

// How the GPUs share an iteration (docs/cluster.md):
// data  - every GPU holds the whole model and runs its own part of the batch; the gradients are
//         all-reduced before the update.
// model - every GPU holds a slice of every layer's channels and runs the whole batch; layers
//         that read all channels gather their input first (the two-tower AlexNet of 2012).
// owt   - Krizhevsky's "one weird trick": the layers before the first fc layer data parallel,
//         the fc layers model parallel over the whole global batch.
enum class Strategy { data, model, owt };

std::string_view to_string(Strategy strategy);
Strategy parse_strategy(std::string_view text);  // throws InputError

struct ParallelOptions {
  TrainingOptions training;
  int gpus_per_node = 1;
  int nodes = 1;
  Strategy strategy = Strategy::data;
  CollectiveAlgo algo = CollectiveAlgo::automatic;  // of the gradient all-reduce
  // Start each bucket's all-reduce as soon as backward has produced its gradients (PyTorch
  // DDP, Horovod) instead of one all-reduce after backward (Keras, Caffe).
  bool overlap = false;
  double bucket_mib = 25;  // PyTorch DDP's default bucket
  // Strong scaling: this many images per iteration over all GPUs. Empty: weak scaling, the
  // network's batch per GPU (data and owt) or per model (model).
  std::optional<std::int64_t> global_batch;
};

// One collective of the iteration and the part of it the iteration waits for.
struct CommStep {
  std::string what;  // "gradients, bucket 2 of 3", "fc6 input (fwd)", "fc6 input grad (bwd)"
  CollectiveCost cost;
  double exposed_s = 0;
};

struct ParallelPrediction {
  std::string network;
  Strategy strategy = Strategy::data;
  int gpus_per_node = 1;
  int nodes = 1;
  int gpus = 1;
  Fabric fabric;
  CollectiveAlgo algo = CollectiveAlgo::automatic;
  bool overlap = false;
  bool strong_scaling = false;
  std::int64_t per_gpu_batch = 0;   // images one GPU's data-parallel layers run
  std::int64_t global_batch = 0;    // images per iteration, all GPUs together
  std::int64_t baseline_batch = 0;  // what one GPU alone runs for the speedup
  Roof roof;
  bool host_timeline = false;  // the achievable model: the recipe's kernel launches are modelled

  // One GPU's compute (the slowest GPU's, where slices are uneven).
  double fwd_s = 0;
  double bwd_s = 0;
  double update_s = 0;
  double grad_bookkeeping_s = 0;  // PyTorch 1.x's zero_grad fill and AccumulateGrad add
  double host_idle_s = 0;         // the GPU waiting on the host (achievable model)
  double compute_s = 0;           // the sum of the five above
  double gradient_bytes = 0;      // all-reduced per iteration by the data-parallel layers
  double activation_bytes = 0;    // gathered and scattered per iteration by the model-parallel ones
  double comm_s = 0;              // every collective, as if nothing overlapped
  double exposed_comm_s = 0;      // what the iteration waits for
  double iteration_s = 0;         // compute + exposed communication
  std::vector<CommStep> comm;

  double baseline_iteration_s = 0;  // one GPU at baseline_batch, the same model
  double images_per_s = 0;
  double baseline_images_per_s = 0;
  double speedup = 0;     // images_per_s / baseline_images_per_s
  double efficiency = 0;  // speedup / gpus

  std::int64_t images_per_epoch = 0;
  std::int64_t iterations_per_epoch = 0;
  std::int64_t epochs = 0;
  double epoch_s = 0;
  double total_s = 0;
};

// Predicts one iteration, an epoch and the run on gpus_per_node x nodes GPUs of one device type
// joined by `fabric`. The network may be built at any batch; options and its batch set the
// per-GPU and global batches. Throws InputError for a global batch the GPUs cannot split.
ParallelPrediction predict_parallel(const Network& network, const Device& device,
                                    const Fabric& fabric, const ParallelOptions& options);

// The slice of one layer that each of `ranks` GPUs runs under model parallelism: its output
// channels (and, for a grouped convolution whose groups the GPUs divide, its input channels)
// split evenly, rounded up, since the largest slice sets the pace. `gathers` is set when the
// slice needs every GPU's part of its input first.
Layer channel_slice(const Layer& layer, int ranks, bool& gathers);

}  // namespace roof
