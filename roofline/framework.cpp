#include "roofline/framework.hpp"

#include <string>

#include "support/input_error.hpp"

namespace roof {

const std::vector<FrameworkRecipe>& framework_recipes() {
  static const std::vector<FrameworkRecipe> recipes = {
      {"pytorch", "PyTorch eager, cudnn.benchmark = True, SGD with momentum in the iteration",
       "torch/nn/modules (one cuDNN call per conv pass, fused cudnnBatchNormalization), "
       "torch/optim/sgd.py (per-tensor momentum and weight kernels)",
       10e-6, std::nullopt, true, 2, false, true, false},
      {"pytorch1",
       "PyTorch 1.x eager, cudnn.benchmark = True, SGD with momentum in the iteration, "
       "zero_grad filling the gradients that backward adds into",
       "as pytorch, plus torch/optim/optimizer.py and torch/nn/modules/module.py zero_grad "
       "(set_to_none=False before 2.0: a fill per gradient) and "
       "torch/csrc/autograd/functions/accumulate_grad.h (variable_grad += new_grad)",
       10e-6, std::nullopt, true, 2, false, true, false, std::nullopt, true},
      {"torch7", "Torch7 with cudnn.torch, forward and backward timed, no update",
       "jcjohnson/cnn-benchmarks cnn_benchmark.lua (times model:forward and model:backward), "
       "soumith/cudnn.torch (one cuDNN call per pass and group), torch/nn Module:backward "
       "(the first module's gradInput too), cuDNN 5.1",
       6e-6, LibraryGeneration::cudnn5, false, 1, true, false, true},
      // BVLC Caffe's BatchNorm layer (batch_norm_layer.cu, training, in place) is 12 passes in
      // 15 kernels forward (gemv sums, gemm broadcasts, mul, div, a copy to x_norm) and 19 in
      // 13 backward; the Scale layer with its bias after it (scale_layer.cu) adds 4 passes in
      // 2 kernels and 7 in 6. cuDNN's batch norm is not in BVLC Caffe.
      {"caffe", "Caffe with the cuDNN engine, `caffe time` (forward and backward, no update)",
       "BVLC/caffe tools/caffe.cpp time(): Net::Forward and Net::Backward per layer "
       "(Net::Init: no bottom diff for the data layer), CuDNNConvolutionLayer (a call per "
       "group), BatchNorm + Scale layers (batch_norm_layer.cu, scale_layer.cu)",
       4e-6, LibraryGeneration::cudnn5, false, 1, false, true, true,
       BatchNormKernels{16, 17, 26, 19}},
      {"tensorflow", "TensorFlow/Keras graph mode, one training step including the update",
       "tensorflow/core/common_runtime executor (one kernel per graph op), "
       "keras optimizer apply_gradients",
       3e-6, std::nullopt, true, 1, false, true, false},
  };
  return recipes;
}

const FrameworkRecipe& find_framework(std::string_view name) {
  std::string known;
  for (const FrameworkRecipe& r : framework_recipes()) {
    if (r.name == name) return r;
    known += (known.empty() ? "" : ", ") + std::string(r.name);
  }
  throw InputError("unknown framework '" + std::string(name) + "' (expected " + known + ")");
}

}  // namespace roof
