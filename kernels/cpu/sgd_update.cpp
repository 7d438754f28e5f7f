#include "kernels/cpu/sgd_update.hpp"

#include <algorithm>
#include <cmath>

#include "kernels/runner.hpp"

namespace roof::kernels {

void sgd_momentum_step(float* w, const float* g, float* v, std::int64_t n, float lr,
                       float momentum) {
#pragma omp parallel for simd schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    v[i] = momentum * v[i] + g[i];
    w[i] -= lr * v[i];
  }
}

SgdUpdate::SgdUpdate(const std::vector<std::int64_t>& tensor_elements, std::uint64_t seed) {
  for (const std::int64_t n : tensor_elements) {
    // An fc-like layer of n inputs gives n-element tensors of values in [-1, 1).
    Layer layer;
    layer.op = Op::fc;
    layer.shape.C = n;
    const PassTensors values = random_pass_tensors(layer, Pass::bwd_weights, seed++);
    Tensor t;
    t.w = values.x;
    t.g = random_pass_tensors(layer, Pass::bwd_weights, seed++).x;
    t.v = random_pass_tensors(layer, Pass::bwd_weights, seed++).x;
    t.w0 = t.w;
    t.v0 = t.v;
    parameters_ += n;
    tensors_.push_back(std::move(t));
  }
}

void SgdUpdate::run() {
  for (Tensor& t : tensors_) {
    sgd_momentum_step(t.w.data(), t.g.data(), t.v.data(), static_cast<std::int64_t>(t.w.size()),
                      kLearningRate, kMomentum);
  }
}

bool SgdUpdate::matches_reference(int steps) const {
  for (const Tensor& t : tensors_) {
    const std::size_t n = t.w.size();
    std::vector<std::size_t> sample;
    for (std::size_t i = 0; i < n; i += std::max<std::size_t>(n / 64, 1)) sample.push_back(i);
    if (n > 0) sample.push_back(n - 1);
    for (const std::size_t i : sample) {
      double w = t.w0[i], v = t.v0[i];
      for (int s = 0; s < steps; ++s) {
        v = kMomentum * v + t.g[i];
        w -= kLearningRate * v;
      }
      // A few fp32 roundings a step on values of order `steps`: a relative 1e-5 is ample; a
      // skipped or doubled step is off by lr |v|, 0.01 and more.
      const double tolerance = 1e-5 * (std::abs(w) + std::abs(v) + steps) + 1e-6;
      if (!(std::abs(t.w[i] - w) <= tolerance) || !(std::abs(t.v[i] - v) <= tolerance)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace roof::kernels
