#pragma once

#include <cstdint>
#include <string_view>

namespace roof::kernels {

// The innermost loop of our packed SGEMM (packed_sgemm.hpp), in the style of BLIS: an MR x NR
// tile of C held in vector registers while kc outer products of a packed A micro-panel (kc
// columns of MR values) and a packed B micro-panel (kc rows of NR values) are added into it:
//   C[i][j] (+)= sum_k a[k MR + i] b[k NR + j],   0 <= i < MR, 0 <= j < NR.
// c points at C[0][0], rows ldc apart, every one of the MR x NR entries writable; with
// accumulate the tile is added to what C holds, else it overwrites it. Edge tiles go through a
// full-size scratch tile (packed_sgemm.cpp), so the kernel has no bounds to check.
using MicroKernelFn = void (*)(std::int64_t kc, const float* a, const float* b, float* c,
                               std::int64_t ldc, bool accumulate);

struct MicroKernel {
  std::string_view name;  // "avx512f 14x32", "avx2+fma 6x16", ...
  int mr = 0;
  int nr = 0;
  MicroKernelFn run = nullptr;
  // The cache blocking the kernel is tuned with (packed_sgemm.hpp's GemmBlocking, by default).
  std::int64_t mc = 0;
  std::int64_t kc = 0;
  std::int64_t nc = 0;
};

// The fastest kernel this CPU runs, chosen once at run time from CPUID (the build has no
// -march flag, docs/kernels.md): AVX-512, else AVX2 with FMA, else the portable one.
const MicroKernel& best_micro_kernel();

// Every kernel this build has that this CPU can run, fastest first; tests check each.
const MicroKernel* runnable_micro_kernels(int* count);

}  // namespace roof::kernels
