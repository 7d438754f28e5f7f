// The portable variants, for a CPU with neither AVX2 nor AVX-512: plain C++ at the compiler's
// baseline (SSE2 on x86-64). Multiply and add stay two instructions (no FMA at this baseline),
// still counted as two FLOPs; no theoretical peak is claimed for them.
#include <algorithm>
#include <cmath>

#if defined(__x86_64__)
#include <emmintrin.h>  // SSE2, part of x86-64 itself: its 16-byte streaming stores
#endif

#include "bench/roofs/simd_kernels.hpp"

namespace roof::bench::detail {
namespace {

constexpr int kChains = 8;

template <typename T>
T chains(std::int64_t repeats, T a, T b) {
#if defined(__GNUC__)
  __asm__("" : "+m"(a), "+m"(b));
#endif
  T acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = static_cast<T>(c + 2);
  for (std::int64_t r = 0; r < repeats; ++r) {
    for (T& x : acc) x = x * a + b;
  }
  T sum = 0;
  for (T x : acc) sum += x;
  return sum;
}

float fma_fp32(std::int64_t repeats, float a, float b) {
  return chains(repeats, a, b);
}
double fma_fp64(std::int64_t repeats, double a, double b) {
  return chains(repeats, a, b);
}

#if defined(__x86_64__)
// 100 dependent register-register adds take 100 cycles (see simd_avx512.cpp).
std::uint64_t clock_chain(std::int64_t blocks) {
  std::uint64_t x = 0;
  std::uint64_t step = 1;
  __asm__("" : "+r"(step));
  for (std::int64_t i = 0; i < blocks; ++i) {
    __asm__ volatile(".rept 100\n\tadd %[step], %[x]\n\t.endr" : [x] "+r"(x) : [step] "r"(step));
  }
  return x;
}
#endif

void copy(double* c, const double* a, std::size_t n) {
  copy_loop(c, a, n);
}
void scale(double* b, const double* c, double s, std::size_t n) {
  scale_loop(b, c, s, n);
}
void add(double* c, const double* a, const double* b, std::size_t n) {
  add_loop(c, a, b, n);
}
void triad(double* a, const double* b, const double* c, double s, std::size_t n) {
  triad_loop(a, b, c, s, n);
}

void fill(double* x, double value, std::size_t n) {
  fill_loop(x, value, n);
}

#if defined(__x86_64__)
void fill_nt(double* x, double value, std::size_t n) {
  const __m128d v = _mm_set1_pd(value);
  std::size_t i = unaligned_head<2>(x, n);
  std::fill(x, x + i, value);
  for (; i + 2 <= n; i += 2) _mm_stream_pd(x + i, v);
  std::fill(x + i, x + n, value);
  _mm_sfence();
}
void copy_nt(double* c, const double* a, std::size_t n) {
  std::size_t i = unaligned_head<2>(c, n);
  std::copy(a, a + i, c);
  for (; i + 2 <= n; i += 2) _mm_stream_pd(c + i, _mm_loadu_pd(a + i));
  std::copy(a + i, a + n, c + i);
  _mm_sfence();
}
// Multiply and add, not an FMA, as triad_loop computes it.
void triad_nt(double* a, const double* b, const double* c, double s, std::size_t n) {
  const __m128d vs = _mm_set1_pd(s);
  const std::size_t head = unaligned_head<2>(a, n);
  triad_loop(a, b, c, s, head);
  std::size_t i = head;
  for (; i + 2 <= n; i += 2) {
    _mm_stream_pd(a + i, _mm_add_pd(_mm_loadu_pd(b + i), _mm_mul_pd(vs, _mm_loadu_pd(c + i))));
  }
  triad_loop(a + i, b + i, c + i, s, n - i);
  _mm_sfence();
}
#endif

double read_sum(const double* x, std::size_t n) {
  double acc[8] = {};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t k = 0; k < 8; ++k) acc[k] += x[i + k];
  }
  double total = 0;
  for (double v : acc) total += v;
  for (; i < n; ++i) total += x[i];
  return total;
}

void intensity(float* x, std::size_t n, int fmas, float a, float b) {
  for (std::size_t i = 0; i < n; ++i) {
    float v = x[i];
    for (int f = 0; f < fmas; ++f) v = v * a + b;
    x[i] = v;
  }
}

}  // namespace

const SimdKernels baseline_kernels {
  .fp32_lanes = 1, .fp64_lanes = 1, .chains = kChains, .fma_fp32 = fma_fp32, .fma_fp64 = fma_fp64,
#if defined(__x86_64__)
  .clock_chain = clock_chain,
#endif
  .copy = copy, .scale = scale, .add = add, .triad = triad, .fill = fill,
#if defined(__x86_64__)
  .fill_nt = fill_nt, .copy_nt = copy_nt, .triad_nt = triad_nt,
#endif
  .read_sum = read_sum, .intensity = intensity
};

}  // namespace roof::bench::detail
