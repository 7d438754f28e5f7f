#pragma once

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "bench/layers/layer_benchmark.hpp"
#include "bench/layers/layer_cases.hpp"
#include "kernels/cupti/pass_counters.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::bench {

// Runs one GPU case: prepare, one verified run against the float64 reference, a warm-up, then
// the timed loop with CUDA events around each enqueue (UseManualTime), the L2 flushed before
// each launch when c.cache is "cold". A wrong result or a runner error is SkipWithError and
// counted in `failures`, never a number.
// The roofline bound at intensity `ai` (FLOP/byte): min(peak, ai x bandwidth); 0 when the roof
// is unknown (both zero), so no fraction is reported against a made-up roof.
double gpu_attainable(const MeasuredCeilings& roof, double ai);

// What one case learnt on its first call that later calls need not learn again: Google
// Benchmark calls a case several times while it sizes the iteration count (1, 10, 100, ... runs),
// and the float64 verification, the CUPTI kernel record and the range profiler's session would
// otherwise be repeated on every call (seconds each). Host facts only, no GPU object: a later
// call verifies again when its runner chose another algorithm than the one verified.
struct GpuCaseFacts {
  bool known = false;
  std::string algorithm;  // runner->algorithm() of the verified run
  std::int64_t verified_points = 0;
  std::string kernels_launched;  // CUPTI's record of the warm-up, or why there is none
  std::optional<cupti::PassCounters> measured;
  std::string counters_unavailable;  // why the profiled pass has no counters

  // Whether a call whose runner chose `chosen` may time it without verifying it again.
  bool verified(const std::string& chosen) const { return known && algorithm == chosen; }
};

// `roof` is the GPU's roof for fraction_of_roof (bench_layers takes the catalogue entry CUDA's
// device name is an alias of, at its theoretical ceilings); zero leaves the counter out. `facts`
// lives as long as the registered case (one per case).
void run_gpu_layer_case(benchmark::State& state, const LayerCase& c,
                        const kernels::GpuRunnerOptions& options, const MeasuredCeilings& roof,
                        GpuCaseFacts& facts, std::atomic<int>& failures);

}  // namespace roof::bench
