// The __global__ shell of im2col (im2col_threads.hpp has the work of one thread).
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/im2col_threads.hpp"
#include "kernels/cuda/kernel_launches.hpp"

namespace roof::cuda {
namespace {

__global__ void im2col_kernel(ConvGeometry d, std::int64_t n, std::int64_t group, const float* x,
                              float* columns) {
  im2col_thread(d, n, group, {blockIdx.x, blockIdx.y, blockIdx.z},
                {threadIdx.x, threadIdx.y, threadIdx.z}, x, columns);
}

}  // namespace

void launch_im2col(const ConvGeometry& d, std::int64_t n, std::int64_t group, const float* x,
                   float* columns, cudaStream_t stream) {
  const LaunchShape shape = im2col_launch(d);
  im2col_kernel<<<to_dim3(shape.grid), to_dim3(shape.block), 0, stream>>>(d, n, group, x, columns);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

}  // namespace roof::cuda
