#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace roof {

// Every op a training iteration of the catalogue's networks runs. conv and fc carry the MACs;
// the others move bytes and do a few FLOPs per element (docs/metrics.md).
enum class Op {
  conv,
  fc,
  max_pool,
  avg_pool,
  relu,
  lrn,
  batch_norm,
  concat,
  add,
  dropout,
  softmax_loss,
};

inline constexpr Op kAllOps[] = {Op::conv, Op::fc,      Op::max_pool,    Op::avg_pool,
                                 Op::relu, Op::lrn,     Op::batch_norm,  Op::concat,
                                 Op::add,  Op::dropout, Op::softmax_loss};

std::string_view to_string(Op op);

// One shape record for every op, in the letters cuDNN and the roofline literature use:
// input N x C x H x W, output N x K x P x Q, window R x S. fc layers use C (inputs, flattened)
// and K (outputs) with H = W = P = Q = R = S = 1. Element-wise ops have K = C, P = H, Q = W.
// Dilation follows benchdnn: 0 means a dense window.
struct Shape {
  std::int64_t N = 1;
  std::int64_t C = 1;
  std::int64_t H = 1;
  std::int64_t W = 1;
  std::int64_t K = 1;
  std::int64_t R = 1;
  std::int64_t S = 1;
  std::int64_t P = 1;
  std::int64_t Q = 1;
  std::int64_t stride_h = 1;
  std::int64_t stride_w = 1;
  std::int64_t pad_h = 0;
  std::int64_t pad_w = 0;
  std::int64_t dilation_h = 0;
  std::int64_t dilation_w = 0;
  std::int64_t groups = 1;

  friend bool operator==(const Shape&, const Shape&) = default;
};

struct Layer {
  std::string name;
  Op op = Op::conv;
  Shape shape;
  // conv and fc: a bias vector of K values (AlexNet, VGG, GoogLeNet have one; ResNet's convs
  // feed batch norm and have none).
  bool bias = false;
  // False for the layers that read the network's input image: nothing upstream needs dX, so
  // the iteration has no bwd_data pass for them.
  bool needs_input_grad = true;
  // concat: how many tensors are joined; add: 2. Informational: bytes follow from the shape.
  int inputs = 1;

  friend bool operator==(const Layer&, const Layer&) = default;
};

// What the benchmark names and the totals call a layer: "conv", "conv1x1", "fc", or "" for an
// op without MACs. A 1x1 convolution with no padding is one GEMM.
std::string_view compute_kind(const Layer& layer);
bool is_conv1x1(const Layer& layer);

// (window - 1)(dilation + 1) + 1, the elements a dilated window spans, refused (InputError) when
// it does not fit in 64 bits: a dilation of 2^62 would wrap to a negative extent and make an
// impossible layer look valid.
std::int64_t window_extent(std::int64_t window, std::int64_t dilation);

// Output extent of a sliding window, the formula every framework uses (floor mode).
std::int64_t window_output(std::int64_t input, std::int64_t window, std::int64_t stride,
                           std::int64_t pad, std::int64_t dilation);

// Throws InputError naming the layer and the first impossible field: a non-positive extent,
// groups that do not divide the channels, a window larger than the padded input, an output
// extent that does not follow from the input, window, stride and padding.
void validate(const Layer& layer);

}  // namespace roof
