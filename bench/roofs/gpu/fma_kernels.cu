// The compute ceilings: FMA chains in fp32 (FFMA) and in half2 (HFMA2), nothing else in the loop.
#include <cuda_fp16.h>

#include "bench/roofs/gpu/ceiling_kernels.hpp"
#include "bench/roofs/gpu/ceiling_math.hpp"
#include "kernels/cuda/cuda_check.hpp"

namespace roof::bench::gpu {
namespace {

__device__ std::int64_t global_thread() {
  return static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__global__ void __launch_bounds__(kThreadsPerBlock)
    fma_fp32_chains(float* out, int repeats, float a, float b) {
  const std::int64_t thread = global_thread();
  float x[kFmaChains];
#pragma unroll
  for (int c = 0; c < kFmaChains; ++c) x[c] = fma_chain_start(thread, c);
    // Unrolled 16 deep: 128 FFMAs per loop test, so the loop's own instructions take under 2% of
    // the issue slots on GPUs that issue one FFMA per scheduler per cycle.
#pragma unroll 16
  for (int r = 0; r < repeats; ++r) {
#pragma unroll
    for (int c = 0; c < kFmaChains; ++c) x[c] = fmaf(x[c], a, b);
  }
  float sum = 0.0f;
#pragma unroll
  for (int c = 0; c < kFmaChains; ++c) sum += x[c];
  out[thread] = sum;  // stored, so no FMA is dead code
}

__global__ void __launch_bounds__(kThreadsPerBlock)
    fma_fp16_chains(float* out, int repeats, __half2 a, __half2 b) {
  const std::int64_t thread = global_thread();
  __half2 x[kFmaChains];
#pragma unroll
  for (int c = 0; c < kFmaChains; ++c) {
    x[c] = __floats2half2_rn(fma_chain_start(thread, 2 * c), fma_chain_start(thread, 2 * c + 1));
  }
#pragma unroll 16
  for (int r = 0; r < repeats; ++r) {
#pragma unroll
    for (int c = 0; c < kFmaChains; ++c) x[c] = __hfma2(x[c], a, b);
  }
  // Summed in fp32, lane by lane in order, as expected_fma_fp16 does on the host.
  float sum = 0.0f;
#pragma unroll
  for (int c = 0; c < kFmaChains; ++c) {
    sum += __low2float(x[c]);
    sum += __high2float(x[c]);
  }
  out[thread] = sum;
}

template <typename Kernel>
int blocks_per_sm(Kernel kernel) {
  int blocks = 0;
  ROOF_CUDA_CHECK(
      cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, kernel, kThreadsPerBlock, 0));
  return blocks;
}

}  // namespace

int fma_fp32_blocks(int sm_count) {
  return sm_count * blocks_per_sm(fma_fp32_chains);
}

int fma_fp16_blocks(int sm_count) {
  return sm_count * blocks_per_sm(fma_fp16_chains);
}

void launch_fma_fp32(float* out, int blocks, int repeats, cudaStream_t stream) {
  fma_fp32_chains<<<blocks, kThreadsPerBlock, 0, stream>>>(out, repeats, kFmaMultiplier,
                                                           kFmaAddend);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_fma_fp16(float* out, int blocks, int repeats, cudaStream_t stream) {
  fma_fp16_chains<<<blocks, kThreadsPerBlock, 0, stream>>>(
      out, repeats, __float2half2_rn(kFmaMultiplier), __float2half2_rn(kFmaAddend));
  ROOF_CUDA_CHECK(cudaGetLastError());
}

}  // namespace roof::bench::gpu
