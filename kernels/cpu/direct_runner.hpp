#pragma once

#include "kernels/cpu/op_loops.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// "direct": our own loops, the formulas of reference.cpp in fp32 with OpenMP over the
// outermost independent dimensions. A baseline that shows where straightforward code sits under
// the roofs the libraries reach; it is not tuned (no tiling, no packing, no explicit SIMD).
// It runs the memory-bound ops too (op_loops.hpp): every op of a training iteration.
class DirectRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "direct"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) override;
  void run() override;
  std::vector<float> result() override;

 private:
  Layer layer_;
  Pass pass_ = Pass::fwd;
  PassTensors inputs_;
  std::vector<float> output_;
  OpLoops op_loops_;  // the memory-bound ops
  bool prepared_ = false;
};

}  // namespace roof::kernels
