#pragma once

// The loop every GPU ceiling shares, in the contract bench_layers follows (docs/gpu.md): a warm-up
// launch, then each iteration's launch between the two events of an EventTimer, queued behind a
// StreamBlocker so the events time the GPU alone, reported through SetIterationTime (the
// benchmark is registered with UseManualTime()); a timed-out blocker fails the case. The warm-up is
// also where CUPTI records which kernels the launch ran; after the timed loop, an optional profiled
// pass measures the DRAM bytes and FP instructions the launch really executed.

#include <benchmark/benchmark.h>
#include <cuda_runtime_api.h>

#include <functional>
#include <string>

namespace roof::bench::gpu {

// One launch of a ceiling, and the work it does by construction.
struct CeilingLaunch {
  std::function<void(cudaStream_t)> enqueue;  // queues the launch; never synchronises
  double flops = 0;                           // per launch
  double bytes = 0;                           // per launch, DRAM or L2 as the ceiling counts them
  bool fp16 = false;                          // which instruction counters make the measured FLOPs
};

struct Instrumentation {
  bool record_kernels = true;     // CUPTI activity records of the warm-up launch
  bool profile_counters = false;  // one range-profiled pass after timing (ROOF_CUPTI_COUNTERS=1)
};

struct TimedRun {
  double seconds = 0;  // the timed launches' total, as SetIterationTime reported it
  std::string cupti;   // for the label: the kernels the warm-up ran, and why counters are missing
};

// Runs the loop on `stream` and sets the counters `flops` (a rate, when flops > 0) and
// bytes_per_second (when bytes > 0), `ai` (flops / bytes), and with counters the measured ones
// (`measured_dram_bytes`, `measured_flops` per launch, `measured_ai`). Throws CudaError or
// CublasError from the launches; CUPTI's failures only shape the text.
TimedRun run_timed_launches(benchmark::State& state, const CeilingLaunch& launch,
                            const Instrumentation& instrumentation, cudaStream_t stream);

}  // namespace roof::bench::gpu
