#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

// Plain C++17: included by .cu files (nvcc's C++17) and by the CPU emulation in tests/gpu.

namespace roof::cuda {

// A block or thread index, or a grid or block extent: CUDA's uint3 / dim3 without CUDA, so the
// CPU emulation can hand our per-thread functions the indices a launch would.
struct Index3 {
  unsigned x = 0;
  unsigned y = 0;
  unsigned z = 0;
};

// What a kernel is launched with: the emulation runs exactly this grid of blocks of threads.
struct LaunchShape {
  Index3 grid;
  Index3 block;
};

// Blocks of `per_block` threads that cover `items` (the last block may be partial). CUDA allows
// 2^31 - 1 blocks in x and 65535 in y and z; a larger problem is an error, not a wrap-around.
inline unsigned blocks_covering(std::int64_t items, std::int64_t per_block, std::int64_t limit) {
  const std::int64_t blocks = (items + per_block - 1) / per_block;
  if (items < 1 || blocks > limit) {
    throw std::length_error("a launch needs " + std::to_string(blocks) +
                            " blocks in one dimension; CUDA allows 1 to " + std::to_string(limit));
  }
  return static_cast<unsigned>(blocks);
}

inline constexpr std::int64_t kMaxGridX = 2147483647;
inline constexpr std::int64_t kMaxGridYZ = 65535;

}  // namespace roof::cuda
