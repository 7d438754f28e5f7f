// Which SIMD variant runs, and the names and sizes every ceiling shares.
#include "bench/roofs/ceiling_kernels.hpp"

#include <cstdlib>
#include <stdexcept>

#include "bench/roofs/simd_kernels.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace roof::bench {

namespace detail {

const SimdKernels& kernels_for(Simd simd) {
  switch (simd) {
    case Simd::avx512f:
      return avx512f_kernels;
    case Simd::avx2:
      return avx2_kernels;
    case Simd::baseline:
      break;
  }
  return baseline_kernels;
}

}  // namespace detail

using detail::kernels_for;
using detail::SimdKernels;

std::string_view to_string(Simd simd) {
  switch (simd) {
    case Simd::avx512f:
      return "avx512f";
    case Simd::avx2:
      return "avx2";
    case Simd::baseline:
      break;
  }
  return "baseline";
}

bool simd_supported(Simd simd) {
#if defined(__x86_64__)
  if (simd == Simd::avx512f) return __builtin_cpu_supports("avx512f");
  if (simd == Simd::avx2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  if (simd != Simd::baseline) return false;
#endif
  return true;
}

Simd widest_simd() {
  for (Simd simd : {Simd::avx512f, Simd::avx2}) {
    if (simd_supported(simd)) return simd;
  }
  return Simd::baseline;
}

Simd chosen_simd() {
  const char* wanted = std::getenv("ROOF_SIMD");
  if (wanted == nullptr || *wanted == '\0') return widest_simd();
  for (Simd simd : {Simd::avx512f, Simd::avx2, Simd::baseline}) {
    if (to_string(simd) != wanted) continue;
    if (!simd_supported(simd)) {
      throw std::runtime_error("ROOF_SIMD=" + std::string(wanted) + ": this CPU does not have it");
    }
    return simd;
  }
  throw std::runtime_error("ROOF_SIMD=" + std::string(wanted) +
                           ": expected avx512f, avx2 or baseline");
}

std::string_view to_string(Precision precision) {
  return precision == Precision::fp32 ? "fp32" : "fp64";
}

int simd_lanes(Simd simd, Precision precision) {
  const SimdKernels& k = kernels_for(simd);
  return precision == Precision::fp32 ? k.fp32_lanes : k.fp64_lanes;
}

int fma_chains(Simd simd) {
  return kernels_for(simd).chains;
}

int ceiling_threads() {
#if defined(_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

}  // namespace roof::bench
