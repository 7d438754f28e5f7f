#include "bench/roofs/gpu/gpu_roof_benchmarks.hpp"

#include <cuda_runtime_api.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bench/roofs/gpu/gpu_device.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/pass_counters.hpp"
#include "results/context_keys.hpp"

namespace roof::bench::gpu {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// The sweep of the CPU's roof/intensity: 1 to 256 FMAs per element, 0.25 to 64 FLOP/byte, which
// brackets every GPU's fp32 ridge point (H100: 67 TFLOP/s over 3.35 TB/s, 20 FLOP/byte).
std::vector<int> intensity_fmas() {
  std::vector<int> fmas;
  for (int f = 1; f <= 256; f *= 2) fmas.push_back(f);
  return fmas;
}

std::string flops_per_byte_name(int fmas) {
  char name[32];
  std::snprintf(name, sizeof name, "%g", fmas / 4.0);
  return name;
}

bool counters_requested() {
  const char* value = std::getenv("ROOF_CUPTI_COUNTERS");
  return value != nullptr && std::string(value) == "1";
}

void describe_in_context(const GpuDevice& gpu) {
  namespace key = roof::context_key;
  const auto context = [&](std::string_view field, const std::string& value) {
    benchmark::AddCustomContext(key::gpu(gpu.index, field), value);
  };
  context(key::gpu_name, gpu.name);
  context("compute_capability", std::to_string(gpu.major) + "." + std::to_string(gpu.minor));
  context(key::gpu_sm_count, std::to_string(gpu.sm_count));
  context(key::gpu_sm_clock_mhz, number(gpu.sm_clock_khz / 1e3));
  context("memory_clock_mhz", number(gpu.memory_clock_khz / 1e3));
  context("memory_bus_bits", std::to_string(gpu.memory_bus_bits));
  context(key::gpu_l2_bytes, std::to_string(gpu.l2_bytes));
  context(key::gpu_memory_bytes, std::to_string(gpu.memory_bytes));
  context(key::gpu_theoretical_fp32_flops, number(theoretical_fp32_flops(gpu)));
  context("theoretical_fp16_flops", number(theoretical_fp16_flops(gpu)));
  context("theoretical_dram_bytes_per_second", number(theoretical_dram_bytes_per_second(gpu)));
  if (gpu.major < 8) {
    context("gemm_tf32", "not registered: TF32 tensor cores need compute capability 8.0");
  }
}

void describe_cupti(const Instrumentation& instrumentation) {
  benchmark::AddCustomContext("roof_cupti_kernels",
                              cupti::kernel_activity_compiled_in()
                                  ? "recorded for each case's warm-up launch (activity API)"
                                  : "unavailable (built without CUPTI)");
  std::string counters;
  if (!cupti::pass_counters_compiled_in()) {
    counters = cupti::pass_counters_unavailable_reason();
  } else if (instrumentation.profile_counters) {
    counters = "one range-profiled pass per case (ROOF_CUPTI_COUNTERS=1)";
  } else {
    counters = "off (ROOF_CUPTI_COUNTERS=1 adds a profiled pass per case)";
  }
  benchmark::AddCustomContext("roof_cupti_counters", counters);
}

}  // namespace

std::vector<GpuRoofCase> gpu_roof_cases(const GpuCase& c) {
  const std::string prefix = "roof/gpu" + std::to_string(c.gpu.index) + "/";
  std::vector<GpuRoofCase> cases;
  const auto add = [&](const std::string& name, void (*body)(benchmark::State&, const GpuCase&)) {
    cases.push_back({prefix + name, [c, body](benchmark::State& s) { body(s, c); }});
  };
  add("fma_fp32", fma_fp32_case);
  add("fma_fp16", fma_fp16_case);
  add("gemm_fp16_tensor", gemm_fp16_case);
  if (c.gpu.major >= 8) add("gemm_tf32", gemm_tf32_case);
  add("dram_copy", dram_copy_case);
  add("dram_triad", dram_triad_case);
  add("l2", l2_case);
  for (int fmas : intensity_fmas()) {
    cases.push_back({prefix + "intensity/" + flops_per_byte_name(fmas),
                     [c, fmas](benchmark::State& s) { intensity_case(s, c, fmas); }});
  }
  return cases;
}

std::string no_gpu_message(const std::string& runtime_reason) {
  return "bench_roofs: no CUDA device found (" + runtime_reason + "); GPU ceilings skipped";
}

int register_gpu_roof_benchmarks(const cuda::CudaProbe& probe, std::ostream& err,
                                 std::vector<std::string>* names) {
  if (!probe.has_gpu()) {
    err << no_gpu_message(probe.unavailable_reason) << '\n';
    return 0;
  }
  Instrumentation instrumentation;
  instrumentation.profile_counters = counters_requested();
  benchmark::AddCustomContext("roof_cuda_runtime_version", std::to_string(probe.runtime_version));
  benchmark::AddCustomContext("roof_cuda_driver_version", std::to_string(probe.driver_version));
  describe_cupti(instrumentation);
  // Device ordinals from the runtime itself: the probe's list leaves out a GPU it could not
  // describe, and the names must carry the ordinal cudaSetDevice takes.
  int count = 0;
  ROOF_CUDA_CHECK(cudaGetDeviceCount(&count));
  for (int index = 0; index < count; ++index) {
    const GpuCase c{describe_gpu(index), instrumentation};
    describe_in_context(c.gpu);
    for (GpuRoofCase& entry : gpu_roof_cases(c)) {
      benchmark::RegisterBenchmark(entry.name.c_str(), std::move(entry.run))->UseManualTime();
      if (names != nullptr) names->push_back(entry.name);
    }
  }
  return count;
}

}  // namespace roof::bench::gpu
