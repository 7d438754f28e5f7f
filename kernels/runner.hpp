#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof::kernels {

// The tensors of one pass, fp32, in the plain layouts every runner takes and returns:
// activations NCHW (fc: N x C), weights KCRS with C/groups input channels per filter (fc:
// K x C), bias K. A pass reads two tensors and writes one:
//   fwd:         x, w (and bias when the layer has one) -> y
//   bwd_data:    dy, w                                  -> dx
//   bwd_weights: x, dy                                  -> dw
// The bias gradient is not computed: it has no MACs (docs/metrics.md).
struct PassTensors {
  std::vector<float> x;     // fwd, bwd_weights: the layer's input
  std::vector<float> w;     // fwd, bwd_data: the weights
  std::vector<float> bias;  // fwd, when layer.bias
  std::vector<float> dy;    // bwd_data, bwd_weights: the gradient of the output
};

// Element counts of the plain tensors of a conv or fc layer.
std::int64_t input_elements(const Layer& layer);   // N C H W
std::int64_t output_elements(const Layer& layer);  // N K P Q
std::int64_t weight_elements(const Layer& layer);  // K C/G R S
// What the pass writes: y (fwd), dx (bwd_data) or dw (bwd_weights).
std::int64_t result_elements(const Layer& layer, Pass pass);

// Random inputs for a pass, reproducible from the seed, values in [-1, 1).
PassTensors random_pass_tensors(const Layer& layer, Pass pass, std::uint64_t seed);

// One implementation of conv and fc passes ("onednn", "blas", "packed_sgemm", "direct"). The
// benchmark prepares a (layer, pass) once, checks result() against the float64 reference, then
// times run() alone. Runners throw std::runtime_error (with the library's own words) on failure.
class LayerRunner {
 public:
  virtual ~LayerRunner() = default;

  virtual std::string_view name() const = 0;
  // One line for the benchmark context: library and version, layouts, what is timed.
  virtual std::string description() const = 0;
  virtual bool supports(const Layer& layer, Pass pass) const = 0;

  // Allocates and fills everything run() needs (reorders into blocked layouts included);
  // not timed.
  virtual void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) = 0;
  // The timed part: one execution of the pass, complete (synchronous) when it returns.
  virtual void run() = 0;
  // The last run()'s result in the plain layout (y, dx or dw), for verification; not timed.
  virtual std::vector<float> result() = 0;
  // The FLOPs a pass really executes where the algorithm differs from the direct count of
  // docs/metrics.md (Winograd executes fewer); 0 for the direct count.
  virtual double executed_flops(const Layer&, Pass) const { return 0; }
};

// The runners this build has, in a stable order, the rungs of our ladder first: "direct",
// "blocked_direct", "brgemm_direct", "packed_sgemm" and "winograd_f2x3" always, "blas" and "onednn"
// when built with them.
std::vector<std::unique_ptr<LayerRunner>> make_cpu_runners();

}  // namespace roof::kernels
