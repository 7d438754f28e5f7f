// The memory ceilings (STREAM copy and triad, an L2-resident read), the intensity sweep, and the
// fills that give every buffer known contents.
#include <cuda_fp16.h>

#include "bench/roofs/gpu/ceiling_kernels.hpp"
#include "bench/roofs/gpu/ceiling_math.hpp"
#include "kernels/cuda/cuda_check.hpp"

namespace roof::bench::gpu {
namespace {

__device__ std::size_t first_index() {
  return static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ std::size_t grid_threads() {
  return static_cast<std::size_t>(gridDim.x) * blockDim.x;
}

__global__ void fill_kernel(float* data, std::size_t n, float value) {
  for (std::size_t i = first_index(); i < n; i += grid_threads()) data[i] = value;
}

__global__ void copy_kernel(float4* __restrict__ c, const float4* __restrict__ a, std::size_t n4) {
  for (std::size_t i = first_index(); i < n4; i += grid_threads()) c[i] = a[i];
}

__global__ void triad_kernel(float4* __restrict__ a, const float4* __restrict__ b,
                             const float4* __restrict__ c, float scalar, std::size_t n4) {
  for (std::size_t i = first_index(); i < n4; i += grid_threads()) {
    const float4 x = b[i];
    const float4 y = c[i];
    a[i] = make_float4(fmaf(scalar, y.x, x.x), fmaf(scalar, y.y, x.y), fmaf(scalar, y.z, x.z),
                       fmaf(scalar, y.w, x.w));
  }
}

__global__ void l2_read_kernel(float* out, const float4* __restrict__ data, std::size_t n4,
                               int passes) {
  float sum = 0.0f;
  for (int pass = 0; pass < passes; ++pass) {
#pragma unroll 4
    for (std::size_t i = first_index(); i < n4; i += grid_threads()) {
      const float4 v = __ldcg(data + i);  // cache in L2 only
      sum += (v.x + v.y) + (v.z + v.w);
    }
  }
  out[first_index()] = sum;  // stored, so no load is dead code
}

// Four independent chains per thread (the float4's lanes), and every resident thread: enough
// FMAs in flight for the FMA ceiling at high intensity.
__global__ void intensity_kernel(float4* x, std::size_t n4, int fmas, float a, float b) {
  for (std::size_t i = first_index(); i < n4; i += grid_threads()) {
    float4 v = x[i];
#pragma unroll 8
    for (int k = 0; k < fmas; ++k) {
      v.x = fmaf(v.x, a, b);
      v.y = fmaf(v.y, a, b);
      v.z = fmaf(v.z, a, b);
      v.w = fmaf(v.w, a, b);
    }
    x[i] = v;
  }
}

template <typename T>
__device__ T operand_value(int value);
template <>
__device__ float operand_value<float>(int value) {
  return static_cast<float>(value);
}
template <>
__device__ __half operand_value<__half>(int value) {
  return __int2half_rn(value);
}

template <typename T>
__global__ void gemm_operand_kernel(T* matrix, bool pattern_b, std::int64_t rows,
                                    std::int64_t cols) {
  const auto n = static_cast<std::size_t>(rows * cols);
  for (std::size_t i = first_index(); i < n; i += grid_threads()) {
    const auto row = static_cast<std::int64_t>(i % static_cast<std::size_t>(rows));
    const auto col = static_cast<std::int64_t>(i / static_cast<std::size_t>(rows));
    matrix[i] = operand_value<T>(pattern_b ? gemm_pattern_b(row, col) : gemm_pattern_a(row, col));
  }
}

template <typename Kernel>
int blocks_per_sm(Kernel kernel) {
  int blocks = 0;
  ROOF_CUDA_CHECK(
      cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, kernel, kThreadsPerBlock, 0));
  return blocks;
}

}  // namespace

int memory_blocks(MemoryKernel kernel, int sm_count) {
  switch (kernel) {
    case MemoryKernel::fill:
      return sm_count * blocks_per_sm(fill_kernel);
    case MemoryKernel::copy:
      return sm_count * blocks_per_sm(copy_kernel);
    case MemoryKernel::triad:
      return sm_count * blocks_per_sm(triad_kernel);
    case MemoryKernel::l2_read:
      return sm_count * blocks_per_sm(l2_read_kernel);
    case MemoryKernel::intensity:
      return sm_count * blocks_per_sm(intensity_kernel);
  }
  return sm_count;
}

void launch_fill(float* data, std::size_t n, float value, int blocks, cudaStream_t stream) {
  fill_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(data, n, value);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_copy(float* c, const float* a, std::size_t n, int blocks, cudaStream_t stream) {
  copy_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(reinterpret_cast<float4*>(c),
                                                       reinterpret_cast<const float4*>(a), n / 4);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_triad(float* a, const float* b, const float* c, float scalar, std::size_t n, int blocks,
                  cudaStream_t stream) {
  triad_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(
      reinterpret_cast<float4*>(a), reinterpret_cast<const float4*>(b),
      reinterpret_cast<const float4*>(c), scalar, n / 4);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_l2_read(float* out, const float* data, std::size_t n, int passes, int blocks,
                    cudaStream_t stream) {
  l2_read_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(
      out, reinterpret_cast<const float4*>(data), n / 4, passes);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_intensity(float* x, std::size_t n, int fmas, int blocks, cudaStream_t stream) {
  intensity_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(reinterpret_cast<float4*>(x), n / 4,
                                                            fmas, kFmaMultiplier, kFmaAddend);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_gemm_operand(__half* matrix, GemmOperand which, std::int64_t rows, std::int64_t cols,
                         int blocks, cudaStream_t stream) {
  gemm_operand_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(matrix, which == GemmOperand::b,
                                                               rows, cols);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

void launch_gemm_operand(float* matrix, GemmOperand which, std::int64_t rows, std::int64_t cols,
                         int blocks, cudaStream_t stream) {
  gemm_operand_kernel<<<blocks, kThreadsPerBlock, 0, stream>>>(matrix, which == GemmOperand::b,
                                                               rows, cols);
  ROOF_CUDA_CHECK(cudaGetLastError());
}

}  // namespace roof::bench::gpu
