#pragma once

#include <cstdint>

#include "kernels/cuda/conv_geometry.hpp"
#include "kernels/cuda/host_device.hpp"
#include "kernels/cuda/launch_shape.hpp"

// im2col, one thread per element of the column matrix of one image and group: the matrix has a
// row per tap (c, r, s) of the group's Cg R S taps and a column per output pixel (p, q), so
//   y[n][group's filters] (Kg x PQ) = W_group (Kg x Cg R S) x columns (Cg R S x PQ)
// is one matrix product (tiled_sgemm_threads.hpp). The __global__ shell is in im2col.cu.

namespace roof::cuda {

inline constexpr unsigned kIm2colThreads = 256;

inline std::int64_t column_rows(const ConvGeometry& d) {
  return d.channels_per_group() * d.R * d.S;
}

inline LaunchShape im2col_launch(const ConvGeometry& d) {
  const std::int64_t elements = column_rows(d) * d.P * d.Q;
  return {{blocks_covering(elements, kIm2colThreads, kMaxGridX), 1, 1}, {kIm2colThreads, 1, 1}};
}

// columns[(c R + r) S + s][p Q + q] = x[n][group Cg + c][h][w], or 0 where the tap reads padding.
ROOF_HOST_DEVICE inline void im2col_thread(const ConvGeometry& d, std::int64_t n,
                                           std::int64_t group, Index3 block, Index3 thread,
                                           const float* x, float* columns) {
  const std::int64_t pixels = d.P * d.Q;
  const std::int64_t Cg = d.channels_per_group();
  const std::int64_t index = static_cast<std::int64_t>(block.x) * kIm2colThreads + thread.x;
  if (index >= Cg * d.R * d.S * pixels) return;
  const std::int64_t pixel = index % pixels;
  const std::int64_t tap = index / pixels;
  const std::int64_t s = tap % d.S;
  const std::int64_t r = tap / d.S % d.R;
  const std::int64_t c = tap / (d.S * d.R);
  const std::int64_t h = pixel / d.Q * d.stride_h - d.pad_h + r * d.step_h;
  const std::int64_t iw = pixel % d.Q * d.stride_w - d.pad_w + s * d.step_w;
  const bool inside = h >= 0 && h < d.H && iw >= 0 && iw < d.W;
  columns[index] = inside ? x[((n * d.C + group * Cg + c) * d.H + h) * d.W + iw] : 0.0f;
}

}  // namespace roof::cuda
