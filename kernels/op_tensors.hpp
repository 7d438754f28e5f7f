#pragma once

// The tensors of the memory-bound ops, every op of a training iteration besides conv and fc
// (docs/kernels.md, "Memory-bound ops"). They travel in runner.hpp's PassTensors, as the
// convolutions' do, in the plain NCHW layout (softmax_loss: N x classes), with these contents:
//
//   op            fwd: x (-> y)                         bwd_data: x, dy (-> dx)
//   relu          x                                     x, dy
//   max_pool      x                                     x, dy (the arg-max found again from x)
//   avg_pool      x                                     dy
//   lrn           x                                     x, dy
//   batch_norm    x, w = gamma and beta (2 C)           x, dy, w (gamma, beta)
//   concat        x = the parts one after another       dy
//   add           x = the two summands one after other  dy = the two branches' gradients
//   dropout       x                                     dy (the mask is dropout_keeps(i))
//   softmax_loss  x = the logits                        x, dy unused (labels: softmax_label)
//
// The forward state a backward pass reads (max pooling's arg-max, batch norm's statistics,
// LRN's scale, the softmax probabilities, dropout's mask) is what a framework keeps from its
// forward pass; the runners compute it in prepare(), untimed, from x. The backward of add is the
// gradient sum where two paths forked (the residual fork), the backward of concat its split.

#include <cstdint>
#include <vector>

#include "networks/layer.hpp"

namespace roof::kernels {

bool is_memory_op(const Layer& layer);  // every op but conv and fc
// A memory op whose shape validates (networks/layer.hpp) and whose tensors fit in memory's
// indexing; what a runner can be asked to run.
bool is_valid_memory_op(const Layer& layer);

// Element counts of what a pass of a memory op reads; 0 when it does not read the tensor.
std::int64_t op_x_elements(const Layer& layer, bool forward);
std::int64_t op_dy_elements(const Layer& layer, bool forward);
std::int64_t op_w_elements(const Layer& layer);  // batch_norm: 2 C, else 0

// concat's parts: `inputs` channel groups of C, the first C % inputs one channel wider. The
// catalogue records how many tensors a concat joins, not each one's channels; the bytes a
// concat moves do not depend on the split.
std::vector<std::int64_t> concat_channels(const Layer& layer);

// The fixed parameters every implementation uses: Caffe's LRN (AlexNet's and GoogLeNet's
// local_size is the layer's R), batch norm's epsilon (PyTorch's and cuDNN's default), a
// dropout probability of 0.5 with its kept values scaled by 2.
inline constexpr double kLrnAlpha = 1e-4;
inline constexpr double kLrnBeta = 0.75;
inline constexpr double kLrnK = 1.0;
inline constexpr double kBatchNormEpsilon = 1e-5;
inline constexpr float kDropoutScale = 2.0f;

// Image n's class in softmax_loss, and whether dropout keeps element i: fixed functions of the
// index, so every implementation and the reference agree without passing them around.
std::int64_t softmax_label(std::int64_t n, std::int64_t classes);
bool dropout_keeps(std::int64_t index);

}  // namespace roof::kernels
