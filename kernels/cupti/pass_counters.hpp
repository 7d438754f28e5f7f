#pragma once

// One profiled pass of a benchmark: the DRAM bytes and floating-point instructions it really
// executed, measured by CUPTI's range profiler (cupti_range_profiler.h, CUDA 12.6 and newer), so
// a point can carry a measured arithmetic intensity beside the analytic one. With an older
// toolkit, or without CUPTI, the same calls compile and say why there are no counters.

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace roof::cupti {

// What a profiled pass measures, with the rollups the profiler needs, in PassCounters' order.
inline constexpr std::array<const char*, 6> kPassMetrics = {
    "dram__bytes_read.sum",
    "dram__bytes_write.sum",
    "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum",
    "smsp__sass_thread_inst_executed_op_fadd_pred_on.sum",
    "smsp__sass_thread_inst_executed_op_fmul_pred_on.sum",
    "smsp__sass_thread_inst_executed_op_hfma_pred_on.sum",
};

// Summed over every kernel of the pass. The instruction counts are per thread (a warp-wide FFMA
// with all 32 lanes on counts 32) and only where the predicate was on.
struct PassCounters {
  double dram_bytes_read = 0;
  double dram_bytes_write = 0;
  double ffma = 0;
  double fadd = 0;
  double fmul = 0;
  double hfma = 0;

  double dram_bytes() const { return dram_bytes_read + dram_bytes_write; }
  // Nsight Compute's roofline counting: an FMA is two FLOPs, an add or a multiply one. Tensor-core
  // instructions (HMMA) are in none of these counters, so a cuBLAS tensor GEMM reads near zero.
  double fp32_flops() const { return 2 * ffma + fadd + fmul; }
  double fp16_flops() const { return 2 * hfma; }
};

// Whether this build has the range profiler; when not, the reason every call gives:
// "counters unavailable (CUDA < 12.6)" or "counters unavailable (built without CUPTI)".
bool pass_counters_compiled_in();
std::string pass_counters_unavailable_reason();

// The host half of a profiled pass for a chip named as CUPTI names it ("GA100", "GH100"): the
// configuration image for kPassMetrics, and how many times the pass must run to collect them all.
// Needs no GPU. Throws CuptiError (an unknown chip or metric), std::runtime_error where the range
// profiler is not compiled in.
std::size_t pass_counter_replays(const std::string& chip);

// The target half, on the current device: CUPTI's profiler initialised, a range profiler enabled
// on the device's primary context, configured for kPassMetrics. Everything is released on
// destruction. Neither copyable nor movable. Throws CuptiError or roof::cuda::CudaError, or
// std::runtime_error where the range profiler is not compiled in.
class PassCounterProfiler {
 public:
  PassCounterProfiler();
  ~PassCounterProfiler();
  PassCounterProfiler(const PassCounterProfiler&) = delete;
  PassCounterProfiler& operator=(const PassCounterProfiler&) = delete;

  // Runs `pass` inside one user range, as many times as the configuration needs (CUPTI's user
  // replay: each run collects some of the counters), waiting for the device after each, and
  // returns the counters of the range. `pass` must queue the same work every time. Throws
  // CuptiError, for example CUPTI_ERROR_INSUFFICIENT_PRIVILEGES where profiling is restricted to
  // administrators (the driver's NVreg_RestrictProfilingToAdminUsers).
  PassCounters measure(const std::function<void()>& pass);
  const std::string& chip() const;

 private:
  struct Session;
  std::unique_ptr<Session> session_;
};

// The counters of one pass, or why there are none: the build's reason, or the error that stopped
// the profiler (privileges, an unsupported GPU). Never throws for those; the counters are an
// optional extra, and a benchmark goes on without them.
struct PassCounterResult {
  std::optional<PassCounters> counters;
  std::string unavailable_reason;
};
PassCounterResult try_measure_pass_counters(const std::function<void()>& pass);

}  // namespace roof::cupti
