#include "kernels/cpu/brgemm_runner.hpp"

#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "kernels/cpu/brgemm_kernels.hpp"

namespace roof::kernels {

using Index = std::int64_t;

std::string BrgemmRunner::description() const {
  return std::string("our brgemm-style direct convolution, ") + best_brgemm_kernels().name +
         " in registers, batch-reduced over input blocks and taps; rung 2's kernel for "
         "bwd_weights; nChw16c/OIhw16i16o layouts, reorders not timed, " +
         std::to_string(omp_get_max_threads()) + " OpenMP threads";
}

void BrgemmRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  problem_.prepare(layer, pass, inputs, name());
  prepared_ = true;
}

void BrgemmRunner::run() {
  if (!prepared_) throw std::runtime_error("brgemm_direct: run() before prepare()");
  const BlockedCorrelation& c = problem_.correlation;
  if (problem_.pass == Pass::bwd_weights) {
    problem_.run_weight_gradient();
    return;
  }
  const BrgemmKernels& kernels = best_brgemm_kernels();
  const Index group = kernels.output_blocks, groups = (c.out_blocks + group - 1) / group;
  const Index pixels = c.p * c.q, tile = kernels.pixels;
  const float* bias = problem_.bias.empty() ? nullptr : problem_.bias.data();
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < c.n; ++n) {
    for (Index g = 0; g < groups; ++g) {
      const Index kb = g * group, blocks = std::min(group, c.out_blocks - kb);
      for (Index first = 0; first < pixels; first += tile) {
        kernels.tile(c, problem_.x.data(), problem_.w.data(), bias, problem_.out.data(), n, kb,
                     blocks, first, std::min(tile, pixels - first));
      }
    }
  }
}

std::vector<float> BrgemmRunner::result() {
  return problem_.result();
}

}  // namespace roof::kernels
