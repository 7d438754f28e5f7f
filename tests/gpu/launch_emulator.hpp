#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/cuda/direct_conv_threads.hpp"
#include "kernels/cuda/im2col_threads.hpp"
#include "kernels/cuda/launch_shape.hpp"
#include "kernels/cuda/tiled_sgemm_threads.hpp"

// Our kernels' per-thread functions, run on the CPU for every (block, thread) of the launch shape
// the GPU launch uses. A kernel without barriers may run its threads in any order, so one after
// the other is one of the GPU's orders. The tiled SGEMM has barriers: it runs phase by phase.

namespace roof::cuda::testing {

template <typename ThreadWork>
void run_every_thread(const LaunchShape& shape, ThreadWork&& work) {
  for (unsigned bz = 0; bz < shape.grid.z; ++bz) {
    for (unsigned by = 0; by < shape.grid.y; ++by) {
      for (unsigned bx = 0; bx < shape.grid.x; ++bx) {
        for (unsigned tz = 0; tz < shape.block.z; ++tz) {
          for (unsigned ty = 0; ty < shape.block.y; ++ty) {
            for (unsigned tx = 0; tx < shape.block.x; ++tx) {
              work(Index3{bx, by, bz}, Index3{tx, ty, tz});
            }
          }
        }
      }
    }
  }
}

// tiled_sgemm.cu's kernel, block by block: per step, every thread's load phase, then (the
// barrier) every thread's accumulate phase, then (the second barrier) the next step; the store
// after the last. Shared memory starts each step as NaN, where the GPU would hold stale values:
// an element no thread loaded would turn the sum NaN, and verify() would say where.
inline void emulate_tiled_sgemm(const SgemmArgs& args) {
  const LaunchShape shape = sgemm_launch(args);
  const Index3 block_dim = shape.block;
  for (unsigned by = 0; by < shape.grid.y; ++by) {
    for (unsigned bx = 0; bx < shape.grid.x; ++bx) {
      const Index3 block{bx, by, 0};
      SgemmTiles tiles;
      std::vector<float> sums(block_dim.x * block_dim.y, 0.0f);  // each thread's register
      auto for_each_thread = [&](auto&& phase) {
        for (unsigned ty = 0; ty < block_dim.y; ++ty) {
          for (unsigned tx = 0; tx < block_dim.x; ++tx) {
            phase(Index3{tx, ty, 0}, sums[ty * block_dim.x + tx]);
          }
        }
      };
      for (std::int64_t step = 0; step < sgemm_steps(args); ++step) {
        for (auto& row : tiles.a) {
          for (float& value : row) value = std::numeric_limits<float>::quiet_NaN();
        }
        for (auto& row : tiles.b) {
          for (float& value : row) value = std::numeric_limits<float>::quiet_NaN();
        }
        for_each_thread(
            [&](Index3 thread, float&) { sgemm_load_tiles(args, block, thread, step, tiles); });
        // __syncthreads()
        for_each_thread(
            [&](Index3 thread, float& sum) { sum = sgemm_accumulate(tiles, thread, sum); });
        // __syncthreads()
      }
      for_each_thread([&](Index3 thread, float& sum) { sgemm_store(args, block, thread, sum); });
    }
  }
}

// im2col_gemm_fwd()'s executor on the CPU: the same calls the runner's StreamLaunch makes.
struct EmulatedLaunch {
  void im2col(const ConvGeometry& d, std::int64_t n, std::int64_t group, const float* x,
              float* columns) const {
    run_every_thread(im2col_launch(d), [&](Index3 block, Index3 thread) {
      im2col_thread(d, n, group, block, thread, x, columns);
    });
  }
  void sgemm(const SgemmArgs& args) const { emulate_tiled_sgemm(args); }
};

}  // namespace roof::cuda::testing
