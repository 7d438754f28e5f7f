#include "bench/roofs/gpu/timed_launches.hpp"

#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

#include "bench/common/byte_rate.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/stream_blocker.hpp"
#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/pass_counters.hpp"

namespace roof::bench::gpu {
namespace {

// The warm-up launch, recorded when CUPTI can: it also loads the module and lets cuBLAS pick its
// kernel, so what it records is what the timed launches run.
std::string recorded_warm_up(const CeilingLaunch& launch, bool record, cudaStream_t stream) {
  if (!record || !cupti::kernel_activity_compiled_in()) {
    launch.enqueue(stream);
    ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));
    return record ? "kernels: unavailable (built without CUPTI)" : "";
  }
  std::optional<cupti::KernelActivityRecorder> recorder;
  std::string failure;
  try {
    recorder.emplace();
    recorder->start();
  } catch (const std::exception& e) {  // recording is an extra: the benchmark goes on without it
    recorder.reset();
    failure = e.what();
  }
  launch.enqueue(stream);
  ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));
  if (!recorder) return "kernels: not recorded (" + failure + ")";
  try {
    return "kernels: " + cupti::describe_kernels(recorder->stop());
  } catch (const std::exception& e) {
    return "kernels: not recorded (" + std::string(e.what()) + ")";
  }
}

std::string profiled_pass(benchmark::State& state, const CeilingLaunch& launch,
                          cudaStream_t stream) {
  const cupti::PassCounterResult result =
      cupti::try_measure_pass_counters([&] { launch.enqueue(stream); });
  if (!result.counters) return result.unavailable_reason;
  const cupti::PassCounters& c = *result.counters;
  const double flops = launch.fp16 ? c.fp16_flops() : c.fp32_flops();
  state.counters["measured_dram_bytes"] = c.dram_bytes();
  state.counters["measured_flops"] = flops;
  if (c.dram_bytes() > 0) state.counters["measured_ai"] = flops / c.dram_bytes();
  return "";
}

}  // namespace

TimedRun run_timed_launches(benchmark::State& state, const CeilingLaunch& launch,
                            const Instrumentation& instrumentation, cudaStream_t stream) {
  TimedRun run;
  run.cupti = recorded_warm_up(launch, instrumentation.record_kernels, stream);
  cuda::EventTimer timer;
  // The stream is held until the events and the launch are queued, as in bench_layers, so a
  // short launch's time is the GPU's alone (kernels/cuda/stream_blocker.hpp).
  cuda::StreamBlocker blocker;
  for (auto _ : state) {
    blocker.block(stream);
    timer.start(stream);
    launch.enqueue(stream);
    timer.stop(stream);
    blocker.release();
    const double seconds = timer.elapsed_seconds();
    if (blocker.timed_out()) {
      state.SkipWithError(
          "the launch waited for the host while it was being queued (the stream blocker timed "
          "out), so its events would time the host too");
      break;  // Google Benchmark's way out of the loop after an error
    }
    state.SetIterationTime(seconds);
    run.seconds += seconds;
  }
  if (state.error_occurred()) return run;
  using benchmark::Counter;
  if (launch.flops > 0) {
    state.counters["flops"] = Counter(launch.flops, Counter::kIsIterationInvariantRate);
  }
  if (launch.bytes > 0) {
    set_bytes_per_second(state, launch.bytes);
    state.counters["ai"] = launch.flops / launch.bytes;
  }
  if (instrumentation.profile_counters) {
    const std::string missing = profiled_pass(state, launch, stream);
    if (!missing.empty()) run.cupti += (run.cupti.empty() ? "" : "; ") + missing;
  }
  return run;
}

}  // namespace roof::bench::gpu
