#include "kernels/cuda/host_layout.hpp"

#include <stdexcept>
#include <string>

namespace roof::cuda {
namespace {

void require_elements(const std::vector<float>& tensor, const ChannelsFirst& e) {
  const std::int64_t elements = e.outer * e.channels * e.rows * e.cols;
  if (static_cast<std::int64_t>(tensor.size()) != elements) {
    throw std::invalid_argument("layout conversion: " + std::to_string(tensor.size()) +
                                " elements for extents holding " + std::to_string(elements));
  }
}

// The flat index of (o, c, r, s) channels-first and channels-last.
std::size_t first_index(const ChannelsFirst& e, std::int64_t o, std::int64_t c, std::int64_t r,
                        std::int64_t s) {
  return static_cast<std::size_t>(((o * e.channels + c) * e.rows + r) * e.cols + s);
}

std::size_t last_index(const ChannelsFirst& e, std::int64_t o, std::int64_t c, std::int64_t r,
                       std::int64_t s) {
  return static_cast<std::size_t>(((o * e.rows + r) * e.cols + s) * e.channels + c);
}

}  // namespace

std::vector<float> to_channels_last(const std::vector<float>& plain, const ChannelsFirst& e) {
  require_elements(plain, e);
  std::vector<float> moved(plain.size());
  for (std::int64_t o = 0; o < e.outer; ++o) {
    for (std::int64_t c = 0; c < e.channels; ++c) {
      for (std::int64_t r = 0; r < e.rows; ++r) {
        for (std::int64_t s = 0; s < e.cols; ++s) {
          moved[last_index(e, o, c, r, s)] = plain[first_index(e, o, c, r, s)];
        }
      }
    }
  }
  return moved;
}

std::vector<float> to_channels_first(const std::vector<float>& channels_last,
                                     const ChannelsFirst& e) {
  require_elements(channels_last, e);
  std::vector<float> moved(channels_last.size());
  for (std::int64_t o = 0; o < e.outer; ++o) {
    for (std::int64_t c = 0; c < e.channels; ++c) {
      for (std::int64_t r = 0; r < e.rows; ++r) {
        for (std::int64_t s = 0; s < e.cols; ++s) {
          moved[first_index(e, o, c, r, s)] = channels_last[last_index(e, o, c, r, s)];
        }
      }
    }
  }
  return moved;
}

}  // namespace roof::cuda
