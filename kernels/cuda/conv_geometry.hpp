#pragma once

#include <cstdint>

#include "kernels/cuda/host_device.hpp"

// Plain C++17: included by .cu files; layer_geometry.hpp builds it from a Layer.

namespace roof::cuda {

// A convolution as our kernels see it, in the letters of networks/layer.hpp: input N C H W,
// output N K P Q, window R S, weights K x C/groups x R x S. An fc layer is the convolution with
// H = W = P = Q = R = S = 1. Every extent is 64-bit so that flat indices never overflow.
struct ConvGeometry {
  std::int64_t N = 1, C = 1, H = 1, W = 1;
  std::int64_t K = 1, R = 1, S = 1, P = 1, Q = 1;
  std::int64_t stride_h = 1, stride_w = 1;
  std::int64_t pad_h = 0, pad_w = 0;
  // Distance between neighbouring taps of the window in the input: benchdnn's dilation + 1
  // (networks/ counts dilation from 0, so a dense window has step 1).
  std::int64_t step_h = 1, step_w = 1;
  std::int64_t groups = 1;

  ROOF_HOST_DEVICE std::int64_t channels_per_group() const { return C / groups; }
  ROOF_HOST_DEVICE std::int64_t filters_per_group() const { return K / groups; }
};

}  // namespace roof::cuda
