#pragma once

// Host functions that launch the GPU ceiling kernels on a stream: asynchronous, each launch checked
// for launch errors (ROOF_CUDA_CHECK(cudaGetLastError())), never synchronising. Sizes are in
// elements; buffers come from cudaMalloc (aligned for float4). Every kernel runs grid-stride loops
// over `blocks` blocks of kThreadsPerBlock threads (ceiling_math.hpp), so one launch shape fills
// the GPU whatever the buffer size.

#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace roof::bench::gpu {

// Blocks that fill every SM of the current device with a kernel at once: the SM count times the
// blocks of that kernel one SM holds (cudaOccupancyMaxActiveBlocksPerMultiprocessor). Computed
// before timing: a launch queued after the start event must not wait for the host.
int fma_fp32_blocks(int sm_count);
int fma_fp16_blocks(int sm_count);
enum class MemoryKernel { fill, copy, triad, l2_read, intensity };
int memory_blocks(MemoryKernel kernel, int sm_count);

// kFmaChains chains of `repeats` FMAs per thread (fp32, or half2 for fp16); each thread stores
// its chains' sum in out[thread], so out holds blocks x kThreadsPerBlock floats.
void launch_fma_fp32(float* out, int blocks, int repeats, cudaStream_t stream);
void launch_fma_fp16(float* out, int blocks, int repeats, cudaStream_t stream);

void launch_fill(float* data, std::size_t n, float value, int blocks, cudaStream_t stream);
// STREAM's kernels on float4s (n a multiple of 4): c = a; a = b + scalar * c (one fmaf per
// element, so the host knows the exact result).
void launch_copy(float* c, const float* a, std::size_t n, int blocks, cudaStream_t stream);
void launch_triad(float* a, const float* b, const float* c, float scalar, std::size_t n, int blocks,
                  cudaStream_t stream);
// Reads data[0, n) `passes` times through L2 only (ld.global.cg: the L1 is bypassed, so a working
// set that fits in the SMs' L1s still measures L2); each thread stores its sum in out[thread].
void launch_l2_read(float* out, const float* data, std::size_t n, int passes, int blocks,
                    cudaStream_t stream);
// x[i] = x[i] * a + b, `fmas` times, for every element (n a multiple of 4).
void launch_intensity(float* x, std::size_t n, int fmas, int blocks, cudaStream_t stream);

// The GEMM ceilings' operands, rows x cols column-major: gemm_pattern_a or gemm_pattern_b.
enum class GemmOperand { a, b };
void launch_gemm_operand(__half* matrix, GemmOperand which, std::int64_t rows, std::int64_t cols,
                         int blocks, cudaStream_t stream);
void launch_gemm_operand(float* matrix, GemmOperand which, std::int64_t rows, std::int64_t cols,
                         int blocks, cudaStream_t stream);

}  // namespace roof::bench::gpu
