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

namespace {

// The warm-up pass, recorded by CUPTI's activity API where it can be: the kernels it launched (a
// cuDNN Winograd or implicit-GEMM kernel) go in the label. Recording is an extra: where CUPTI
// refuses (no permission, a missing library), the label says why and the case goes on.
std::string recorded_warm_up(kernels::GpuLayerRunner& runner, cuda::Stream& stream) {
  if (!cupti::kernel_activity_compiled_in()) {
    runner.enqueue(stream.get());
    stream.synchronize();
    return "";
  }
  std::optional<cupti::KernelActivityRecorder> recorder;
  std::string failure;
  try {
    recorder.emplace();
    recorder->start();
  } catch (const std::exception& e) {
    recorder.reset();
    failure = e.what();
  }
  runner.enqueue(stream.get());
  stream.synchronize();
  if (!recorder) return "not recorded (" + failure + ")";
  try {
    return cupti::describe_kernels(recorder->stop());
  } catch (const std::exception& e) {
    return "not recorded (" + std::string(e.what()) + ")";
  }
}

}  // namespace

void run_gpu_layer_case(benchmark::State& state, const LayerCase& c,
                        const kernels::GpuRunnerOptions& options, const MeasuredCeilings& roof,
                        GpuCaseFacts& facts, std::atomic<int>& failures) {
  try {
    // The stream first: it must outlive the runner, whose cuDNN or cuBLAS handle is bound to it
    // until the runner's destructor destroys the handle.
    cuda::Stream stream;
    auto runner = gpu_runner_named(c.impl, options);
    if (!runner->supports(c.layer, c.pass)) {
      state.SkipWithError(("not supported by " + c.impl).c_str());
      return;
    }
    const kernels::PassTensors inputs = kernels::random_pass_tensors(c.layer, c.pass, 2024);
    runner->prepare(c.layer, c.pass, inputs, stream.get());
    if (!facts.verified(runner->algorithm())) {
      runner->enqueue(stream.get());  // the verified run
      const kernels::Verification check =
          kernels::verify(c.layer, c.pass, inputs, runner->result());
      if (!kernels::passes(check, kernels::relative_tolerance(options))) {
        ++failures;
        state.SkipWithError(("wrong result: " + check.first_failure).c_str());
        return;
      }
      // Warm-up (the first timed launch is not a library's first).
      const std::string kernels_launched = recorded_warm_up(*runner, stream);
      // One optional profiled pass (ROOF_CUPTI_COUNTERS=1): DRAM bytes and FP instructions as
      // counted by the hardware, so the point has a measured intensity beside the analytic one.
      // Counters need privileges a machine may not grant; without them the label says why.
      std::optional<cupti::PassCounters> measured;
      std::string unavailable;
      if (profile_counters()) {
        // try_measure_pass_counters turns every exception into "counters unavailable"; one from
        // the pass itself is a failure of the case, so it is kept apart and thrown again.
        std::exception_ptr pass_failure;
        const cupti::PassCounterResult result = cupti::try_measure_pass_counters([&] {
          try {
            runner->enqueue(stream.get());
            stream.synchronize();
          } catch (...) {
            pass_failure = std::current_exception();
            throw;
          }
        });
        if (pass_failure) std::rethrow_exception(pass_failure);
        measured = result.counters;
        unavailable = result.unavailable_reason;
      }
      facts = {true, runner->algorithm(), check.checked, kernels_launched, measured, unavailable};
    } else {
      runner->enqueue(stream.get());  // warm-up of this call's runner; verified on an earlier one
      stream.synchronize();
    }

    std::optional<cuda::L2Flush> flush;
    if (c.cache == "cold") {
      // One flush before the stream is held, so its first launch (module loading) is not queued
      // behind the blocker.
      flush.emplace();
      flush->flush(stream.get());
      stream.synchronize();
    }
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
    if (const auto& measured = facts.measured) {
      const double flops =
          options.dtype == DType::fp16 ? measured->fp16_flops() : measured->fp32_flops();
      state.counters["measured_dram_bytes"] = Counter(measured->dram_bytes());
      state.counters["measured_flops_per_pass"] = Counter(flops);
      if (measured->dram_bytes() > 0) {
        state.counters["measured_ai"] = Counter(flops / measured->dram_bytes());
      }
    }
    const std::string& algorithm = facts.algorithm;
    state.SetLabel(
        (algorithm.empty() ? "" : algorithm + "; ") +
        (facts.kernels_launched.empty() ? "" : "kernels: " + facts.kernels_launched + "; ") +
        (facts.counters_unavailable.empty() ? "" : facts.counters_unavailable + "; ") +
        "verified " + std::to_string(facts.verified_points) + " points");
  } catch (const std::exception& e) {
    ++failures;
    state.SkipWithError(e.what());
  }
}

}  // namespace roof::bench
