#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "roofline/library_algorithm.hpp"

namespace roof {

// Batch norm in training as a framework's own kernels run it: full-tensor passes over DRAM (each
// read or write of an activation-sized tensor) and kernels, per pass. The cost model counts
// cuDNN's one call: forward 2 passes (read x, write y), backward 3 (read x and dy, write dx).
struct BatchNormKernels {
  int fwd_passes = 2;
  int fwd_kernels = 1;
  int bwd_passes = 3;
  int bwd_kernels = 1;
};

// How a framework runs and times a training iteration (docs/metrics.md, "Framework recipes"):
// the host time it spends per kernel it launches, which library picks the algorithms, and
// whether the optimizer step is inside the time it reports. The host costs are not fitted:
// they are the orders of magnitude the frameworks' own profiles show (docs/metrics.md says
// which), and the host timeline only matters where the GPU's kernels are shorter than them.
struct FrameworkRecipe {
  std::string_view name;                     // --framework value
  std::string_view description;              // one line for headings
  std::string_view follows;                  // the code the recipe follows
  double dispatch_s = 0;                     // host time per kernel launched (framework + launch)
  std::optional<LibraryGeneration> library;  // empty: the device's era library
  bool times_update = true;                  // the reported iteration includes the optimizer step
  int update_kernels_per_tensor = 1;
  // The layers that read the image compute their input gradient (dX) as well. Torch7's
  // nn.Module:backward runs updateGradInput on every module, the first included, unless the
  // model sets that module's gradInput to nil (fb.resnet.torch's models/resnet.lua does);
  // autograd, Caffe and TensorFlow skip a gradient nothing upstream needs.
  bool input_gradient = false;
  // The loss layer's passes are inside the reported time (cnn-benchmarks back-propagates a
  // random gradient from the network's output, without a criterion).
  bool times_loss = true;
  // A grouped convolution runs as one ungrouped library call per group, each choosing its own
  // algorithm: cudnn.torch and Caffe's CuDNNConvolutionLayer loop over the groups (cuDNN before
  // 7 had no group count); PyTorch and TensorFlow hand cuDNN 7+ the groups in one call.
  bool per_group_calls = false;
  // Empty: one cuDNN call per pass (cudnnBatchNormalization*), as the cost model counts it.
  std::optional<BatchNormKernels> batch_norm;
  // PyTorch 1.x's gradient bookkeeping: zero_grad() fills every gradient with zeros (its
  // set_to_none defaulted to False before 2.0) and autograd's AccumulateGrad then adds each new
  // gradient into the zeroed one, in place. Per weight tensor a fill (one write) and an add (two
  // reads, one write), inside the step whether the optimizer runs or not. PyTorch 2.0's
  // set_to_none default leaves the gradient undefined, and AccumulateGrad takes the new one.
  bool zeroes_and_accumulates_grads = false;
};

const std::vector<FrameworkRecipe>& framework_recipes();
// pytorch, pytorch1, torch7, caffe, tensorflow; throws InputError listing them.
const FrameworkRecipe& find_framework(std::string_view name);

}  // namespace roof
