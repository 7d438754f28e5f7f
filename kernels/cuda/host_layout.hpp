#pragma once

#include <cstdint>
#include <vector>

// Channels-first to channels-last and back, on the host (untimed, in prepare() and result()).
// One pair serves activations (N C H W <-> N H W C) and weights (K C R S <-> K R S C): both move
// the second extent last.

namespace roof::cuda {

// The extents of the channels-first tensor: outer (N or K), channels (C, or C/groups), rows, cols.
struct ChannelsFirst {
  std::int64_t outer = 1, channels = 1, rows = 1, cols = 1;
};

std::vector<float> to_channels_last(const std::vector<float>& plain, const ChannelsFirst& extent);
std::vector<float> to_channels_first(const std::vector<float>& channels_last,
                                     const ChannelsFirst& extent);

}  // namespace roof::cuda
