// The __global__ shell of our tiled SGEMM: the phases and what each thread does in them are in
// tiled_sgemm_threads.hpp; this kernel only adds the shared memory and the two barriers per step.
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/kernel_launches.hpp"
#include "kernels/cuda/tiled_sgemm_threads.hpp"

namespace roof::cuda {
namespace {

__global__ void tiled_sgemm_kernel(SgemmArgs args) {
  __shared__ SgemmTiles tiles;
  const Index3 block{blockIdx.x, blockIdx.y, blockIdx.z};
  const Index3 thread{threadIdx.x, threadIdx.y, threadIdx.z};
  float sum = 0.0f;
  for (std::int64_t step = 0; step < sgemm_steps(args); ++step) {
    sgemm_load_tiles(args, block, thread, step, tiles);
    __syncthreads();  // both tiles complete before anyone reads them
    sum = sgemm_accumulate(tiles, thread, sum);
    __syncthreads();  // everyone done reading before the next step overwrites them
  }
  sgemm_store(args, block, thread, sum);
}

}  // namespace

void launch_tiled_sgemm(const SgemmArgs& args, cudaStream_t stream) {
  const LaunchShape shape = sgemm_launch(args);
  tiled_sgemm_kernel<<<to_dim3(shape.grid), to_dim3(shape.block), 0, stream>>>(args);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

}  // namespace roof::cuda
