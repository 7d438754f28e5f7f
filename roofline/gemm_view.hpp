#pragma once

#include <cstdint>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof {

// A conv or fc pass seen as the GEMM a library runs for it (implicit GEMM, or cuBLAS for fc):
// C[M x N] += A[M x K] * B[K x N], repeated once per group. M x N x K x groups is the pass's
// MAC count, so the view changes no work; it says how the work splits into tiles.
//   fwd:         M = N*P*Q (output pixels), N = K/g (output channels), K = C/g*R*S
//   bwd_data:    M = N*H*W (input pixels),  N = C/g (input channels),  K = K/g*R*S
//   bwd_weights: M = K/g,                   N = C/g*R*S,               K = N*P*Q
// fc is the same with H = W = P = Q = R = S = 1. bwd_data's M counts input pixels, as
// cuDNN's backward-data kernels do; for a stride above 1 that is more than the MACs, which
// the MACs field keeps exact.
struct GemmShape {
  std::int64_t M = 0;
  std::int64_t N = 0;
  std::int64_t K = 0;
  std::int64_t groups = 1;
};

// Throws InputError for a layer without MACs (pooling, ReLU, ...).
GemmShape gemm_of(const Layer& layer, Pass pass);

// The thread-block tile a kernel computes C in, and how many blocks one SM runs at once.
struct GemmTile {
  std::int64_t m = 128;
  std::int64_t n = 64;
  int blocks_per_sm = 1;
};

// How a GEMM's tiles fill a device: ceil(M/m) x ceil(N/n) x groups tiles, run in waves of
// sm_count x blocks_per_sm. The two losses a roofline does not see (Habitat's wave scaling,
// NeuSight's tiles): padding, the share of each tile outside C, and the idle SMs of the last
// wave. Their product is the fraction of the peak the tiling leaves available.
struct WaveCount {
  std::int64_t tiles = 0;
  std::int64_t waves = 0;
  double padding_efficiency = 0;  // M*N / (tiles_m*m * tiles_n*n)
  double wave_efficiency = 0;     // tiles / (waves * sm_count * blocks_per_sm)
  double efficiency() const { return padding_efficiency * wave_efficiency; }
};

// Throws InputError for a non-positive SM count, tile or GEMM extent.
WaveCount count_waves(const GemmShape& gemm, const GemmTile& tile, int sm_count);

}  // namespace roof
