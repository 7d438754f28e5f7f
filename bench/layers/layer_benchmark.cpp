#include "bench/layers/layer_benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>

#include "bench/common/byte_rate.hpp"
#include "kernels/cpu/verify.hpp"
#include "kernels/runner.hpp"

namespace roof::bench {
namespace {

std::unique_ptr<kernels::LayerRunner> runner_named(const std::string& impl) {
  for (auto& runner : kernels::make_cpu_runners()) {
    if (runner->name() == impl) return std::move(runner);
  }
  throw std::runtime_error("no runner '" + impl + "' in this build");
}

}  // namespace

void run_layer_case(benchmark::State& state, const LayerCase& c, const MeasuredCeilings& roof,
                    std::atomic<int>& failures) {
  try {
    auto runner = runner_named(c.impl);
    if (!runner->supports(c.layer, c.pass)) {
      state.SkipWithError(("not supported by " + c.impl).c_str());
      return;
    }
    const kernels::PassTensors inputs = kernels::random_pass_tensors(c.layer, c.pass, 2024);
    runner->prepare(c.layer, c.pass, inputs);
    runner->run();  // the verified run; it also wakes the library's threads and caches
    runner->run();  // and once more, so the first timed run is not a library's first
    const kernels::Verification check = kernels::verify(c.layer, c.pass, inputs, runner->result());
    if (!check.passed) {
      ++failures;
      state.SkipWithError(("wrong result: " + check.first_failure).c_str());
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) runner->run();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
        static_cast<double>(state.iterations());

    const PassCost cost = *cost_of(c.layer, DType::fp32).pass(c.pass);
    const auto flops = static_cast<double>(cost.flops);
    const auto bytes = static_cast<double>(cost.bytes);
    const double ai = flops / bytes;
    const double attainable = std::min(roof.flops, ai * roof.bandwidth);
    using benchmark::Counter;
    state.counters["flops"] = Counter(flops, Counter::kIsIterationInvariantRate);
    set_bytes_per_second(state, bytes);
    state.counters["ai"] = Counter(ai);
    if (const double executed = runner->executed_flops(c.layer, c.pass); executed > 0) {
      // What the algorithm really executes: a point above the FMA roof in `flops` sits under
      // it in these (docs/kernels.md, Winograd).
      state.counters["executed_flops"] = Counter(executed, Counter::kIsIterationInvariantRate);
    }
    if (attainable > 0 && seconds > 0) {
      // Achieved FLOP/s over the measured roofline's bound at this intensity (the loop's own
      // wall time per iteration, the same time Google Benchmark reports with UseRealTime).
      state.counters["fraction_of_roof"] = Counter(flops / seconds / attainable);
    }
    state.SetLabel("verified " + std::to_string(check.checked) + " points");
  } catch (const std::exception& e) {
    ++failures;
    state.SkipWithError(e.what());
  }
}

}  // namespace roof::bench
