#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

#include "kernels/cuda/conv_geometry.hpp"
#include "kernels/cuda/launch_shape.hpp"
#include "kernels/cuda/tiled_sgemm_threads.hpp"

// Host functions that launch our kernels on a stream: asynchronous, checked for launch errors
// (ROOF_CUDA_CHECK(cudaGetLastError())), never synchronising. Pointers are device pointers to the
// plain fp32 layouts; the launch shapes are those of the *_threads.hpp headers.

namespace roof::cuda {

inline dim3 to_dim3(Index3 extent) {
  return dim3(extent.x, extent.y, extent.z);
}

void launch_direct_fwd(const ConvGeometry& d, const float* x, const float* w, const float* bias,
                       float* y, cudaStream_t stream);
void launch_direct_bwd_data(const ConvGeometry& d, const float* dy, const float* w, float* dx,
                            cudaStream_t stream);
void launch_direct_bwd_weights(const ConvGeometry& d, const float* x, const float* dy, float* dw,
                               cudaStream_t stream);
void launch_im2col(const ConvGeometry& d, std::int64_t n, std::int64_t group, const float* x,
                   float* columns, cudaStream_t stream);
void launch_tiled_sgemm(const SgemmArgs& args, cudaStream_t stream);

}  // namespace roof::cuda
