#include "bench/layers/layer_cases.hpp"

#include "networks/benchmark_name.hpp"

namespace roof::bench {

std::string benchmark_name(const LayerCase& c) {
  return roof::benchmark_name(c.network, c.layer, c.pass, c.impl, c.cache);
}

std::vector<LayerCase> layer_cases(const std::vector<Network>& networks,
                                   const std::vector<std::string>& impls, const std::string& cache,
                                   bool memory_ops) {
  // Implementation by implementation: one library's thread pool (OpenBLAS's spinning pthreads,
  // oneDNN's OpenMP team) then never competes with another's between consecutive benchmarks.
  std::vector<LayerCase> cases;
  for (const std::string& impl : impls) {
    for (const Network& network : networks) {
      for (const Layer& layer : network.layers) {
        const bool computes = !compute_kind(layer).empty();
        if (!computes && !memory_ops) continue;
        for (Pass pass : kAllPasses) {
          if (pass == Pass::bwd_data && !layer.needs_input_grad) continue;
          if (pass == Pass::bwd_weights && !computes) continue;
          cases.push_back({network.name, layer, pass, impl, cache});
        }
      }
    }
  }
  return cases;
}

}  // namespace roof::bench
