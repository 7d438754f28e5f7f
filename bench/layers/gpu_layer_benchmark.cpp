#include "bench/layers/gpu_layer_benchmark.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>

#include "bench/common/byte_rate.hpp"
#include "kernels/cpu/verify.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/l2_flush.hpp"
#include "kernels/cuda/stream.hpp"
#include "kernels/cuda/stream_blocker.hpp"
#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/pass_counters.hpp"

namespace roof::bench {
namespace {

bool profile_counters() {
  const char* flag = std::getenv("ROOF_CUPTI_COUNTERS");
  return flag != nullptr && std::string(flag) == "1";
}

std::unique_ptr<kernels::GpuLayerRunner> gpu_runner_named(
    const std::string& impl, const kernels::GpuRunnerOptions& options) {
  for (auto& runner : kernels::make_gpu_runners(options)) {
    if (runner->name() == impl) return std::move(runner);
  }
  throw std::runtime_error("no GPU runner '" + impl + "' in this build");
}

}  // namespace

double gpu_attainable(const MeasuredCeilings& roof, double ai) {
  if (!(roof.flops > 0) || !(roof.bandwidth > 0) || !(ai > 0)) return 0;
  return std::min(roof.flops, ai * roof.bandwidth);
}

void run_gpu_layer_case(benchmark::State& state, const LayerCase& c,
                        const kernels::GpuRunnerOptions& options, const MeasuredCeilings& roof,
                        std::atomic<int>& failures) {
  try {
    auto runner = gpu_runner_named(c.impl, options);
    if (!runner->supports(c.layer, c.pass)) {
      state.SkipWithError(("not supported by " + c.impl).c_str());
      return;
    }
    cuda::Stream stream;
    const kernels::PassTensors inputs = kernels::random_pass_tensors(c.layer, c.pass, 2024);
    runner->prepare(c.layer, c.pass, inputs, stream.get());
    runner->enqueue(stream.get());  // the verified run
    const kernels::Verification check = kernels::verify(c.layer, c.pass, inputs, runner->result());
    if (!kernels::passes(check, kernels::relative_tolerance(options))) {
      ++failures;
      state.SkipWithError(("wrong result: " + check.first_failure).c_str());
      return;
    }
    // Warm-up (the first timed launch is not a library's first), recorded by CUPTI's activity
    // API: the kernels it launched (a cuDNN Winograd or implicit-GEMM kernel) go in the label.
    std::string kernels_launched;
    if (cupti::kernel_activity_compiled_in()) {
      cupti::KernelActivityRecorder recorder;
      recorder.start();
      runner->enqueue(stream.get());
      stream.synchronize();
      kernels_launched = cupti::describe_kernels(recorder.stop());
    } else {
      runner->enqueue(stream.get());
      stream.synchronize();
    }
    // One optional profiled pass (ROOF_CUPTI_COUNTERS=1): DRAM bytes and FP instructions as
    // counted by the hardware, so the point has a measured intensity beside the analytic one.
    std::optional<cupti::PassCounters> measured;
    if (profile_counters() && cupti::pass_counters_compiled_in()) {
      cupti::PassCounterProfiler profiler;
      measured = profiler.measure([&] {
        runner->enqueue(stream.get());
        stream.synchronize();
      });
    }

    std::optional<cuda::L2Flush> flush;
    if (c.cache == "cold") flush.emplace();
    cuda::EventTimer timer;
    // The stream is held until the flush, the events and the pass are all queued, so the events
    // time the GPU's work, not the host's queuing of it (cuda/stream_blocker.hpp).
    cuda::StreamBlocker blocker;
    double timed_s = 0;  // the manual times Google Benchmark reports, summed
    for (auto _ : state) {
      blocker.block(stream.get());
      if (flush) flush->flush(stream.get());  // before the start event: not timed
      timer.start(stream.get());
      runner->enqueue(stream.get());
      timer.stop(stream.get());
      blocker.release();
      const double seconds = timer.elapsed_seconds();
      if (blocker.timed_out()) {
        ++failures;
        state.SkipWithError(
            "the pass waited for the host while it was being queued (the stream blocker timed "
            "out), so its events would time the host too");
        break;  // Google Benchmark's way out of the loop after an error
      }
      timed_s += seconds;
      state.SetIterationTime(seconds);
    }
    if (state.error_occurred()) return;

    const PassCost cost = *cost_of(c.layer, options.dtype).pass(c.pass);
    using benchmark::Counter;
    state.counters["flops"] =
        Counter(static_cast<double>(cost.flops), Counter::kIsIterationInvariantRate);
    set_bytes_per_second(state, static_cast<double>(cost.bytes));
    const double ai = static_cast<double>(cost.flops) / static_cast<double>(cost.bytes);
    state.counters["ai"] = Counter(ai);
    const double per_pass_s = timed_s / static_cast<double>(state.iterations());
    if (const double bound = gpu_attainable(roof, ai); bound > 0 && per_pass_s > 0) {
      state.counters["fraction_of_roof"] =
          Counter(static_cast<double>(cost.flops) / per_pass_s / bound);
    }
    if (measured) {
      const double flops =
          options.dtype == DType::fp16 ? measured->fp16_flops() : measured->fp32_flops();
      state.counters["measured_dram_bytes"] = Counter(measured->dram_bytes());
      state.counters["measured_flops_per_pass"] = Counter(flops);
      if (measured->dram_bytes() > 0) {
        state.counters["measured_ai"] = Counter(flops / measured->dram_bytes());
      }
    }
    const std::string algorithm = runner->algorithm();
    state.SetLabel((algorithm.empty() ? "" : algorithm + "; ") +
                   (kernels_launched.empty() ? "" : "kernels: " + kernels_launched + "; ") +
                   "verified " + std::to_string(check.checked) + " points");
  } catch (const std::exception& e) {
    ++failures;
    state.SkipWithError(e.what());
  }
}

}  // namespace roof::bench
