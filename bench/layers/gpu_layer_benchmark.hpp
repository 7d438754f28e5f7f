#pragma once

#include <benchmark/benchmark.h>

#include <atomic>

#include "bench/layers/layer_benchmark.hpp"
#include "bench/layers/layer_cases.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::bench {

// Runs one GPU case: prepare, one verified run against the float64 reference, a warm-up, then
// the timed loop with CUDA events around each enqueue (UseManualTime), the L2 flushed before
// each launch when c.cache is "cold". A wrong result or a runner error is SkipWithError and
// counted in `failures`, never a number.
// The roofline bound at intensity `ai` (FLOP/byte): min(peak, ai x bandwidth); 0 when the roof
// is unknown (both zero), so no fraction is reported against a made-up roof.
double gpu_attainable(const MeasuredCeilings& roof, double ai);

// `roof` is the GPU's roof for fraction_of_roof (bench_layers takes the catalogue entry CUDA's
// device name is an alias of, at its theoretical ceilings); zero leaves the counter out.
void run_gpu_layer_case(benchmark::State& state, const LayerCase& c,
                        const kernels::GpuRunnerOptions& options, const MeasuredCeilings& roof,
                        std::atomic<int>& failures);

}  // namespace roof::bench
