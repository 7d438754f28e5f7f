#include "bench/layers/update_case.hpp"

#include <exception>

#include "bench/common/byte_rate.hpp"
#include "kernels/cpu/sgd_update.hpp"
#include "kernels/runner.hpp"

namespace roof::bench {

std::vector<std::int64_t> parameter_tensors(const Network& network) {
  std::vector<std::int64_t> tensors;
  for (const Layer& layer : network.layers) {
    if (layer.op == Op::conv || layer.op == Op::fc) {
      tensors.push_back(kernels::weight_elements(layer));
      if (layer.bias) tensors.push_back(layer.shape.K);
    }
    if (layer.op == Op::batch_norm) {
      tensors.push_back(layer.shape.C);
      tensors.push_back(layer.shape.C);
    }
  }
  return tensors;
}

void run_update_case(benchmark::State& state, const Network& network, std::atomic<int>& failures) {
  try {
    kernels::SgdUpdate update(parameter_tensors(network));
    update.run();  // the verified steps; they also fault every page in
    update.run();
    if (!update.matches_reference(2)) {
      ++failures;
      state.SkipWithError("wrong result: the SGD step differs from its float64 reference");
      return;
    }
    for (auto _ : state) update.run();
    const auto params = static_cast<double>(update.parameters());
    using benchmark::Counter;
    state.counters["flops"] = Counter(4 * params, Counter::kIsIterationInvariantRate);
    set_bytes_per_second(state, 20 * params);
    state.counters["ai"] = Counter(4.0 / 20.0);
    state.SetLabel("verified 2 steps on a sample of every tensor; " +
                   std::to_string(parameter_tensors(network).size()) + " tensors, " +
                   std::to_string(update.parameters()) + " parameters");
  } catch (const std::exception& e) {
    ++failures;
    state.SkipWithError(e.what());
  }
}

}  // namespace roof::bench
