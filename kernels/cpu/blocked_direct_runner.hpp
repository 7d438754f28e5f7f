#pragma once

#include <vector>

#include "kernels/cpu/blocked_problem.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// "blocked_direct": rung 2 of our ladder, a vectorised direct convolution on channel-blocked
// layouts (blocked_layout.hpp), oneDNN's jit direct convolution in readable form. No unfolding,
// no packing: the kernel reads the blocked activations in place.
//   fwd          per (image, output block, output row), OpenMP over image and output block:
//                a group of output columns x 16 output channels in registers, summed over the
//                input blocks, the taps and the block's 16 channels (blocked_direct_kernels.hpp)
//   bwd_data     stride 1: the same correlation over dy, padded by (R - 1) step - pad, with the
//                weights mirrored and transposed
//   bwd_weights  per (output block, input block, tap), OpenMP over them: a 16 x 16 tile of dW
//                in registers, rank-1 updates over every pixel of the batch, so each thread owns
//                its tiles and nothing is reduced afterwards
// Reorders into and out of the blocked layouts happen in prepare() and result(), not timed, as
// for oneDNN; the pass itself is timed. One group only.
class BlockedDirectRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "blocked_direct"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override {
    return BlockedProblem::supports(layer, pass);
  }

  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) override;
  void run() override;
  std::vector<float> result() override;

 private:
  BlockedProblem problem_;
  bool prepared_ = false;
};

}  // namespace roof::kernels
