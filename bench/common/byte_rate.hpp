#pragma once

// The `bytes_per_second` counter of every benchmark program, in decimal units on Google
// Benchmark's console (24.1G/s is 24.1 GB/s, as the suite prints it everywhere), where
// State::SetBytesProcessed would show binary ones (22.4Gi/s for the same run). The JSON value
// is the same either way: bytes per second.

#include <benchmark/benchmark.h>

namespace roof::bench {

inline void set_bytes_per_second(benchmark::State& state, double bytes_per_iteration) {
  state.counters["bytes_per_second"] =
      benchmark::Counter(bytes_per_iteration, benchmark::Counter::kIsIterationInvariantRate,
                         benchmark::Counter::OneK::kIs1000);
}

}  // namespace roof::bench
