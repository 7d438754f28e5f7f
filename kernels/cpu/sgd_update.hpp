#pragma once

// The optimizer step of a training iteration: SGD with momentum as PyTorch's torch.optim.SGD
// runs it (dampening 0, no Nesterov, no weight decay), per parameter tensor:
//   v = momentum v + g;   w = w - lr v
// 4 FLOPs an element; it reads w, g and v and writes v and w (20 bytes an fp32 element), the
// cost model's update (roofline/training.hpp).

#include <cstdint>
#include <vector>

namespace roof::kernels {

// One tensor, in place, OpenMP over its elements.
void sgd_momentum_step(float* w, const float* g, float* v, std::int64_t n, float lr,
                       float momentum);

// The parameter tensors of a network, weights, gradients and momenta, one step over all of them:
// what a framework's optimizer does once per iteration, tensor by tensor.
class SgdUpdate {
 public:
  static constexpr float kLearningRate = 0.01f;
  static constexpr float kMomentum = 0.9f;

  // Tensors of these element counts, filled with reproducible values (runner.hpp's kind).
  explicit SgdUpdate(const std::vector<std::int64_t>& tensor_elements, std::uint64_t seed = 1);
  void run();  // one step over every tensor
  // Checks `steps` runs since construction against the same steps in float64 on a sample of
  // every tensor's elements (its first, last and about 64 between); false names nothing, the
  // caller says which network.
  bool matches_reference(int steps) const;
  std::int64_t parameters() const { return parameters_; }

 private:
  struct Tensor {
    std::vector<float> w, g, v;
    std::vector<float> w0, v0;  // the values before the first step, for the check
  };
  std::vector<Tensor> tensors_;
  std::int64_t parameters_ = 0;
};

}  // namespace roof::kernels
