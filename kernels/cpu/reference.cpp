#include "kernels/cpu/reference.hpp"

#include <cmath>

#include "kernels/cpu/plain_layout.hpp"

// The formulas, in the letters of networks/layer.hpp. G groups split the C input and K output
// channels: filter k sees the Cg = C/G input channels of its group g = k / Kg, Kg = K/G. Output
// position (p, q) reads, through window tap (r, s), the input at
//   h = p * stride_h - pad_h + r * (dilation_h + 1)
//   w = q * stride_w - pad_w + s * (dilation_w + 1)
// (dilation counted from 0, as benchdnn counts it); taps that land on the padding read 0.
//   fwd:          y[n][k][p][q]  = bias[k] + sum over c, r, s of x[n][g Cg + c][h][w] w[k][c][r][s]
//   bwd_data:     dx[n][g Cg + c][h][w] = sum over the k of group g and the taps (r, s) whose
//                                         (p, q) read (h, w) of dy[n][k][p][q] w[k][c][r][s]
//   bwd_weights:  dw[k][c][r][s] = sum over n, p, q of x[n][g Cg + c][h][w] dy[n][k][p][q]
// An fc layer is a conv with 1x1 maps and window; its formulas are written out on their own:
//   y[n][k] = bias[k] + sum_c x[n][c] w[k][c],  dx[n][c] = sum_k dy[n][k] w[k][c],
//   dw[k][c] = sum_n x[n][c] dy[n][k].

namespace roof::kernels {
namespace {

// Adds terms in float64 and keeps the sum of their absolute values beside the sum.
struct Accumulator {
  ReferencePoint point;

  void add(double term) {
    point.value += term;
    point.magnitude += std::abs(term);
  }
  void add_product(float a, float b) { add(static_cast<double>(a) * static_cast<double>(b)); }
};

float at(const std::vector<float>& tensor, std::int64_t offset) {
  return tensor[static_cast<std::size_t>(offset)];
}

// Offsets into the plain layouts: activations NCHW (channels x height x width per image),
// weights KCRS with Cg channels per filter.
std::int64_t activation_offset(std::int64_t n, std::int64_t c, std::int64_t h, std::int64_t w,
                               std::int64_t channels, std::int64_t height, std::int64_t width) {
  return ((n * channels + c) * height + h) * width + w;
}

std::int64_t weight_offset(const Shape& d, std::int64_t k, std::int64_t c, std::int64_t r,
                           std::int64_t s) {
  return ((k * (d.C / d.groups) + c) * d.R + r) * d.S + s;
}

// The input row (or column) that output row p reads through window tap r.
std::int64_t input_coordinate(std::int64_t p, std::int64_t r, std::int64_t stride, std::int64_t pad,
                              std::int64_t dilation) {
  return p * stride - pad + r * (dilation + 1);
}

// The inverse, for bwd_data: the output row whose tap r reads input row h, or -1 when none does
// (h falls between the rows a stride visits, or past the last output row).
std::int64_t output_coordinate(std::int64_t h, std::int64_t r, std::int64_t stride,
                               std::int64_t pad, std::int64_t dilation, std::int64_t outputs) {
  const std::int64_t offset = h + pad - r * (dilation + 1);  // = p * stride
  if (offset < 0 || offset % stride != 0) return -1;
  const std::int64_t p = offset / stride;
  return p < outputs ? p : -1;
}

ReferencePoint conv_fwd(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const auto [n, k, p, q] = result_shape(layer, Pass::fwd).coordinates(index);
  const std::int64_t Cg = d.C / d.groups;
  const std::int64_t g = k / (d.K / d.groups);

  Accumulator sum;
  if (layer.bias) sum.add(at(in.bias, k));
  for (std::int64_t c = 0; c < Cg; ++c) {
    for (std::int64_t r = 0; r < d.R; ++r) {
      for (std::int64_t s = 0; s < d.S; ++s) {
        const std::int64_t h = input_coordinate(p, r, d.stride_h, d.pad_h, d.dilation_h);
        const std::int64_t w = input_coordinate(q, s, d.stride_w, d.pad_w, d.dilation_w);
        if (h < 0 || h >= d.H || w < 0 || w >= d.W) continue;  // padding
        sum.add_product(at(in.x, activation_offset(n, g * Cg + c, h, w, d.C, d.H, d.W)),
                        at(in.w, weight_offset(d, k, c, r, s)));
      }
    }
  }
  return sum.point;
}

ReferencePoint conv_bwd_data(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const auto [n, channel, h, w] = result_shape(layer, Pass::bwd_data).coordinates(index);
  const std::int64_t Cg = d.C / d.groups;
  const std::int64_t Kg = d.K / d.groups;
  const std::int64_t g = channel / Cg;
  const std::int64_t c = channel % Cg;

  // Every (output position, tap) pair of the forward pass that read x[n][channel][h][w].
  Accumulator sum;
  for (std::int64_t k = g * Kg; k < (g + 1) * Kg; ++k) {
    for (std::int64_t r = 0; r < d.R; ++r) {
      for (std::int64_t s = 0; s < d.S; ++s) {
        const std::int64_t p = output_coordinate(h, r, d.stride_h, d.pad_h, d.dilation_h, d.P);
        const std::int64_t q = output_coordinate(w, s, d.stride_w, d.pad_w, d.dilation_w, d.Q);
        if (p < 0 || q < 0) continue;  // no output position reads (h, w) through this tap
        sum.add_product(at(in.dy, activation_offset(n, k, p, q, d.K, d.P, d.Q)),
                        at(in.w, weight_offset(d, k, c, r, s)));
      }
    }
  }
  return sum.point;
}

ReferencePoint conv_bwd_weights(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const auto [k, c, r, s] = result_shape(layer, Pass::bwd_weights).coordinates(index);
  const std::int64_t Cg = d.C / d.groups;
  const std::int64_t g = k / (d.K / d.groups);

  Accumulator sum;
  for (std::int64_t n = 0; n < d.N; ++n) {
    for (std::int64_t p = 0; p < d.P; ++p) {
      for (std::int64_t q = 0; q < d.Q; ++q) {
        const std::int64_t h = input_coordinate(p, r, d.stride_h, d.pad_h, d.dilation_h);
        const std::int64_t w = input_coordinate(q, s, d.stride_w, d.pad_w, d.dilation_w);
        if (h < 0 || h >= d.H || w < 0 || w >= d.W) continue;  // padding
        sum.add_product(at(in.x, activation_offset(n, g * Cg + c, h, w, d.C, d.H, d.W)),
                        at(in.dy, activation_offset(n, k, p, q, d.K, d.P, d.Q)));
      }
    }
  }
  return sum.point;
}

// fc: x is N x C, w is K x C, y and dy are N x K.
ReferencePoint fc_fwd(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const std::int64_t n = index / d.K;
  const std::int64_t k = index % d.K;
  Accumulator sum;
  if (layer.bias) sum.add(at(in.bias, k));
  for (std::int64_t c = 0; c < d.C; ++c) {
    sum.add_product(at(in.x, n * d.C + c), at(in.w, k * d.C + c));
  }
  return sum.point;
}

ReferencePoint fc_bwd_data(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const std::int64_t n = index / d.C;
  const std::int64_t c = index % d.C;
  Accumulator sum;
  for (std::int64_t k = 0; k < d.K; ++k) {
    sum.add_product(at(in.dy, n * d.K + k), at(in.w, k * d.C + c));
  }
  return sum.point;
}

ReferencePoint fc_bwd_weights(const Layer& layer, const PassTensors& in, std::int64_t index) {
  const Shape& d = layer.shape;
  const std::int64_t k = index / d.C;
  const std::int64_t c = index % d.C;
  Accumulator sum;
  for (std::int64_t n = 0; n < d.N; ++n) {
    sum.add_product(at(in.x, n * d.C + c), at(in.dy, n * d.K + k));
  }
  return sum.point;
}

}  // namespace

ReferencePoint reference_point(const Layer& layer, Pass pass, const PassTensors& tensors,
                               std::int64_t index) {
  const bool fc = layer.op == Op::fc;
  switch (pass) {
    case Pass::fwd:
      return fc ? fc_fwd(layer, tensors, index) : conv_fwd(layer, tensors, index);
    case Pass::bwd_data:
      return fc ? fc_bwd_data(layer, tensors, index) : conv_bwd_data(layer, tensors, index);
    case Pass::bwd_weights:
      return fc ? fc_bwd_weights(layer, tensors, index) : conv_bwd_weights(layer, tensors, index);
  }
  return {};
}

}  // namespace roof::kernels
