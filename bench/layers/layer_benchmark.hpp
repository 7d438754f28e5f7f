#pragma once

#include <benchmark/benchmark.h>

#include <atomic>

#include "bench/layers/layer_cases.hpp"

namespace roof::bench {

// The ceilings of this machine measured at start-up, for each benchmark's fraction of the
// roofline bound.
struct MeasuredCeilings {
  double flops = 0;      // FLOP/s, FP32 FMA on all cores
  double bandwidth = 0;  // bytes/s, STREAM triad on all cores
};

// Runs one case: prepare, one verified run against the float64 reference, then the timed loop.
// A wrong result or a runner error is SkipWithError and counted in `failures`, never a number.
void run_layer_case(benchmark::State& state, const LayerCase& c, const MeasuredCeilings& roof,
                    std::atomic<int>& failures);

}  // namespace roof::bench
