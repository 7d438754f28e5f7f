#pragma once

#include <cstdint>

#include "kernels/cuda/host_device.hpp"
#include "kernels/cuda/launch_shape.hpp"

// Our shared-memory tiled SGEMM, the textbook one (Kirk and Hwu, "Programming Massively Parallel
// Processors", ch. 4-5): C (M x N) = A (M x K) B (K x N) + a bias per row, all row-major.
//
// A block of kTile x kTile threads computes one kTile x kTile tile of C, thread (tx, ty) the
// element C[row = block.y kTile + ty][col = block.x kTile + tx]. It walks K in steps of kTile;
// each step has two phases separated by __syncthreads():
//   load:       every thread copies one element of A's and one of B's tile into shared memory
//               (0 outside the matrices, so edge tiles need no special case in the sum);
//   accumulate: every thread adds the kTile products of its row of A's tile and column of B's.
// The second barrier keeps a fast thread from overwriting a tile another still reads. Each phase
// is a function below; tiled_sgemm.cu is the thin kernel around them, and tests/gpu runs every
// thread of a block phase by phase, all loads of a step before any accumulation, as the barriers
// order them on the GPU.

namespace roof::cuda {

inline constexpr int kTile = 16;

struct SgemmArgs {
  std::int64_t M = 0, N = 0, K = 0;
  const float* A = nullptr;  // A[i lda + k]
  std::int64_t lda = 0;
  const float* B = nullptr;  // B[k ldb + j]
  std::int64_t ldb = 0;
  float* C = nullptr;  // C[i ldc + j], written, never read
  std::int64_t ldc = 0;
  const float* row_bias = nullptr;  // bias[i] added to row i of C; null for none
};

// The block's shared memory: one tile of A and one of B.
struct SgemmTiles {
  float a[kTile][kTile];
  float b[kTile][kTile];
};

inline LaunchShape sgemm_launch(const SgemmArgs& g) {
  return {{blocks_covering(g.N, kTile, kMaxGridX), blocks_covering(g.M, kTile, kMaxGridYZ), 1},
          {kTile, kTile, 1}};
}

ROOF_HOST_DEVICE inline std::int64_t sgemm_steps(const SgemmArgs& g) {
  return (g.K + kTile - 1) / kTile;
}

ROOF_HOST_DEVICE inline std::int64_t sgemm_row(Index3 block, Index3 thread) {
  return static_cast<std::int64_t>(block.y) * kTile + thread.y;
}

ROOF_HOST_DEVICE inline std::int64_t sgemm_col(Index3 block, Index3 thread) {
  return static_cast<std::int64_t>(block.x) * kTile + thread.x;
}

// Load phase of `step`: thread (tx, ty) fills a[ty][tx] = A[row][step kTile + tx] and
// b[ty][tx] = B[step kTile + ty][col]. Together the block's threads fill both tiles entirely.
ROOF_HOST_DEVICE inline void sgemm_load_tiles(const SgemmArgs& g, Index3 block, Index3 thread,
                                              std::int64_t step, SgemmTiles& tiles) {
  const std::int64_t row = sgemm_row(block, thread);
  const std::int64_t col = sgemm_col(block, thread);
  const std::int64_t a_col = step * kTile + thread.x;
  const std::int64_t b_row = step * kTile + thread.y;
  tiles.a[thread.y][thread.x] = row < g.M && a_col < g.K ? g.A[row * g.lda + a_col] : 0.0f;
  tiles.b[thread.y][thread.x] = b_row < g.K && col < g.N ? g.B[b_row * g.ldb + col] : 0.0f;
}

// Accumulate phase: the thread's running sum plus its row of a times its column of b.
ROOF_HOST_DEVICE inline float sgemm_accumulate(const SgemmTiles& tiles, Index3 thread, float sum) {
  for (int k = 0; k < kTile; ++k) sum += tiles.a[thread.y][k] * tiles.b[k][thread.x];
  return sum;
}

// After the last step: threads inside C write their element.
ROOF_HOST_DEVICE inline void sgemm_store(const SgemmArgs& g, Index3 block, Index3 thread,
                                         float sum) {
  const std::int64_t row = sgemm_row(block, thread);
  const std::int64_t col = sgemm_col(block, thread);
  if (row >= g.M || col >= g.N) return;
  g.C[row * g.ldc + col] = (g.row_bias != nullptr ? g.row_bias[row] : 0.0f) + sum;
}

}  // namespace roof::cuda
