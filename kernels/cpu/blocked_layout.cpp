#include "kernels/cpu/blocked_layout.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;
constexpr Index B = kChannelBlock;

}  // namespace

std::vector<float> to_blocked_activations(const float* plain, Index n, Index c, Index h, Index w,
                                          Index pad_h, Index pad_w) {
  const Index cb = channel_blocks(c), hp = h + 2 * pad_h, wp = w + 2 * pad_w;
  std::vector<float> blocked(static_cast<std::size_t>(n * cb * hp * wp * B), 0.0f);
  for (Index i = 0; i < n; ++i) {
    for (Index ch = 0; ch < c; ++ch) {
      for (Index y = 0; y < h; ++y) {
        for (Index x = 0; x < w; ++x) {
          const Index at = (((i * cb + ch / B) * hp + y + pad_h) * wp + x + pad_w) * B + ch % B;
          blocked[static_cast<std::size_t>(at)] = plain[((i * c + ch) * h + y) * w + x];
        }
      }
    }
  }
  return blocked;
}

std::vector<float> from_blocked_activations(const float* blocked, Index n, Index c, Index h,
                                            Index w) {
  const Index cb = channel_blocks(c);
  std::vector<float> plain(static_cast<std::size_t>(n * c * h * w));
  for (Index i = 0; i < n; ++i) {
    for (Index ch = 0; ch < c; ++ch) {
      for (Index y = 0; y < h; ++y) {
        for (Index x = 0; x < w; ++x) {
          plain[static_cast<std::size_t>(((i * c + ch) * h + y) * w + x)] =
              blocked[(((i * cb + ch / B) * h + y) * w + x) * B + ch % B];
        }
      }
    }
  }
  return plain;
}

std::vector<float> to_blocked_weights(const float* plain, Index k, Index c, Index r, Index s,
                                      bool mirror_transpose) {
  // The blocked tensor's output and input channels.
  const Index outputs = mirror_transpose ? c : k, inputs = mirror_transpose ? k : c;
  const Index ob = channel_blocks(outputs), ib = channel_blocks(inputs);
  std::vector<float> blocked(static_cast<std::size_t>(ob * ib * r * s * B * B), 0.0f);
  for (Index o = 0; o < outputs; ++o) {
    for (Index in = 0; in < inputs; ++in) {
      for (Index y = 0; y < r; ++y) {
        for (Index x = 0; x < s; ++x) {
          const Index from = mirror_transpose ? ((in * c + o) * r + (r - 1 - y)) * s + (s - 1 - x)
                                              : ((o * c + in) * r + y) * s + x;
          const Index at =
              ((((o / B) * ib + in / B) * r + y) * s + x) * B * B + (in % B) * B + o % B;
          blocked[static_cast<std::size_t>(at)] = plain[from];
        }
      }
    }
  }
  return blocked;
}

std::vector<float> from_blocked_weights(const float* blocked, Index k, Index c, Index r, Index s) {
  const Index ib = channel_blocks(c);
  std::vector<float> plain(static_cast<std::size_t>(k * c * r * s));
  for (Index o = 0; o < k; ++o) {
    for (Index in = 0; in < c; ++in) {
      for (Index y = 0; y < r; ++y) {
        for (Index x = 0; x < s; ++x) {
          const Index at =
              ((((o / B) * ib + in / B) * r + y) * s + x) * B * B + (in % B) * B + o % B;
          plain[static_cast<std::size_t>(((o * c + in) * r + y) * s + x)] = blocked[at];
        }
      }
    }
  }
  return plain;
}

}  // namespace roof::kernels
