#pragma once

// The channel-blocked layouts of rung 2 (blocked_direct_runner.hpp), oneDNN's nChw16c and
// OIhw16i16o: channels in blocks of kChannelBlock, the block's channels innermost, so that one
// vector load reads 16 channels of one pixel (or one tap's 16 output channels of one input
// channel), and a channel count that is not a multiple of 16 is padded with zeros.
//   activations  [N][ceil(C/16)][H + 2 pad_h][W + 2 pad_w][16]: the padding stored as zeros, so
//                the kernel reads every window without a bounds check
//   weights      [ceil(K/16)][ceil(C/16)][R][S][16 input channels][16 output channels]
// The reorders between these and the plain layouts are what a framework that keeps blocked
// tensors between layers does once; rung 2 does them outside the timed pass.

#include <cstdint>
#include <vector>

namespace roof::kernels {

inline constexpr std::int64_t kChannelBlock = 16;

inline std::int64_t channel_blocks(std::int64_t channels) {
  return (channels + kChannelBlock - 1) / kChannelBlock;
}

// Plain N C H W -> blocked, with pad_h, pad_w zero rows and columns on each side.
std::vector<float> to_blocked_activations(const float* plain, std::int64_t n, std::int64_t c,
                                          std::int64_t h, std::int64_t w, std::int64_t pad_h,
                                          std::int64_t pad_w);
// Blocked (without padding) -> plain N C H W.
std::vector<float> from_blocked_activations(const float* blocked, std::int64_t n, std::int64_t c,
                                            std::int64_t h, std::int64_t w);
// Plain K C R S -> blocked; with `mirror_transpose` the weights of the data gradient instead:
// channels swapped (the blocked tensor's outputs are C, its inputs K) and taps reversed.
std::vector<float> to_blocked_weights(const float* plain, std::int64_t k, std::int64_t c,
                                      std::int64_t r, std::int64_t s, bool mirror_transpose);
// Blocked K C R S (as to_blocked_weights without mirroring) -> plain.
std::vector<float> from_blocked_weights(const float* blocked, std::int64_t k, std::int64_t c,
                                        std::int64_t r, std::int64_t s);

}  // namespace roof::kernels
