#pragma once

// The arithmetic of the GPU ceilings, in plain C++17: what each kernel computes per thread (shared
// by the .cu kernels and the host checks, through ROOF_HOST_DEVICE), how big its buffers are, how
// much work one launch does, and the exact values a correct launch leaves behind. Everything here
// runs on the host, so tests/gpu checks it on any machine.

#include <cstddef>
#include <cstdint>
#include <string>

#include "kernels/cuda/host_device.hpp"

namespace roof::bench::gpu {

// Threads per block of every ceiling kernel: a multiple of the warp, and small enough for every
// GPU since Volta to hold several blocks per SM.
inline constexpr int kThreadsPerBlock = 256;

// Independent FMA chains per thread. An FMA waits about 4 cycles for its chain's previous one, so
// each scheduler needs 4 independent FMAs in flight per FMA it issues per cycle; 8 chains per
// thread times the warps resident on a scheduler is several times that.
inline constexpr int kFmaChains = 8;
// FMAs per chain per launch: 2^15 gives a few milliseconds per launch from a T4 to an H100, as the
// grid grows with the SM count.
inline constexpr int kFmaRepeats = 1 << 15;
// Every chain computes x = x * a + b with a = -0.999 and b = 2.5: x swings from one side of the
// fixed point b / (1 - a) = 1.2506 to the other, by an amplitude that shrinks 0.1% a step (in
// fp16, where that is below half a unit in the last place, not at all), so the operands' bits keep
// toggling: a multiplier of plain -1, or data that stops moving, would make the FMA units draw
// less power than real work does, and the clock read high. Values stay within [0.5, 2], never
// overflow or turn subnormal. The compiler cannot fold a and b: they arrive as kernel arguments.
inline constexpr float kFmaMultiplier = -0.999f;
inline constexpr float kFmaAddend = 2.5f;

// Where chain `chain` of global thread `thread` starts. In [1, 1.5) and exactly representable in
// fp16 (a multiple of 2^-10 below 2), so the half2 kernel and its host check start equal.
ROOF_HOST_DEVICE inline float fma_chain_start(std::int64_t thread, int chain) {
  return 1.0f + static_cast<float>((thread * 2 * kFmaChains + chain) % 512) / 1024.0f;
}

// One launch's FLOPs: two per FMA; a half2 FMA (HFMA2) is two FMAs.
double fma_fp32_flops(std::int64_t threads, int repeats);
double fma_fp16_flops(std::int64_t threads, int repeats);

// What fma_fp32_chains stores for `thread`: the chains' sum after `repeats` steps, computed with
// std::fmaf, which rounds once as the GPU's FFMA does, so a correct launch matches it exactly.
float expected_fma_fp32(std::int64_t thread, int repeats);
// The same for fma_fp16_chains: each HFMA2 lane rounded once to fp16 (emulated exactly in double),
// each lane converted to float and summed in float in the kernel's order.
float expected_fma_fp16(std::int64_t thread, int repeats);
// Round to the nearest fp16 value, ties to even, for values in fp16's normal range.
double round_to_fp16(double value);

// DRAM arrays of the copy, triad and intensity kernels: each at least 8x the L2 (so at most an
// eighth of an array can be in L2 when a launch starts, whatever the previous one left) and at
// least 256 MiB, with all `arrays` together within 3/4 of the free memory. 0 bytes when even that
// does not fit. A multiple of 16 bytes (the kernels read float4).
struct ArrayPlan {
  std::size_t bytes = 0;
  std::string reason;
};
ArrayPlan dram_array_bytes(std::size_t l2_bytes, std::size_t free_bytes, int arrays);

// The L2 working set: half the L2, in whole float4s, read `l2_passes` times per launch (about
// 4 GiB a launch, so a launch takes milliseconds).
std::size_t l2_working_set_bytes(std::size_t l2_bytes);
int l2_passes(std::size_t working_set_bytes);

// How many of `n` items a grid-stride loop gives to `thread` out of `threads`.
std::int64_t grid_stride_count(std::int64_t thread, std::int64_t threads, std::int64_t n);

// The intensity sweep: `fmas` FMAs per fp32 element, read and written once: fmas / 4 FLOP/byte.
// Each element starts at kIntensityStart; after `total_fmas` FMAs (over all launches so far) it
// holds this value, exactly (std::fmaf).
inline constexpr float kIntensityStart = 2.0f;
float expected_intensity_value(std::int64_t total_fmas);

// The GEMM ceilings' operands: small integers (A in -1..1, B in -2..2), so every product and
// every partial sum is exact in fp16 inputs, TF32 inputs and fp32 accumulation, and the result's
// exact value is known; varied, so the tensor cores see toggling data, not constants.
ROOF_HOST_DEVICE inline int gemm_pattern_a(std::int64_t row, std::int64_t col) {
  return static_cast<int>((row + col) % 3) - 1;
}
ROOF_HOST_DEVICE inline int gemm_pattern_b(std::int64_t row, std::int64_t col) {
  return static_cast<int>((row + 2 * col) % 5) - 2;
}
// C(i, j) of the n x n product A B.
double expected_gemm_entry(std::int64_t i, std::int64_t j, std::int64_t n);
// The largest of 8192, 4096, ... 1024 whose three n x n matrices of `element_bytes` fit in half
// the free memory; 0 when none does.
std::int64_t gemm_size(std::size_t free_bytes, std::size_t element_bytes);

}  // namespace roof::bench::gpu
