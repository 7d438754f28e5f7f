#pragma once

// The micro-kernel of rung 3 (brgemm_runner.hpp), in the style of oneDNN's brgemm: a tile of
// output pixels x output blocks held in registers, and for that tile a batch-reduce over every
// (input block, tap) of the small product [pixels x 16 input channels] x [16 x 16 KB output
// channels]: each broadcast input meets KB weight vectors, each weight vector `Pixels` inputs.
// The tile's pixels run across the rows of the plane (each with its own input address), so a
// short row leaves no tail. One source for AVX-512, AVX2 and the baseline (GCC vectors, target
// attributes), chosen at run time.

#include <cstdint>

#include "kernels/cpu/blocked_direct_kernels.hpp"

namespace roof::kernels {

// Output pixels [first, first + count) of image n (pixel i = row i / q, column i % q) for output
// blocks [kb, kb + blocks) of a blocked correlation: y[n][kb..][pixel][16] = bias + sum. `blocks`
// is the kernel's own (BrgemmKernels::output_blocks) or 1.
using BrgemmTileKernel = void (*)(const BlockedCorrelation& c, const float* x, const float* w,
                                  const float* bias, float* y, std::int64_t n, std::int64_t kb,
                                  std::int64_t blocks, std::int64_t first, std::int64_t count);

struct BrgemmKernels {
  const char* name = "";
  int pixels = 1;         // the tile's pixels: the kernel's best count
  int output_blocks = 1;  // the tile's output blocks of 16 channels
  BrgemmTileKernel tile = nullptr;
};

const BrgemmKernels& best_brgemm_kernels();

}  // namespace roof::kernels
