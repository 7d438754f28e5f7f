#pragma once

#include <cstdint>

#include "kernels/cuda/conv_geometry.hpp"
#include "kernels/cuda/host_device.hpp"
#include "kernels/cuda/launch_shape.hpp"

// Our direct convolution, one thread per element of the result, which it alone writes: no
// atomics, no shared memory, no ordering between threads. Each function is the whole work of one
// thread; the __global__ kernels in direct_conv.cu only pass it blockIdx and threadIdx, and
// tests/gpu runs it for every thread of the same launch on the CPU. Tensors are the plain layouts
// of kernels/runner.hpp (NCHW activations, KCRS weights), fp32, summed in fp32.

namespace roof::cuda {

inline constexpr unsigned kDirectThreads = 256;

// A one-dimensional grid with one thread per result element.
inline LaunchShape direct_launch(std::int64_t elements) {
  return {{blocks_covering(elements, kDirectThreads, kMaxGridX), 1, 1}, {kDirectThreads, 1, 1}};
}

ROOF_HOST_DEVICE inline std::int64_t direct_element(Index3 block, Index3 thread) {
  return static_cast<std::int64_t>(block.x) * kDirectThreads + thread.x;
}

// fwd: y[n][k][p][q] = bias[k] + sum over c, r, s of x[n][g Cg + c][h][w] w[k][c][r][s], with
// h = p stride_h - pad_h + r step_h (w likewise) and g the group of filter k.
ROOF_HOST_DEVICE inline void direct_fwd_thread(const ConvGeometry& d, Index3 block, Index3 thread,
                                               const float* x, const float* w, const float* bias,
                                               float* y) {
  const std::int64_t index = direct_element(block, thread);
  if (index >= d.N * d.K * d.P * d.Q) return;  // the last block's spare threads
  const std::int64_t q = index % d.Q;
  const std::int64_t p = index / d.Q % d.P;
  const std::int64_t k = index / (d.Q * d.P) % d.K;
  const std::int64_t n = index / (d.Q * d.P * d.K);
  const std::int64_t Cg = d.channels_per_group();
  const std::int64_t first_channel = k / d.filters_per_group() * Cg;
  float sum = bias != nullptr ? bias[k] : 0.0f;
  for (std::int64_t c = 0; c < Cg; ++c) {
    for (std::int64_t r = 0; r < d.R; ++r) {
      const std::int64_t h = p * d.stride_h - d.pad_h + r * d.step_h;
      if (h < 0 || h >= d.H) continue;  // the tap reads padding: zero
      for (std::int64_t s = 0; s < d.S; ++s) {
        const std::int64_t iw = q * d.stride_w - d.pad_w + s * d.step_w;
        if (iw < 0 || iw >= d.W) continue;
        sum += x[((n * d.C + first_channel + c) * d.H + h) * d.W + iw] *
               w[((k * Cg + c) * d.R + r) * d.S + s];
      }
    }
  }
  y[index] = sum;
}

// The output row p whose tap r read input row h in the forward pass, or -1 when there is none:
// h = p stride - pad + r step must hold with p a whole number in [0, P).
ROOF_HOST_DEVICE inline std::int64_t output_reading(std::int64_t h, std::int64_t r,
                                                    std::int64_t stride, std::int64_t pad,
                                                    std::int64_t step, std::int64_t extent) {
  const std::int64_t shifted = h + pad - r * step;  // = p stride
  if (shifted < 0 || shifted % stride != 0) return -1;
  const std::int64_t p = shifted / stride;
  return p < extent ? p : -1;
}

// bwd_data as a gather, so each thread owns one dx element: dx[n][channel][h][w] = sum over the
// filters k of the channel's group and the taps (r, s) of dy[n][k][p][q] w[k][c][r][s], for the
// (p, q) whose tap (r, s) read (h, w) in the forward pass.
ROOF_HOST_DEVICE inline void direct_bwd_data_thread(const ConvGeometry& d, Index3 block,
                                                    Index3 thread, const float* dy, const float* w,
                                                    float* dx) {
  const std::int64_t index = direct_element(block, thread);
  if (index >= d.N * d.C * d.H * d.W) return;
  const std::int64_t iw = index % d.W;
  const std::int64_t h = index / d.W % d.H;
  const std::int64_t channel = index / (d.W * d.H) % d.C;
  const std::int64_t n = index / (d.W * d.H * d.C);
  const std::int64_t Cg = d.channels_per_group();
  const std::int64_t Kg = d.filters_per_group();
  const std::int64_t c = channel % Cg;
  const std::int64_t first_filter = channel / Cg * Kg;
  float sum = 0.0f;
  for (std::int64_t k = first_filter; k < first_filter + Kg; ++k) {
    for (std::int64_t r = 0; r < d.R; ++r) {
      const std::int64_t p = output_reading(h, r, d.stride_h, d.pad_h, d.step_h, d.P);
      if (p < 0) continue;
      for (std::int64_t s = 0; s < d.S; ++s) {
        const std::int64_t q = output_reading(iw, s, d.stride_w, d.pad_w, d.step_w, d.Q);
        if (q < 0) continue;
        sum += dy[((n * d.K + k) * d.P + p) * d.Q + q] * w[((k * Cg + c) * d.R + r) * d.S + s];
      }
    }
  }
  dx[index] = sum;
}

// bwd_weights: dw[k][c][r][s] = sum over n, p, q of x[n][g Cg + c][h][w] dy[n][k][p][q]. Few
// threads (K Cg R S) with long sums (N P Q): simple, not fast, which is the point of a baseline.
ROOF_HOST_DEVICE inline void direct_bwd_weights_thread(const ConvGeometry& d, Index3 block,
                                                       Index3 thread, const float* x,
                                                       const float* dy, float* dw) {
  const std::int64_t Cg = d.channels_per_group();
  const std::int64_t index = direct_element(block, thread);
  if (index >= d.K * Cg * d.R * d.S) return;
  const std::int64_t s = index % d.S;
  const std::int64_t r = index / d.S % d.R;
  const std::int64_t c = index / (d.S * d.R) % Cg;
  const std::int64_t k = index / (d.S * d.R * Cg);
  const std::int64_t channel = k / d.filters_per_group() * Cg + c;
  float sum = 0.0f;
  for (std::int64_t n = 0; n < d.N; ++n) {
    for (std::int64_t p = 0; p < d.P; ++p) {
      const std::int64_t h = p * d.stride_h - d.pad_h + r * d.step_h;
      if (h < 0 || h >= d.H) continue;
      for (std::int64_t q = 0; q < d.Q; ++q) {
        const std::int64_t iw = q * d.stride_w - d.pad_w + s * d.step_w;
        if (iw < 0 || iw >= d.W) continue;
        sum +=
            x[((n * d.C + channel) * d.H + h) * d.W + iw] * dy[((n * d.K + k) * d.P + p) * d.Q + q];
      }
    }
  }
  dw[index] = sum;
}

}  // namespace roof::cuda
