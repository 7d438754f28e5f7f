#include "bench/roofs/gpu/ceiling_math.hpp"

#include <algorithm>
#include <cmath>

namespace roof::bench::gpu {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kFloat4Bytes = 16;

std::size_t whole_float4s(std::size_t bytes) {
  return bytes / kFloat4Bytes * kFloat4Bytes;
}

}  // namespace

double fma_fp32_flops(std::int64_t threads, int repeats) {
  return 2.0 * kFmaChains * static_cast<double>(repeats) * static_cast<double>(threads);
}

double fma_fp16_flops(std::int64_t threads, int repeats) {
  return 2.0 * fma_fp32_flops(threads, repeats);  // two fp16 lanes per HFMA2
}

float expected_fma_fp32(std::int64_t thread, int repeats) {
  float sum = 0.0f;
  for (int c = 0; c < kFmaChains; ++c) {
    float x = fma_chain_start(thread, c);
    for (int r = 0; r < repeats; ++r) x = std::fmaf(x, kFmaMultiplier, kFmaAddend);
    sum += x;
  }
  return sum;
}

double round_to_fp16(double value) {
  if (value == 0.0 || !std::isfinite(value)) return value;
  // fp16 has 11 significant bits: the spacing at |value| in [2^e, 2^(e+1)) is 2^(e-10).
  // nearbyint rounds ties to even in the default rounding mode.
  const int exponent = std::ilogb(value);
  const double spacing = std::ldexp(1.0, exponent - 10);
  return std::nearbyint(value / spacing) * spacing;
}

float expected_fma_fp16(std::int64_t thread, int repeats) {
  // The kernel's operands: the float constants rounded to fp16 (__float2half2_rn).
  const double a = round_to_fp16(kFmaMultiplier);
  const double b = round_to_fp16(kFmaAddend);
  float sum = 0.0f;
  for (int c = 0; c < kFmaChains; ++c) {
    for (int lane = 0; lane < 2; ++lane) {
      // x * a + b is exact in double for these values (11-bit factors near 1, an addend of 2.5:
      // the exact sum spans 22 bits), so rounding it once to fp16 is what a fused HFMA2 lane does.
      double x = fma_chain_start(thread, 2 * c + lane);
      for (int r = 0; r < repeats; ++r) x = round_to_fp16(x * a + b);
      sum += static_cast<float>(x);
    }
  }
  return sum;
}

ArrayPlan dram_array_bytes(std::size_t l2_bytes, std::size_t free_bytes, int arrays) {
  const std::size_t wanted = std::max(8 * l2_bytes, 256 * kMiB);
  const std::size_t room = free_bytes / 4 * 3 / static_cast<std::size_t>(std::max(arrays, 1));
  if (wanted <= room) {
    return {whole_float4s(wanted),
            8 * l2_bytes >= 256 * kMiB ? "8x the L2" : "256 MiB (over 8x L2)"};
  }
  if (room >= 8 * l2_bytes && room >= kFloat4Bytes) {
    return {whole_float4s(room), "3/4 of the free memory (over 8x L2)"};
  }
  return {0, "not enough free memory for 8x the L2 per array"};
}

std::size_t l2_working_set_bytes(std::size_t l2_bytes) {
  return whole_float4s(l2_bytes / 2);
}

int l2_passes(std::size_t working_set_bytes) {
  if (working_set_bytes == 0) return 1;
  const std::size_t per_launch = std::size_t{4} << 30;
  return static_cast<int>(std::max<std::size_t>(per_launch / working_set_bytes, 1));
}

std::int64_t grid_stride_count(std::int64_t thread, std::int64_t threads, std::int64_t n) {
  return thread < n ? (n - thread + threads - 1) / threads : 0;
}

float expected_intensity_value(std::int64_t total_fmas) {
  float x = kIntensityStart;
  for (std::int64_t k = 0; k < total_fmas; ++k) x = std::fmaf(x, kFmaMultiplier, kFmaAddend);
  return x;
}

double expected_gemm_entry(std::int64_t i, std::int64_t j, std::int64_t n) {
  std::int64_t sum = 0;
  for (std::int64_t k = 0; k < n; ++k) sum += gemm_pattern_a(i, k) * gemm_pattern_b(k, j);
  return static_cast<double>(sum);
}

std::int64_t gemm_size(std::size_t free_bytes, std::size_t element_bytes) {
  for (std::int64_t n = 8192; n >= 1024; n /= 2) {
    const auto bytes = static_cast<std::size_t>(3 * n * n) * element_bytes;
    if (bytes <= free_bytes / 2) return n;
  }
  return 0;
}

}  // namespace roof::bench::gpu
