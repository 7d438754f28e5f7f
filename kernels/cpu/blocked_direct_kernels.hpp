#pragma once

// The inner loops of rung 2 (blocked_direct_runner.hpp) on the channel-blocked layouts of
// blocked_layout.hpp, one source compiled for AVX-512, AVX2 and the baseline with target
// attributes (the build stays baseline x86-64), the widest the CPU runs chosen at run time.
// A 16-channel block is one GCC vector (vector_size 64: one zmm, two ymm or four xmm), so the
// loops say what they do and the compiler maps them on the registers it has.

#include <cstdint>

namespace roof::kernels {

// A stride-s correlation on blocked tensors: x [n][in_blocks][hp][wp][16] with its padding,
// weights [out_blocks][in_blocks][r][s][16][16], y [n][out_blocks][p][q][16].
struct BlockedCorrelation {
  std::int64_t n = 0, in_blocks = 0, hp = 0, wp = 0;
  std::int64_t out_blocks = 0, p = 0, q = 0;
  std::int64_t r = 1, s = 1, stride_h = 1, stride_w = 1, step_h = 1, step_w = 1;
};

// y[n][kb][row][:][:] = the row's correlation plus bias[kb * 16 ..] (bias may be null): the
// output columns in groups held in registers (12 with AVX-512, 6 with AVX2), each 16 output
// channels wide, accumulating over the input blocks, the taps and the block's 16 channels.
using BlockedRowKernel = void (*)(const BlockedCorrelation& c, const float* x, const float* w,
                                  const float* bias, float* y, std::int64_t n, std::int64_t kb,
                                  std::int64_t row);
// dw[kb][cb][tap_r][tap_s][:][:] = sum over images and output pixels of x (the tap's input
// pixel, 16 input channels) times dy (16 output channels): a 16 x 16 tile in registers (two
// halves of 8 rows where registers are short), rank-1 updates over the batch's pixels.
using BlockedWeightKernel = void (*)(const BlockedCorrelation& c, const float* x, const float* dy,
                                     float* dw, std::int64_t kb, std::int64_t cb,
                                     std::int64_t tap_r, std::int64_t tap_s);

struct BlockedKernels {
  const char* name = "";  // "avx512f", "avx2", "baseline"
  BlockedRowKernel row = nullptr;
  BlockedWeightKernel weights = nullptr;
};

const BlockedKernels& best_blocked_kernels();

}  // namespace roof::kernels
