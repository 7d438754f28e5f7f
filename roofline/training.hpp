#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "roofline/placement.hpp"

namespace roof {

// Images in one epoch of the datasets the seed studies train on: ImageNet-1k's training set
// (1,281,167), CIFAR-10 (50,000), MNIST and KMNIST (60,000 each).
std::int64_t dataset_images(std::string_view dataset);  // throws InputError

// The optimizer step, SGD with momentum: per parameter, read the weight, its gradient and its
// momentum, write the momentum and the weight (5 tensors), 4 FLOPs (v = mu*v + g; w -= lr*v).
// Always memory bound.
struct UpdateCost {
  std::int64_t params = 0;
  std::int64_t tensors = 0;  // weight and bias tensors: one set of kernels each
  double flops = 0;
  double bytes = 0;
  double seconds = 0;
};

struct TrainingOptions {
  PlacementOptions placement;
  std::int64_t images_per_epoch = 0;
  std::int64_t epochs = 1;
  // Whether the reported time includes the optimizer step; empty: the framework recipe's choice
  // (a benchmark that times forward and backward only, as ryujaehun/pytorch-gpu-benchmark does,
  // is PyTorch with the update left out). The iteration and the epoch always include it.
  std::optional<bool> time_update;
};

// One training iteration = fwd + bwd_data + bwd_weights of every layer + the update; then the
// epoch (ceil(images / batch) iterations, the last partial batch counted whole) and the run.
struct TrainingPrediction {
  Placement placement;
  UpdateCost update;
  double fwd_s = 0;
  double bwd_data_s = 0;
  double bwd_weights_s = 0;
  double bwd_s = 0;  // both backward passes
  double update_s = 0;
  // PyTorch 1.x's zero_grad fills and AccumulateGrad adds (placement.grad_bookkeeping): the
  // GPU's time in them, in the iteration and in the reported time.
  double grad_bookkeeping_s = 0;
  double host_idle_s = 0;  // achievable model: GPU waiting on the framework's host
  // fwd + bwd + update + gradient bookkeeping (+ host idle): what an epoch is made of
  double iteration_s = 0;
  // What the framework's own benchmark reports for one iteration: iteration_s, less the update
  // where the recipe leaves it out of the time (Torch7's and Caffe's benchmarks), less the loss
  // layer's passes where it times none (cnn-benchmarks).
  double reported_s = 0;
  bool update_in_reported = true;
  bool loss_in_reported = true;
  double loss_s = 0;  // the loss layer's passes (softmax_loss), with the GPU's wait on their launch
  std::int64_t images_per_epoch = 0;
  std::int64_t iterations_per_epoch = 0;
  std::int64_t epochs = 0;
  double epoch_s = 0;
  double total_s = 0;
};

TrainingPrediction predict_training(const Network& network, const Device& device,
                                    const TrainingOptions& options);

}  // namespace roof
