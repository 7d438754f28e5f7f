#include "kernels/blas/im2col.hpp"

#include <cstdint>

// Serial on purpose: the sgemm that follows runs on OpenBLAS's own thread pool, and an OpenMP
// team spinning down on the same cores while it starts slows both (docs/kernels.md).

namespace roof::kernels {

void im2col(const Shape& d, const float* image, float* columns) {
  const std::int64_t Cg = d.C / d.groups;
  float* out = columns;
  for (std::int64_t c = 0; c < Cg; ++c) {
    const float* plane = image + c * d.H * d.W;
    for (std::int64_t r = 0; r < d.R; ++r) {
      for (std::int64_t s = 0; s < d.S; ++s) {
        for (std::int64_t p = 0; p < d.P; ++p) {
          const std::int64_t h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
          for (std::int64_t q = 0; q < d.Q; ++q) {
            const std::int64_t w = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
            const bool inside = h >= 0 && h < d.H && w >= 0 && w < d.W;
            *out++ = inside ? plane[h * d.W + w] : 0.0f;
          }
        }
      }
    }
  }
}

void col2im(const Shape& d, const float* columns, float* image) {
  const std::int64_t Cg = d.C / d.groups;
  const float* in = columns;
  for (std::int64_t c = 0; c < Cg; ++c) {
    float* plane = image + c * d.H * d.W;
    for (std::int64_t r = 0; r < d.R; ++r) {
      for (std::int64_t s = 0; s < d.S; ++s) {
        for (std::int64_t p = 0; p < d.P; ++p) {
          const std::int64_t h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
          for (std::int64_t q = 0; q < d.Q; ++q, ++in) {
            const std::int64_t w = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
            if (h >= 0 && h < d.H && w >= 0 && w < d.W) plane[h * d.W + w] += *in;
          }
        }
      }
    }
  }
}

}  // namespace roof::kernels
