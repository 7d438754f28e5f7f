#pragma once

// 16 floats, one channel block of the blocked layouts (blocked_layout.hpp) or one vector of a
// skinny product: GCC's vector extension, as wide as the including function's target makes it
// (one zmm, two ymm or four xmm), with unaligned loads and stores. Included only by the kernels
// that compile one source for several targets (blocked_direct_kernels.cpp, brgemm_kernels.cpp,
// narrow_gemm.cpp); their helpers are always inlined into target-attributed functions, so the
// ABI for passing a 64-byte vector, which GCC warns changes without AVX-512, is never used.

#include <cstring>

namespace roof::kernels::simd16 {

typedef float Block __attribute__((vector_size(64)));
#pragma GCC diagnostic ignored "-Wpsabi"

[[gnu::always_inline]] inline Block load(const float* p) {
  Block v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store(float* p, Block v) {
  std::memcpy(p, &v, sizeof v);
}

}  // namespace roof::kernels::simd16
