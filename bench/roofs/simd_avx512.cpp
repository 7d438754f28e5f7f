// The AVX-512 variants. Every function carries target("avx512f") so the rest of the program
// stays baseline x86-64; ceiling_kernels.cpp calls these only when the CPU reports avx512f.
#include <immintrin.h>

#include <algorithm>
#include <cmath>

#include "bench/roofs/simd_kernels.hpp"

#if defined(__x86_64__)

namespace roof::bench::detail {
namespace {

// Two FMA ports with a 4-cycle latency (Skylake-SP to Sapphire Rapids, Zen 4) need 8 chains in
// flight; 16 leave margin for a 5- or 6-cycle FMA and still fit the 32 zmm registers beside the
// two constants.
constexpr int kChains = 16;

// Horizontal sums, outside the timed loops. (Not _mm512_reduce_add_*: with GCC 12 their
// _mm256_undefined_pd trips -Wuninitialized.)
[[gnu::target("avx512f")]] float sum_lanes(__m512 v) {
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, v);
  float total = 0;
  for (float x : lanes) total += x;
  return total;
}
[[gnu::target("avx512f")]] double sum_lanes(__m512d v) {
  alignas(64) double lanes[8];
  _mm512_store_pd(lanes, v);
  double total = 0;
  for (double x : lanes) total += x;
  return total;
}

[[gnu::target("avx512f")]] float fma_fp32(std::int64_t repeats, float a, float b) {
  __m512 va = _mm512_set1_ps(a);
  __m512 vb = _mm512_set1_ps(b);
  // Opaque to the optimiser: it cannot fold the chains or see that they converge.
  __asm__("" : "+v"(va), "+v"(vb));
  __m512 acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_ps(static_cast<float>(c + 2));
  for (std::int64_t r = 0; r < repeats; ++r) {
#pragma GCC unroll 16
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_ps(acc[c], va, vb);
  }
  __m512 sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm512_add_ps(sum, acc[c]);
  return sum_lanes(sum);
}

[[gnu::target("avx512f")]] double fma_fp64(std::int64_t repeats, double a, double b) {
  __m512d va = _mm512_set1_pd(a);
  __m512d vb = _mm512_set1_pd(b);
  __asm__("" : "+v"(va), "+v"(vb));
  __m512d acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = _mm512_set1_pd(c + 2.0);
  for (std::int64_t r = 0; r < repeats; ++r) {
#pragma GCC unroll 16
    for (int c = 0; c < kChains; ++c) acc[c] = _mm512_fmadd_pd(acc[c], va, vb);
  }
  __m512d sum = acc[0];
  for (int c = 1; c < kChains; ++c) sum = _mm512_add_pd(sum, acc[c]);
  return sum_lanes(sum);
}

// A register-register add has a one-cycle latency on every x86 core, so 100 dependent adds take
// 100 cycles. (Not `add $1`: Golden Cove and later retire chains of small-immediate adds faster
// than one a cycle.) One 512-bit FMA per ten adds, off the chain's critical path, holds the core
// at its AVX-512 clock, which is lower than the scalar one on many Xeons.
[[gnu::target("avx512f")]] std::uint64_t clock_chain(std::int64_t blocks) {
  std::uint64_t x = 0;
  std::uint64_t step = 1;
  __m512 acc = _mm512_setzero_ps();
  const __m512 zero = _mm512_setzero_ps();
  __asm__("" : "+r"(step));
  for (std::int64_t i = 0; i < blocks; ++i) {
    __asm__ volatile(
        ".rept 10\n\t"
        ".rept 10\n\tadd %[step], %[x]\n\t.endr\n\t"
        "vfmadd231ps %[zero], %[zero], %[acc]\n\t"
        ".endr"
        : [x] "+r"(x), [acc] "+v"(acc)
        : [step] "r"(step), [zero] "v"(zero));
  }
  return x;
}

[[gnu::target("avx512f")]] void copy(double* c, const double* a, std::size_t n) {
  copy_loop(c, a, n);
}
[[gnu::target("avx512f")]] void scale(double* b, const double* c, double s, std::size_t n) {
  scale_loop(b, c, s, n);
}
[[gnu::target("avx512f")]] void add(double* c, const double* a, const double* b, std::size_t n) {
  add_loop(c, a, b, n);
}
[[gnu::target("avx512f")]] void triad(double* a, const double* b, const double* c, double s,
                                      std::size_t n) {
  triad_loop(a, b, c, s, n);
}

[[gnu::target("avx512f")]] void fill(double* x, double value, std::size_t n) {
  fill_loop(x, value, n);
}
[[gnu::target("avx512f")]] void fill_nt(double* x, double value, std::size_t n) {
  const __m512d v = _mm512_set1_pd(value);
  std::size_t i = unaligned_head<8>(x, n);
  std::fill(x, x + i, value);
  for (; i + 8 <= n; i += 8) _mm512_stream_pd(x + i, v);
  std::fill(x + i, x + n, value);
  _mm_sfence();
}
[[gnu::target("avx512f")]] void copy_nt(double* c, const double* a, std::size_t n) {
  std::size_t i = unaligned_head<8>(c, n);
  std::copy(a, a + i, c);
  for (; i + 8 <= n; i += 8) _mm512_stream_pd(c + i, _mm512_loadu_pd(a + i));
  std::copy(a + i, a + n, c + i);
  _mm_sfence();
}
// Multiply and add, not an FMA, as triad_loop computes it.
[[gnu::target("avx512f")]] void triad_nt(double* a, const double* b, const double* c, double s,
                                         std::size_t n) {
  const __m512d vs = _mm512_set1_pd(s);
  const std::size_t head = unaligned_head<8>(a, n);
  triad_loop(a, b, c, s, head);
  std::size_t i = head;
  for (; i + 8 <= n; i += 8) {
    _mm512_stream_pd(
        a + i, _mm512_add_pd(_mm512_loadu_pd(b + i), _mm512_mul_pd(vs, _mm512_loadu_pd(c + i))));
  }
  triad_loop(a + i, b + i, c + i, s, n - i);
  _mm_sfence();
}

// Two 64-byte loads a cycle into adds of 4-cycle latency need 8 accumulators; 16 for margin.
[[gnu::target("avx512f")]] double read_sum(const double* x, std::size_t n) {
  constexpr std::size_t kAcc = 16;
  constexpr std::size_t kStep = kAcc * 8;
  __m512d acc[kAcc];
  for (auto& v : acc) v = _mm512_setzero_pd();
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
#pragma GCC unroll 16
    for (std::size_t k = 0; k < kAcc; ++k) {
      acc[k] = _mm512_add_pd(acc[k], _mm512_loadu_pd(x + i + 8 * k));
    }
  }
  __m512d sum = acc[0];
  for (std::size_t k = 1; k < kAcc; ++k) sum = _mm512_add_pd(sum, acc[k]);
  double total = sum_lanes(sum);
  for (; i < n; ++i) total += x[i];
  return total;
}

// Sixteen vectors of independent elements cover the FMA latency, so a high `fmas` runs at the
// compute ceiling and a low one at the memory ceiling.
[[gnu::target("avx512f")]] void intensity(float* x, std::size_t n, int fmas, float a, float b) {
  constexpr std::size_t kVectors = 16;
  constexpr std::size_t kStep = kVectors * 16;
  __m512 va = _mm512_set1_ps(a);
  __m512 vb = _mm512_set1_ps(b);
  __asm__("" : "+v"(va), "+v"(vb));
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    __m512 v[kVectors];
#pragma GCC unroll 16
    for (std::size_t k = 0; k < kVectors; ++k) v[k] = _mm512_loadu_ps(x + i + 16 * k);
    for (int f = 0; f < fmas; ++f) {
#pragma GCC unroll 16
      for (std::size_t k = 0; k < kVectors; ++k) v[k] = _mm512_fmadd_ps(v[k], va, vb);
    }
#pragma GCC unroll 16
    for (std::size_t k = 0; k < kVectors; ++k) _mm512_storeu_ps(x + i + 16 * k, v[k]);
  }
  for (; i < n; ++i) {
    for (int f = 0; f < fmas; ++f) x[i] = std::fma(x[i], a, b);
  }
}

}  // namespace

const SimdKernels avx512f_kernels{.fp32_lanes = 16,
                                  .fp64_lanes = 8,
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
const SimdKernels avx512f_kernels{};
}  // namespace roof::bench::detail

#endif
