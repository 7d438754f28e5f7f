#pragma once

// The blocked tensors of one pass of rungs 2 and 3 (blocked_direct_runner.hpp,
// brgemm_runner.hpp): the correlation the pass is on the layouts of blocked_layout.hpp, its
// inputs reordered into them and its output, made untimed in prepare(), read back in result().
//   fwd          x (with its padding) and w -> y
//   bwd_data     stride 1: dy (padded by (R - 1) step - pad) and w mirrored and transposed -> dx
//   bwd_weights  x (with its padding) and dy -> dw, [K/16][C/16][R][S][16][16]
// A 1x1, stride-1, unpadded correlation's plane is one row of P Q pixels.

#include <vector>

#include "kernels/cpu/blocked_direct_kernels.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

struct BlockedProblem {
  // A valid conv layer with one group; bwd_data also needs stride 1 and pad <= (R - 1) step.
  static bool supports(const Layer& layer, Pass pass);

  // Throws std::runtime_error naming `runner` for what it cannot run.
  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs, std::string_view runner);
  std::vector<float> result() const;  // out in the plain layout
  // bwd_weights, for rungs 2 and 3 alike: a 16 x 16 tile of dW per (output block, input block,
  // tap), OpenMP over the tiles, so each thread owns its tiles and nothing is summed afterwards.
  void run_weight_gradient();

  Layer layer;
  Pass pass = Pass::fwd;
  BlockedCorrelation correlation;
  std::vector<float> x, w, bias, dy, out;  // blocked; bias padded to whole blocks, or empty
};

}  // namespace roof::kernels
