// The __global__ shells of our direct convolution: each hands blockIdx and threadIdx to the
// per-thread function of direct_conv_threads.hpp, which tests/gpu also runs on the CPU.
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/direct_conv_threads.hpp"
#include "kernels/cuda/kernel_launches.hpp"

namespace roof::cuda {
namespace {

__global__ void direct_fwd_kernel(ConvGeometry d, const float* x, const float* w, const float* bias,
                                  float* y) {
  direct_fwd_thread(d, {blockIdx.x, blockIdx.y, blockIdx.z},
                    {threadIdx.x, threadIdx.y, threadIdx.z}, x, w, bias, y);
}

__global__ void direct_bwd_data_kernel(ConvGeometry d, const float* dy, const float* w, float* dx) {
  direct_bwd_data_thread(d, {blockIdx.x, blockIdx.y, blockIdx.z},
                         {threadIdx.x, threadIdx.y, threadIdx.z}, dy, w, dx);
}

__global__ void direct_bwd_weights_kernel(ConvGeometry d, const float* x, const float* dy,
                                          float* dw) {
  direct_bwd_weights_thread(d, {blockIdx.x, blockIdx.y, blockIdx.z},
                            {threadIdx.x, threadIdx.y, threadIdx.z}, x, dy, dw);
}

}  // namespace

void launch_direct_fwd(const ConvGeometry& d, const float* x, const float* w, const float* bias,
                       float* y, cudaStream_t stream) {
  const LaunchShape shape = direct_launch(d.N * d.K * d.P * d.Q);
  direct_fwd_kernel<<<to_dim3(shape.grid), to_dim3(shape.block), 0, stream>>>(d, x, w, bias, y);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_direct_bwd_data(const ConvGeometry& d, const float* dy, const float* w, float* dx,
                            cudaStream_t stream) {
  const LaunchShape shape = direct_launch(d.N * d.C * d.H * d.W);
  direct_bwd_data_kernel<<<to_dim3(shape.grid), to_dim3(shape.block), 0, stream>>>(d, dy, w, dx);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_direct_bwd_weights(const ConvGeometry& d, const float* x, const float* dy, float* dw,
                               cudaStream_t stream) {
  const LaunchShape shape = direct_launch(d.K * d.channels_per_group() * d.R * d.S);
  direct_bwd_weights_kernel<<<to_dim3(shape.grid), to_dim3(shape.block), 0, stream>>>(d, x, dy, dw);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

}  // namespace roof::cuda
