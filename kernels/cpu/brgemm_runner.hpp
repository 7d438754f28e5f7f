#pragma once

#include "kernels/cpu/blocked_problem.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// "brgemm_direct": rung 3 of our ladder, rung 2's layouts with oneDNN brgemm's register
// blocking (brgemm_kernels.hpp): a tile of 6 output pixels x 4 output blocks (AVX-512; 3 x 2
// with AVX2) in registers, reduced over every input block and tap, so each broadcast input
// meets 4 weight vectors and each weight vector 6 inputs (10 loads per 24 FMAs where rung 2
// makes 13 per 12), and the tile's pixels run across rows, so a 7x7 plane leaves no tail.
//   fwd, bwd_data  OpenMP over (image, group of 4 output blocks), the image's pixel tiles in order
//   bwd_weights    rung 2's kernel (a 16 x 16 tile of dW per (output block, input block, tap)),
//                  which meets the goal already (docs/bench.md)
// Same layouts, reorders and support as rung 2 (blocked_problem.hpp).
class BrgemmRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "brgemm_direct"; }
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
