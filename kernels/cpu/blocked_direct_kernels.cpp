#include "kernels/cpu/blocked_direct_kernels.hpp"

#include "kernels/cpu/blocked_layout.hpp"
#include "kernels/cpu/channel_block.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;
constexpr Index B = kChannelBlock;

using simd16::Block;
using simd16::load;
using simd16::store;

// Columns q0 .. q0 + Q - 1 of one output row, accumulated in acc.
template <int Q>
[[gnu::always_inline]] inline void accumulate(const BlockedCorrelation& c, const float* x,
                                              const float* w, Block (&acc)[Q], Index n, Index row,
                                              Index q0) {
  for (Index cb = 0; cb < c.in_blocks; ++cb) {
    for (Index r = 0; r < c.r; ++r) {
      const float* x_row =
          x + ((n * c.in_blocks + cb) * c.hp + row * c.stride_h + r * c.step_h) * c.wp * B;
      for (Index s = 0; s < c.s; ++s) {
        const float* taps = w + ((cb * c.r + r) * c.s + s) * B * B;
        const float* x_col = x_row + (q0 * c.stride_w + s * c.step_w) * B;
        for (Index ci = 0; ci < B; ++ci) {
          const Block wv = load(taps + ci * B);  // this input channel's 16 output channels
#pragma GCC unroll 16
          for (int j = 0; j < Q; ++j) acc[j] += x_col[j * c.stride_w * B + ci] * wv;
        }
      }
    }
  }
}

// Q columns from q0: their accumulators preset to the bias, summed, stored.
template <int Q>
[[gnu::always_inline]] inline void columns(const BlockedCorrelation& c, const float* x,
                                           const float* wk, Block b, float* y_row, Index n,
                                           Index row, Index q0) {
  Block acc[Q];
  for (int j = 0; j < Q; ++j) acc[j] = b;
  accumulate<Q>(c, x, wk, acc, n, row, q0);
  for (int j = 0; j < Q; ++j) store(y_row + (q0 + j) * B, acc[j]);
}

// The row's last `left` columns (fewer than a group) in one group of that size: one at a time,
// a single accumulator's chain of dependent FMAs ran at a quarter of the pipes' rate, and the
// last 8 of 56 columns took as long as the other 48.
template <int Q>
[[gnu::always_inline]] inline void last_columns(const BlockedCorrelation& c, const float* x,
                                                const float* wk, Block b, float* y_row, Index n,
                                                Index row, Index q0, Index left) {
  if constexpr (Q > 0) {
    if (left == Q) {
      columns<Q>(c, x, wk, b, y_row, n, row, q0);
    } else {
      last_columns<Q - 1>(c, x, wk, b, y_row, n, row, q0, left);
    }
  }
}

template <int Q>
[[gnu::always_inline]] inline void row_body(const BlockedCorrelation& c, const float* x,
                                            const float* w, const float* bias, float* y, Index n,
                                            Index kb, Index row) {
  const float* wk = w + kb * c.in_blocks * c.r * c.s * B * B;
  float* y_row = y + ((n * c.out_blocks + kb) * c.p + row) * c.q * B;
  const Block b = bias != nullptr ? load(bias + kb * B) : Block{};
  Index q0 = 0;
  for (; q0 + Q <= c.q; q0 += Q) columns<Q>(c, x, wk, b, y_row, n, row, q0);
  last_columns<Q - 1>(c, x, wk, b, y_row, n, row, q0, c.q - q0);
}

template <int Rows>
[[gnu::always_inline]] inline void weight_body(const BlockedCorrelation& c, const float* x,
                                               const float* dy, float* dw, Index kb, Index cb,
                                               Index tap_r, Index tap_s) {
  float* tile = dw + (((kb * c.in_blocks + cb) * c.r + tap_r) * c.s + tap_s) * B * B;
  for (Index ci0 = 0; ci0 < B; ci0 += Rows) {
    Block acc[Rows] = {};
    for (Index n = 0; n < c.n; ++n) {
      for (Index p = 0; p < c.p; ++p) {
        const float* g = dy + ((n * c.out_blocks + kb) * c.p + p) * c.q * B;
        const float* xr =
            x + ((n * c.in_blocks + cb) * c.hp + p * c.stride_h + tap_r * c.step_h) * c.wp * B +
            tap_s * c.step_w * B + ci0;
        for (Index q = 0; q < c.q; ++q) {
          const Block gv = load(g + q * B);
          const float* xv = xr + q * c.stride_w * B;
#pragma GCC unroll 16
          for (int i = 0; i < Rows; ++i) acc[i] += xv[i] * gv;
        }
      }
    }
    for (int i = 0; i < Rows; ++i) store(tile + (ci0 + i) * B, acc[i]);
  }
}

#if defined(__x86_64__)
[[gnu::target("avx512f")]] void row_avx512(const BlockedCorrelation& c, const float* x,
                                           const float* w, const float* bias, float* y, Index n,
                                           Index kb, Index row) {
  row_body<12>(c, x, w, bias, y, n, kb, row);
}
[[gnu::target("avx512f")]] void weights_avx512(const BlockedCorrelation& c, const float* x,
                                               const float* dy, float* dw, Index kb, Index cb,
                                               Index tap_r, Index tap_s) {
  weight_body<16>(c, x, dy, dw, kb, cb, tap_r, tap_s);
}
[[gnu::target("avx2,fma")]] void row_avx2(const BlockedCorrelation& c, const float* x,
                                          const float* w, const float* bias, float* y, Index n,
                                          Index kb, Index row) {
  row_body<6>(c, x, w, bias, y, n, kb, row);
}
[[gnu::target("avx2,fma")]] void weights_avx2(const BlockedCorrelation& c, const float* x,
                                              const float* dy, float* dw, Index kb, Index cb,
                                              Index tap_r, Index tap_s) {
  weight_body<8>(c, x, dy, dw, kb, cb, tap_r, tap_s);  // Rows divides 16
}
#endif
void row_baseline(const BlockedCorrelation& c, const float* x, const float* w, const float* bias,
                  float* y, Index n, Index kb, Index row) {
  row_body<2>(c, x, w, bias, y, n, kb, row);
}
void weights_baseline(const BlockedCorrelation& c, const float* x, const float* dy, float* dw,
                      Index kb, Index cb, Index tap_r, Index tap_s) {
  weight_body<2>(c, x, dy, dw, kb, cb, tap_r, tap_s);
}

BlockedKernels choose() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return {"avx512f", row_avx512, weights_avx512};
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return {"avx2", row_avx2, weights_avx2};
  }
#endif
  return {"baseline", row_baseline, weights_baseline};
}

}  // namespace

const BlockedKernels& best_blocked_kernels() {
  static const BlockedKernels kernels = choose();
  return kernels;
}

}  // namespace roof::kernels
