#include "roofline/training.hpp"

#include <algorithm>

#include "support/checked_math.hpp"
#include "support/input_error.hpp"

namespace roof {

std::int64_t dataset_images(std::string_view dataset) {
  if (dataset == "imagenet") return 1281167;
  if (dataset == "cifar10") return 50000;
  if (dataset == "mnist" || dataset == "kmnist") return 60000;
  throw InputError("unknown dataset size '" + std::string(dataset) +
                   "' (expected a number of images, or imagenet, cifar10, mnist, kmnist)");
}

TrainingPrediction predict_training(const Network& network, const Device& device,
                                    const TrainingOptions& options) {
  if (options.images_per_epoch <= 0) throw InputError("an epoch needs at least one image");
  if (options.epochs <= 0) throw InputError("--epochs must be at least 1");
  TrainingPrediction p;
  p.placement = place(network, device, options.placement);
  for (const PlacedPass& row : p.placement.rows) {
    switch (row.pass) {
      case Pass::fwd:
        p.fwd_s += row.seconds;
        break;
      case Pass::bwd_data:
        p.bwd_data_s += row.seconds;
        break;
      case Pass::bwd_weights:
        p.bwd_weights_s += row.seconds;
        break;
    }
    // The loss's kernels and the GPU's wait for their launch: what a benchmark without a
    // criterion does not run.
    if (row.op == to_string(Op::softmax_loss)) p.loss_s += row.seconds + row.host_wait_s;
  }
  p.bwd_s = p.bwd_data_s + p.bwd_weights_s;

  p.update.params = totals_of(network, options.placement.roof.dtype).params;
  const double params = static_cast<double>(p.update.params);
  p.update.flops = 4 * params;
  p.update.bytes = 5 * params * static_cast<double>(element_bytes(options.placement.roof.dtype));
  for (const Layer& layer : network.layers) {
    p.update.tensors += static_cast<std::int64_t>(
        cost_of(layer, options.placement.roof.dtype).weight_tensors.size());
  }
  p.update.seconds = predicted_seconds(p.placement.roof, p.update.flops, p.update.bytes);
  if (p.placement.model == TimeModel::achievable) {
    // Per tensor, the recipe's kernels, each at least the fitted floor and all together the
    // update's bytes at the streaming fraction of bandwidth; the host launches them.
    const FrameworkRecipe& recipe = find_framework(options.placement.framework);
    const AchievableModel& model =
        options.placement.achievable ? *options.placement.achievable : AchievableModel::builtin();
    const double kernels = static_cast<double>(p.update.tensors * recipe.update_kernels_per_tensor);
    const double gpu =
        kernels * model.memory_ops.floor_s +
        p.update.bytes / (p.placement.roof.bandwidth * model.bandwidth_fraction("relu", Pass::fwd));
    p.update.seconds = std::max(gpu, kernels * p.placement.dispatch_s);
    p.update_in_reported = recipe.times_update;
    p.loss_in_reported = recipe.times_loss;
  }
  if (options.time_update) p.update_in_reported = *options.time_update;
  p.update_s = p.update.seconds;
  p.host_idle_s = p.placement.host_idle_s;

  // The GPU's time in them; their launch waits are in host_idle_s.
  p.grad_bookkeeping_s = p.placement.grad_bookkeeping.seconds;
  p.iteration_s = p.fwd_s + p.bwd_s + p.update_s + p.grad_bookkeeping_s + p.host_idle_s;
  p.reported_s =
      p.iteration_s - (p.update_in_reported ? 0 : p.update_s) - (p.loss_in_reported ? 0 : p.loss_s);
  p.images_per_epoch = options.images_per_epoch;
  p.iterations_per_epoch = ceil_div(options.images_per_epoch, network.batch);
  p.epochs = options.epochs;
  p.epoch_s = p.iteration_s * static_cast<double>(p.iterations_per_epoch);
  p.total_s = p.epoch_s * static_cast<double>(p.epochs);
  return p;
}

}  // namespace roof
