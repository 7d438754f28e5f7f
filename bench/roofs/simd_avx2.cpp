// The AVX2 variants. Every function carries target("avx2,fma") so the rest of the program stays
// baseline x86-64; ceiling_kernels.cpp calls these only when the CPU reports avx2 and fma.
#include <immintrin.h>

#include <algorithm>
#include <cmath>

#include "bench/roofs/simd_kernels.hpp"

#if defined(__x86_64__)

namespace roof::bench::detail {
namespace {

// Two FMA ports with a 4- or 5-cycle latency (Haswell to Golden Cove, Zen 2 to 4) need 8 to 10
// chains in flight; 12 fit the 16 ymm registers beside the two constants.
constexpr int kChains = 12;

// Horizontal sums, outside the timed chains.
[[gnu::target("avx2,fma")]] float sum_lanes(__m256 v) {
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, v);
  float total = 0;
  for (float x : lanes) total += x;
  return total;
}
[[gnu::target("avx2,fma")]] double sum_lanes(__m256d v) {
  alignas(32) double lanes[4];
  _mm256_store_pd(lanes, v);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

[[gnu::target("avx2,fma")]] float fma_fp32(std::int64_t repeats, float a, float b) {
  __m256 va = _mm256_set1_ps(a);
  __m256 vb = _mm256_set1_ps(b);
  // Opaque to the optimiser: it cannot fold the chains or see that they converge.
  __asm__("" : "+x"(va), "+x"(vb));
  __m256 acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_ps(static_cast<float>(c + 2));
  for (std::int64_t r = 0; r < repeats; ++r) {
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_ps(acc[c], va, vb);
  }
  __m256 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_ps(sum, acc[c]);
  return sum_lanes(sum);
}

[[gnu::target("avx2,fma")]] double fma_fp64(std::int64_t repeats, double a, double b) {
  __m256d va = _mm256_set1_pd(a);
  __m256d vb = _mm256_set1_pd(b);
  __asm__("" : "+x"(va), "+x"(vb));
  __m256d acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm256_set1_pd(c + 2.0);
  for (std::int64_t r = 0; r < repeats; ++r) {
#pragma GCC unroll 12
    for (int c = 0; c < kChains; ++c) acc[c] = _mm256_fmadd_pd(acc[c], va, vb);
  }
  __m256d sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm256_add_pd(sum, acc[c]);
  return sum_lanes(sum);
}

// 100 dependent register-register adds take 100 cycles on every x86 core (see simd_avx512.cpp);
// one 256-bit FMA per ten adds holds the core at the clock it keeps with those units busy.
[[gnu::target("avx2,fma")]] std::uint64_t clock_chain(std::int64_t blocks) {
  std::uint64_t x = 0;
  std::uint64_t step = 1;
  __m256 acc = _mm256_setzero_ps();
  const __m256 zero = _mm256_setzero_ps();
  __asm__("" : "+r"(step));
  for (std::int64_t i = 0; i < blocks; ++i) {
    __asm__ volatile(
        ".rept 10\n\t"
        ".rept 10\n\tadd %[step], %[x]\n\t.endr\n\t"
        "vfmadd231ps %[zero], %[zero], %[acc]\n\t"
        ".endr"
        : [x] "+r"(x), [acc] "+x"(acc)
        : [step] "r"(step), [zero] "x"(zero));
  }
  return x;
}

[[gnu::target("avx2,fma")]] void copy(double* c, const double* a, std::size_t n) {
  copy_loop(c, a, n);
}
[[gnu::target("avx2,fma")]] void scale(double* b, const double* c, double s, std::size_t n) {
  scale_loop(b, c, s, n);
}
[[gnu::target("avx2,fma")]] void add(double* c, const double* a, const double* b, std::size_t n) {
  add_loop(c, a, b, n);
}
[[gnu::target("avx2,fma")]] void triad(double* a, const double* b, const double* c, double s,
                                       std::size_t n) {
  triad_loop(a, b, c, s, n);
}

[[gnu::target("avx2,fma")]] void fill(double* x, double value, std::size_t n) {
  fill_loop(x, value, n);
}
[[gnu::target("avx2,fma")]] void fill_nt(double* x, double value, std::size_t n) {
  const __m256d v = _mm256_set1_pd(value);
  std::size_t i = unaligned_head<4>(x, n);
  std::fill(x, x + i, value);
  for (; i + 4 <= n; i += 4) _mm256_stream_pd(x + i, v);
  std::fill(x + i, x + n, value);
  _mm_sfence();
}
[[gnu::target("avx2,fma")]] void copy_nt(double* c, const double* a, std::size_t n) {
  std::size_t i = unaligned_head<4>(c, n);
  std::copy(a, a + i, c);
  for (; i + 4 <= n; i += 4) _mm256_stream_pd(c + i, _mm256_loadu_pd(a + i));
  std::copy(a + i, a + n, c + i);
  _mm_sfence();
}
// Multiply and add, not an FMA, as triad_loop computes it.
[[gnu::target("avx2,fma")]] void triad_nt(double* a, const double* b, const double* c, double s,
                                          std::size_t n) {
  const __m256d vs = _mm256_set1_pd(s);
  const std::size_t head = unaligned_head<4>(a, n);
  triad_loop(a, b, c, s, head);
  std::size_t i = head;
  for (; i + 4 <= n; i += 4) {
    _mm256_stream_pd(
        a + i, _mm256_add_pd(_mm256_loadu_pd(b + i), _mm256_mul_pd(vs, _mm256_loadu_pd(c + i))));
  }
  triad_loop(a + i, b + i, c + i, s, n - i);
  _mm_sfence();
}

// Two 32-byte loads a cycle into adds of 3- or 4-cycle latency need 8 accumulators.
[[gnu::target("avx2,fma")]] double read_sum(const double* x, std::size_t n) {
  constexpr std::size_t kAcc = 8;
  constexpr std::size_t kStep = kAcc * 4;
  __m256d acc[kAcc];
  for (auto& v : acc) v = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
#pragma GCC unroll 8
    for (std::size_t k = 0; k < kAcc; ++k) {
      acc[k] = _mm256_add_pd(acc[k], _mm256_loadu_pd(x + i + 4 * k));
    }
  }
  __m256d sum = acc[0];
  for (std::size_t k = 1; k < kAcc; ++k) sum = _mm256_add_pd(sum, acc[k]);
  double total = sum_lanes(sum);
  for (; i < n; ++i) total += x[i];
  return total;
}

// Twelve vectors of independent elements cover the FMA latency (see simd_avx512.cpp).
[[gnu::target("avx2,fma")]] void intensity(float* x, std::size_t n, int fmas, float a, float b) {
  constexpr std::size_t kVectors = 12;
  constexpr std::size_t kStep = kVectors * 8;
  __m256 va = _mm256_set1_ps(a);
  __m256 vb = _mm256_set1_ps(b);
  __asm__("" : "+x"(va), "+x"(vb));
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    __m256 v[kVectors];
#pragma GCC unroll 12
    for (std::size_t k = 0; k < kVectors; ++k) v[k] = _mm256_loadu_ps(x + i + 8 * k);
    for (int f = 0; f < fmas; ++f) {
#pragma GCC unroll 12
      for (std::size_t k = 0; k < kVectors; ++k) v[k] = _mm256_fmadd_ps(v[k], va, vb);
    }
#pragma GCC unroll 12
    for (std::size_t k = 0; k < kVectors; ++k) _mm256_storeu_ps(x + i + 8 * k, v[k]);
  }
  for (; i < n; ++i) {
    for (int f = 0; f < fmas; ++f) x[i] = std::fma(x[i], a, b);
  }
}

}  // namespace

const SimdKernels avx2_kernels{.fp32_lanes = 8,
                               .fp64_lanes = 4,
                               .chains = kChains,
                               .fma_fp32 = fma_fp32,
                               .fma_fp64 = fma_fp64,
                               .clock_chain = clock_chain,
                               .copy = copy,
                               .scale = scale,
                               .add = add,
                               .triad = triad,
                               .fill = fill,
                               .fill_nt = fill_nt,
                               .copy_nt = copy_nt,
                               .triad_nt = triad_nt,
                               .read_sum = read_sum,
                               .intensity = intensity};

}  // namespace roof::bench::detail

#else

namespace roof::bench::detail {
const SimdKernels avx2_kernels{};
}  // namespace roof::bench::detail

#endif
