#pragma once

#include <cstdint>

#include "kernels/cuda/conv_geometry.hpp"
#include "kernels/cuda/im2col_threads.hpp"
#include "kernels/cuda/tiled_sgemm_threads.hpp"

// fwd as our "cuda" runner enqueues it, written once for two executors: `launch` is the GPU
// (kernel launches on a stream, cuda_runner.cpp) or the CPU emulation of those launches
// (tests/gpu), so the test proves the very sequence of calls the runner makes.

namespace roof::cuda {

// A 1x1 window with stride 1 and no padding reads every pixel once, in order: the image already
// is its column matrix (Cg x HW, HW = PQ), and im2col would only copy it.
inline bool image_is_columns(const ConvGeometry& d) {
  return d.R == 1 && d.S == 1 && d.stride_h == 1 && d.stride_w == 1 && d.pad_h == 0 && d.pad_w == 0;
}

// For each image n and group g:
//   columns = im2col(x[n], group g)                        (Cg R S x PQ)
//   y[n][g Kg .. (g+1) Kg) = W_g columns + bias_g          (Kg x PQ), one tiled SGEMM
// `columns` holds Cg R S PQ floats; unused when the image is its column matrix. Launch needs
// im2col(d, n, g, x, columns) and sgemm(const SgemmArgs&).
template <typename Launch>
void im2col_gemm_fwd(const ConvGeometry& d, const float* x, const float* w, const float* bias,
                     float* columns, float* y, Launch&& launch) {
  const std::int64_t Cg = d.channels_per_group();
  const std::int64_t Kg = d.filters_per_group();
  const std::int64_t taps = column_rows(d);
  const std::int64_t pixels = d.P * d.Q;
  for (std::int64_t n = 0; n < d.N; ++n) {
    for (std::int64_t g = 0; g < d.groups; ++g) {
      SgemmArgs product;
      product.M = Kg;
      product.N = pixels;
      product.K = taps;
      product.A = w + g * Kg * taps;
      product.lda = taps;
      if (image_is_columns(d)) {
        product.B = x + (n * d.C + g * Cg) * d.H * d.W;
      } else {
        launch.im2col(d, n, g, x, columns);
        product.B = columns;
      }
      product.ldb = pixels;
      product.C = y + (n * d.K + g * Kg) * pixels;
      product.ldc = pixels;
      product.row_bias = bias != nullptr ? bias + g * Kg : nullptr;
      launch.sgemm(product);
    }
  }
}

}  // namespace roof::cuda
