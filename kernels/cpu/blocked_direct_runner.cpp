#include "kernels/cpu/blocked_direct_runner.hpp"

#include <omp.h>

#include <stdexcept>

namespace roof::kernels {

using Index = std::int64_t;

std::string BlockedDirectRunner::description() const {
  return std::string("our cache-blocked direct convolution, ") + best_blocked_kernels().name +
         " (16-channel blocks as vectors): nChw16c activations holding their padding, "
         "OIhw16i16o weights, reorders not timed, " +
         std::to_string(omp_get_max_threads()) + " OpenMP threads";
}

void BlockedDirectRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  problem_.prepare(layer, pass, inputs, name());
  prepared_ = true;
}

void BlockedDirectRunner::run() {
  if (!prepared_) throw std::runtime_error("blocked_direct: run() before prepare()");
  const BlockedCorrelation& c = problem_.correlation;
  const BlockedKernels& kernels = best_blocked_kernels();
  if (problem_.pass == Pass::bwd_weights) {
    problem_.run_weight_gradient();
    return;
  }
  const float* bias = problem_.bias.empty() ? nullptr : problem_.bias.data();
  // An (image, output block) per thread at a time, its rows in order: the block's weights stay
  // in the core's L2 while the input rows stream past.
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < c.n; ++n) {
    for (Index kb = 0; kb < c.out_blocks; ++kb) {
      for (Index row = 0; row < c.p; ++row) {
        kernels.row(c, problem_.x.data(), problem_.w.data(), bias, problem_.out.data(), n, kb, row);
      }
    }
  }
}

std::vector<float> BlockedDirectRunner::result() {
  return problem_.result();
}

}  // namespace roof::kernels
