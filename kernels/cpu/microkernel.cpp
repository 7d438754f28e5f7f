#include "kernels/cpu/microkernel.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ROOF_X86 1
#endif

namespace roof::kernels {
namespace {

using Index = std::int64_t;

// The portable kernel: the same tile and operand order, plain loops the compiler vectorises
// for the baseline instruction set (SSE2 on x86-64). A fallback, not a rung of the ladder.
constexpr int kPortableMr = 6;
constexpr int kPortableNr = 16;

void portable_6x16(Index kc, const float* a, const float* b, float* c, Index ldc, bool accumulate) {
  float tile[kPortableMr][kPortableNr] = {};
  for (Index k = 0; k < kc; ++k) {
    for (int i = 0; i < kPortableMr; ++i) {
      const float ai = a[k * kPortableMr + i];
      for (int j = 0; j < kPortableNr; ++j) tile[i][j] += ai * b[k * kPortableNr + j];
    }
  }
  for (int i = 0; i < kPortableMr; ++i) {
    float* row = c + i * ldc;
    for (int j = 0; j < kPortableNr; ++j) row[j] = accumulate ? row[j] + tile[i][j] : tile[i][j];
  }
}

#ifdef ROOF_X86
// One k step: two B vectors, six broadcasts of A, twelve FMAs. A macro because a lambda
// would not inherit the function's target attribute and could not use AVX2.
#define ROOF_AVX2_STEP(ak, bk)                  \
  do {                                          \
    const __m256 b0 = _mm256_load_ps(bk);       \
    const __m256 b1 = _mm256_load_ps((bk) + 8); \
    __m256 ai = _mm256_broadcast_ss((ak) + 0);  \
    c00 = _mm256_fmadd_ps(ai, b0, c00);         \
    c01 = _mm256_fmadd_ps(ai, b1, c01);         \
    ai = _mm256_broadcast_ss((ak) + 1);         \
    c10 = _mm256_fmadd_ps(ai, b0, c10);         \
    c11 = _mm256_fmadd_ps(ai, b1, c11);         \
    ai = _mm256_broadcast_ss((ak) + 2);         \
    c20 = _mm256_fmadd_ps(ai, b0, c20);         \
    c21 = _mm256_fmadd_ps(ai, b1, c21);         \
    ai = _mm256_broadcast_ss((ak) + 3);         \
    c30 = _mm256_fmadd_ps(ai, b0, c30);         \
    c31 = _mm256_fmadd_ps(ai, b1, c31);         \
    ai = _mm256_broadcast_ss((ak) + 4);         \
    c40 = _mm256_fmadd_ps(ai, b0, c40);         \
    c41 = _mm256_fmadd_ps(ai, b1, c41);         \
    ai = _mm256_broadcast_ss((ak) + 5);         \
    c50 = _mm256_fmadd_ps(ai, b0, c50);         \
    c51 = _mm256_fmadd_ps(ai, b1, c51);         \
  } while (false)

// AVX2 + FMA, 6 x 16: the tile is 6 rows of two 8-float ymm registers (12 accumulators); each
// k step loads the two B vectors and broadcasts the 6 A values one at a time, 12 FMAs on 15 of
// the 16 ymm registers. Two FMA pipes of 4-5 cycles' latency need at least 8-10 independent
// accumulators to stay busy; 12 gives the margin (BLIS's Haswell and Zen kernels use this
// shape for the same reason). Compiled for AVX2 alone with the target attribute, so the rest
// of the build stays baseline x86-64 and runs anywhere.
__attribute__((target("avx2,fma"))) void avx2_6x16(Index kc, const float* a, const float* b,
                                                   float* c, Index ldc, bool accumulate) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  // The C tile is read (or written) once after kc steps; asking for its 6 rows now hides the
  // misses behind the loop instead of stalling on them at the end.
  for (int i = 0; i < 6; ++i) {
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + 15), _MM_HINT_T0);
  }
  // Unrolled by four, so loop overhead and the prefetches (one cache line of A and B each per
  // 64 bytes consumed) are paid once per four steps. The prefetch distance is a few hundred
  // cycles of work ahead: the A~ panel comes from L2, the B micro-panel mostly from L1.
  Index k = 0;
  for (; k + 4 <= kc; k += 4) {
    _mm_prefetch(reinterpret_cast<const char*>(a + 96), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(b + 128), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(b + 144), _MM_HINT_T0);
    ROOF_AVX2_STEP(a, b);
    ROOF_AVX2_STEP(a + 6, b + 16);
    _mm_prefetch(reinterpret_cast<const char*>(b + 160), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(b + 176), _MM_HINT_T0);
    ROOF_AVX2_STEP(a + 12, b + 32);
    ROOF_AVX2_STEP(a + 18, b + 48);
    a += 24;
    b += 64;
  }
  for (; k < kc; ++k) {
    ROOF_AVX2_STEP(a, b);
    a += 6;
    b += 16;
  }
  const __m256 rows[6][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                             {c30, c31}, {c40, c41}, {c50, c51}};
  for (int i = 0; i < 6; ++i) {
    float* row = c + i * ldc;
    __m256 lo = rows[i][0], hi = rows[i][1];
    if (accumulate) {
      lo = _mm256_add_ps(lo, _mm256_loadu_ps(row));
      hi = _mm256_add_ps(hi, _mm256_loadu_ps(row + 8));
    }
    _mm256_storeu_ps(row, lo);
    _mm256_storeu_ps(row + 8, hi);
  }
}

#undef ROOF_AVX2_STEP

// AVX-512, 14 x 32: the tile is 14 rows of two 16-float zmm registers (28 accumulators); each k
// step loads the two B vectors and broadcasts the 14 A values, 28 FMAs on 31 of the 32 zmm
// registers. Two 512-bit FMA pipes of 4 cycles' latency (Zen 4 and 5 with a full-width
// datapath, Skylake-SP to Sapphire Rapids with two units) need 8 accumulators in flight; 28
// leave the loads room: 16 loads per 28 FMAs, 1.1 a cycle at full rate. This is the shape of
// oneDNN's and OpenBLAS's AVX-512 SGEMM kernels in this orientation (rows of C along the
// vectors). The accumulators are an array the compiler keeps in registers: every index is a
// constant once the loops are unrolled.
constexpr int kAvx512Mr = 14;
__attribute__((target("avx512f"))) void avx512_14x32(Index kc, const float* a, const float* b,
                                                     float* c, Index ldc, bool accumulate) {
  __m512 acc[kAvx512Mr][2];
#pragma GCC unroll 14
  for (int i = 0; i < kAvx512Mr; ++i) {
    acc[i][0] = _mm512_setzero_ps();
    acc[i][1] = _mm512_setzero_ps();
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc + 31), _MM_HINT_T0);
  }
  for (Index k = 0; k < kc; ++k) {
    // A few steps ahead: the A micro-panel streams from L2, the B micro-panel from L1.
    _mm_prefetch(reinterpret_cast<const char*>(a + 8 * kAvx512Mr), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(b + 8 * 32), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(b + 8 * 32 + 16), _MM_HINT_T0);
    const __m512 b0 = _mm512_load_ps(b);
    const __m512 b1 = _mm512_load_ps(b + 16);
#pragma GCC unroll 14
    for (int i = 0; i < kAvx512Mr; ++i) {
      const __m512 ai = _mm512_set1_ps(a[i]);
      acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
    }
    a += kAvx512Mr;
    b += 32;
  }
#pragma GCC unroll 14
  for (int i = 0; i < kAvx512Mr; ++i) {
    float* row = c + i * ldc;
    __m512 lo = acc[i][0], hi = acc[i][1];
    if (accumulate) {
      lo = _mm512_add_ps(lo, _mm512_loadu_ps(row));
      hi = _mm512_add_ps(hi, _mm512_loadu_ps(row + 16));
    }
    _mm512_storeu_ps(row, lo);
    _mm512_storeu_ps(row + 16, hi);
  }
}

bool cpu_has_avx2_fma() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

bool cpu_has_avx512f() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
#endif

struct KernelTable {
  MicroKernel kernels[3];
  int count = 0;
};

// Each kernel with the cache blocking it runs with (docs/kernels.md, "Blocking"): the B
// micro-panel KC x NR in half of a 32-48 KiB L1, A~ MC x KC in a fraction of L2, B~ KC x NC in
// L3. MC is a multiple of MR, NC of NR.
KernelTable make_table() {
  KernelTable table;
#ifdef ROOF_X86
  // KC 192: the B micro-panel 192 x 32 x 4 B = 24 KiB; MC 168 (12 panels): A~ 126 KiB; NC 4096:
  // B~ 3 MiB.
  if (cpu_has_avx512f()) {
    table.kernels[table.count++] = {"avx512f 14x32", kAvx512Mr, 32, avx512_14x32, 168, 192, 4096};
  }
  // BLIS's Zen values: the B micro-panel 16 KiB, A~ 144 KiB, B~ 4 MiB.
  if (cpu_has_avx2_fma()) {
    table.kernels[table.count++] = {"avx2+fma 6x16", 6, 16, avx2_6x16, 144, 256, 4080};
  }
#endif
  table.kernels[table.count++] = {
      "portable 6x16", kPortableMr, kPortableNr, portable_6x16, 144, 256, 4080};
  return table;
}

const KernelTable& table() {
  static const KernelTable instance = make_table();
  return instance;
}

}  // namespace

const MicroKernel& best_micro_kernel() {
  return table().kernels[0];
}

const MicroKernel* runnable_micro_kernels(int* count) {
  *count = table().count;
  return table().kernels;
}

}  // namespace roof::kernels
