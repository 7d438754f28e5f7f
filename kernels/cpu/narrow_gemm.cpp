#include "kernels/cpu/narrow_gemm.hpp"

#include <algorithm>

#include "kernels/cpu/channel_block.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;

using Vec = simd16::Block;
using simd16::load;
constexpr Index L = 16;  // floats in a Vec

[[gnu::always_inline]] inline float sum(Vec v) {
  float total = 0;
  for (Index i = 0; i < L; ++i) total += v[i];
  return total;
}

// Rows [i0, i0 + M) of A against rows j and j + 1 of B: 2 M dot products of length k.
template <int M>
[[gnu::always_inline]] inline void two_columns(Index k, const float* a, const float* b, float* c,
                                               Index n, Index i0, Index j, bool second,
                                               bool accumulate) {
  Vec acc0[M] = {}, acc1[M] = {};
  const float* b0 = b + j * k;
  const float* b1 = second ? b0 + k : b0;
  const Index whole = k / L * L;
  for (Index p = 0; p < whole; p += L) {
    const Vec w0 = load(b0 + p), w1 = load(b1 + p);
#pragma GCC unroll 8
    for (int i = 0; i < M; ++i) {
      const Vec x = load(a + (i0 + i) * k + p);
      acc0[i] += x * w0;
      acc1[i] += x * w1;
    }
  }
  for (int i = 0; i < M; ++i) {
    float s0 = sum(acc0[i]), s1 = sum(acc1[i]);
    for (Index p = whole; p < k; ++p) {  // the tail of a length not a multiple of 16
      s0 += a[(i0 + i) * k + p] * b0[p];
      s1 += a[(i0 + i) * k + p] * b1[p];
    }
    float* row = c + (i0 + i) * n;
    row[j] = accumulate ? row[j] + s0 : s0;
    if (second) row[j + 1] = accumulate ? row[j + 1] + s1 : s1;
  }
}

// Up to 8 rows of A at a time (a template per count), every pair of B's rows.
template <int M>
[[gnu::always_inline]] inline void rows_of_a(Index k, const float* a, const float* b, float* c,
                                             Index n, Index i0, Index rows, Index j, bool second,
                                             bool accumulate) {
  if constexpr (M > 0) {
    if (rows == M) {
      two_columns<M>(k, a, b, c, n, i0, j, second, accumulate);
    } else {
      rows_of_a<M - 1>(k, a, b, c, n, i0, rows, j, second, accumulate);
    }
  }
}

[[gnu::always_inline]] inline void pair_body(Index m, Index n, Index k, const float* a,
                                             const float* b, float* c, Index j, bool accumulate) {
  const bool second = j + 1 < n;
  for (Index i0 = 0; i0 < m; i0 += 8) {
    rows_of_a<8>(k, a, b, c, n, i0, std::min<Index>(8, m - i0), j, second, accumulate);
  }
}

using PairFn = void (*)(Index, Index, Index, const float*, const float*, float*, Index, bool);

#if defined(__x86_64__)
[[gnu::target("avx512f")]] void pair_avx512(Index m, Index n, Index k, const float* a,
                                            const float* b, float* c, Index j, bool accumulate) {
  pair_body(m, n, k, a, b, c, j, accumulate);
}
[[gnu::target("avx2,fma")]] void pair_avx2(Index m, Index n, Index k, const float* a,
                                           const float* b, float* c, Index j, bool accumulate) {
  pair_body(m, n, k, a, b, c, j, accumulate);
}
#endif
void pair_baseline(Index m, Index n, Index k, const float* a, const float* b, float* c, Index j,
                   bool accumulate) {
  pair_body(m, n, k, a, b, c, j, accumulate);
}

struct Variant {
  const char* name;
  PairFn pair;
};

Variant choose() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return {"avx512f", pair_avx512};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return {"avx2", pair_avx2};
#endif
  return {"baseline", pair_baseline};
}

const Variant& variant() {
  static const Variant chosen = choose();
  return chosen;
}

}  // namespace

void narrow_gemm_nt(Index m, Index n, Index k, const float* a, const float* b, float* c,
                    bool accumulate) {
  const PairFn pair = variant().pair;
  const Index pairs = (n + 1) / 2;
#pragma omp parallel for schedule(static)
  for (Index jp = 0; jp < pairs; ++jp) pair(m, n, k, a, b, c, 2 * jp, accumulate);
}

const char* narrow_gemm_variant() {
  return variant().name;
}

}  // namespace roof::kernels
