#pragma once

#include <benchmark/benchmark.h>

#include <atomic>

#include "bench/layers/layer_cases.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::bench {

// Runs one GPU case: prepare, one verified run against the float64 reference, a warm-up, then
// the timed loop with CUDA events around each enqueue (UseManualTime), the L2 flushed before
// each launch when c.cache is "cold". A wrong result or a runner error is SkipWithError and
// counted in `failures`, never a number.
void run_gpu_layer_case(benchmark::State& state, const LayerCase& c,
                        const kernels::GpuRunnerOptions& options, std::atomic<int>& failures);

}  // namespace roof::bench
