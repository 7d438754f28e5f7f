#pragma once

// C (m x n) = A (m x k) B^T (B: n x k) for a narrow m: an fc layer's forward pass at a small
// batch, y = x W^T, which is bound by reading W once. packed_sgemm would pack W as a transposed
// operand first, a second pass over the weights (docs/bench.md); this reads each row of W in
// place, 2 rows at a time against up to 8 rows of A held in vectors, in the spirit of BLIS's
// "sup" kernels for skinny products. Accumulates onto C when `accumulate` (a bias preset).
// One source for AVX-512, AVX2 and the baseline (GCC vectors, target attributes), OpenMP over
// the rows of B.

#include <cstdint>

namespace roof::kernels {

// Where this kernel is the right choice: m at most kNarrowGemmMaxRows.
inline constexpr std::int64_t kNarrowGemmMaxRows = 32;

void narrow_gemm_nt(std::int64_t m, std::int64_t n, std::int64_t k, const float* a, const float* b,
                    float* c, bool accumulate);

// "avx512f", "avx2" or "baseline": the variant narrow_gemm_nt runs on this CPU.
const char* narrow_gemm_variant();

}  // namespace roof::kernels
