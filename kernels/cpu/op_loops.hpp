#pragma once

// "direct" for the memory-bound ops (op_tensors.hpp): the reference's formulas as plain fp32
// loops over the plain layouts, OpenMP over the outermost independent dimension (planes,
// channels or images, so no two threads write one element), what a framework's own CPU loops
// are. The forward state a backward pass reads is computed once in prepare(), untimed, as a
// framework keeps it from its forward pass; the timed forward pass computes and writes it
// again, as the framework's forward does.

#include <cstdint>
#include <vector>

#include "kernels/runner.hpp"

namespace roof::kernels {

class OpLoops {
 public:
  // `inputs` must outlive the calls to run(); they are not copied.
  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs);
  // The timed pass, writing y (fwd) or dx (bwd_data) into out, result_elements of the pass.
  void run(float* out);

 private:
  void forward(float* y);
  void backward(float* dx);

  Layer layer_;
  Pass pass_ = Pass::fwd;
  const PassTensors* in_ = nullptr;
  std::vector<float> mean_, invstd_;  // batch norm, per channel
  std::vector<float> lrn_scale_;      // LRN: k + alpha / n x sum of squares, per element
  std::vector<float> saved_y_;        // LRN's output, softmax's probabilities
  std::vector<std::uint8_t> mask_;    // dropout: 1 where the element is kept
  double loss_ = 0;                   // softmax_loss: the batch's mean cross-entropy
};

}  // namespace roof::kernels
