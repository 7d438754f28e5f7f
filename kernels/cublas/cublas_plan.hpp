#pragma once

#include <cstdint>
#include <vector>

#include "kernels/gpu_runner.hpp"

// The cuBLAS runner's passes as lists of GEMM calls, before any pointer exists: pure host logic,
// so tests/gpu can execute a plan with a CPU GEMM and prove every transpose and leading dimension
// against the float64 reference on a machine without a GPU.

namespace roof::cuda {

// The tensor of the pass a matrix lives in: the inputs and the result in the runner's layout, and
// a vector of ones that turns the bias broadcast into a GEMM of inner dimension 1.
enum class Operand { x, w, bias, dy, ones, result };

// A column-major matrix as cuBLAS takes it: element (i, j) of batch entry b is at element
// offset + b stride + i + j ld of the tensor.
struct MatrixView {
  Operand tensor = Operand::x;
  std::int64_t offset = 0;
  std::int64_t ld = 1;
  std::int64_t stride = 0;  // between batch entries; 0 shares one matrix across the batch
};

// C = op(A) op(B) + beta C (alpha is 1), C m x n, op(A) m x k, op(B) k x n; `batch` entries,
// cublas<t>gemmStridedBatched when batch > 1.
struct GemmCall {
  bool transpose_a = false;
  bool transpose_b = false;
  std::int64_t m = 0, n = 0, k = 0;
  MatrixView a, b, c;
  float beta = 0.0f;
  std::int64_t batch = 1;
};

struct CublasPlan {
  std::vector<GemmCall> calls;  // in order; later calls may accumulate onto earlier ones
  std::int64_t ones = 0;        // length of the ones vector (0: none needed)
};

// What the plan covers: fc layers, and 1x1 convolutions with stride 1, no padding and one group,
// whose image is already the GEMM operand.
bool cublas_plan_applies(const Layer& layer);
// The calls of one pass in the given activation layout. Requires cublas_plan_applies(layer).
CublasPlan cublas_plan(const Layer& layer, Pass pass, kernels::GpuRunnerOptions::Layout layout);
// Whether every dimension and leading dimension fits cuBLAS's int.
bool fits_cublas_int(const CublasPlan& plan);

}  // namespace roof::cuda
