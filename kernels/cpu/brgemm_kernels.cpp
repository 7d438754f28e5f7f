#include "kernels/cpu/brgemm_kernels.hpp"

#include "kernels/cpu/blocked_layout.hpp"
#include "kernels/cpu/channel_block.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;
constexpr Index B = kChannelBlock;

using simd16::Block;
using simd16::load;
using simd16::store;

// P pixels x KB output blocks: acc[j][b]. in[j] is pixel j's input window origin (input block 0,
// tap (0, 0)); the batch-reduce adds every input block and tap.
template <int P, int KB>
[[gnu::always_inline]] inline void reduce(const BlockedCorrelation& c, const float* const (&in)[P],
                                          const float* w, Index kb, Block (&acc)[P][KB]) {
  const Index tap_stride = B * B, block_stride = c.r * c.s * tap_stride;
  const Index out_stride = c.in_blocks * block_stride;  // one output block's weights
  for (Index cb = 0; cb < c.in_blocks; ++cb) {
    for (Index r = 0; r < c.r; ++r) {
      for (Index s = 0; s < c.s; ++s) {
        const Index offset = (cb * c.hp * c.wp + r * c.step_h * c.wp + s * c.step_w) * B;
        const float* taps = w + kb * out_stride + cb * block_stride + (r * c.s + s) * tap_stride;
        for (Index ci = 0; ci < B; ++ci) {
          Block wv[KB];
          for (int b = 0; b < KB; ++b) wv[b] = load(taps + b * out_stride + ci * B);
#pragma GCC unroll 16
          for (int j = 0; j < P; ++j) {
            const float xv = in[j][offset + ci];
#pragma GCC unroll 8
            for (int b = 0; b < KB; ++b) acc[j][b] += xv * wv[b];
          }
        }
      }
    }
  }
}

template <int P, int KB>
[[gnu::always_inline]] inline void tile_of(const BlockedCorrelation& c, const float* x,
                                           const float* w, const float* bias, float* y, Index n,
                                           Index kb, Index first) {
  const float* in[P];
  float* out[P];
  for (int j = 0; j < P; ++j) {
    const Index pixel = first + j, row = pixel / c.q, col = pixel % c.q;
    in[j] = x + ((n * c.in_blocks * c.hp + row * c.stride_h) * c.wp + col * c.stride_w) * B;
    out[j] = y + (n * c.out_blocks * c.p * c.q + pixel) * B;
  }
  Block acc[P][KB];
  for (int b = 0; b < KB; ++b) {
    const Block start = bias != nullptr ? load(bias + (kb + b) * B) : Block{};
    for (int j = 0; j < P; ++j) acc[j][b] = start;
  }
  reduce<P, KB>(c, in, w, kb, acc);
  const Index block_stride = c.p * c.q * B;  // one output block of an image
  for (int j = 0; j < P; ++j) {
    for (int b = 0; b < KB; ++b) store(out[j] + (kb + b) * block_stride, acc[j][b]);
  }
}

// count < P pixels: one tile of that size (templates down to 1).
template <int P, int KB>
[[gnu::always_inline]] inline void short_tile(const BlockedCorrelation& c, const float* x,
                                              const float* w, const float* bias, float* y, Index n,
                                              Index kb, Index first, Index count) {
  if constexpr (P > 0) {
    if (count == P) {
      tile_of<P, KB>(c, x, w, bias, y, n, kb, first);
    } else {
      short_tile<P - 1, KB>(c, x, w, bias, y, n, kb, first, count);
    }
  }
}

template <int P, int KB>
[[gnu::always_inline]] inline void tile_body(const BlockedCorrelation& c, const float* x,
                                             const float* w, const float* bias, float* y, Index n,
                                             Index kb, Index blocks, Index first, Index count) {
  if (blocks == KB) {
    if (count == P) {
      tile_of<P, KB>(c, x, w, bias, y, n, kb, first);
    } else {
      short_tile<P - 1, KB>(c, x, w, bias, y, n, kb, first, count);
    }
    return;
  }
  // One output block at a time (a channel count that is not a multiple of KB blocks).
  for (Index b = 0; b < blocks; ++b) {
    if (count == P) {
      tile_of<P, 1>(c, x, w, bias, y, n, kb + b, first);
    } else {
      short_tile<P - 1, 1>(c, x, w, bias, y, n, kb + b, first, count);
    }
  }
}

#if defined(__x86_64__)
// 6 pixels x 4 blocks: 24 zmm accumulators, 4 weight vectors, a broadcast.
[[gnu::target("avx512f")]] void tile_avx512(const BlockedCorrelation& c, const float* x,
                                            const float* w, const float* bias, float* y, Index n,
                                            Index kb, Index blocks, Index first, Index count) {
  tile_body<6, 4>(c, x, w, bias, y, n, kb, blocks, first, count);
}
// 3 pixels x 2 blocks: 12 ymm accumulators (a block is two), 4 for the weights.
[[gnu::target("avx2,fma")]] void tile_avx2(const BlockedCorrelation& c, const float* x,
                                           const float* w, const float* bias, float* y, Index n,
                                           Index kb, Index blocks, Index first, Index count) {
  tile_body<3, 2>(c, x, w, bias, y, n, kb, blocks, first, count);
}
#endif
void tile_baseline(const BlockedCorrelation& c, const float* x, const float* w, const float* bias,
                   float* y, Index n, Index kb, Index blocks, Index first, Index count) {
  tile_body<2, 1>(c, x, w, bias, y, n, kb, blocks, first, count);
}

BrgemmKernels choose() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return {"avx512f 6 pixels x 4 blocks", 6, 4, tile_avx512};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return {"avx2 3 pixels x 2 blocks", 3, 2, tile_avx2};
  }
#endif
  return {"baseline 2 pixels x 1 block", 2, 1, tile_baseline};
}

}  // namespace

const BrgemmKernels& best_brgemm_kernels() {
  static const BrgemmKernels kernels = choose();
  return kernels;
}

}  // namespace roof::kernels
