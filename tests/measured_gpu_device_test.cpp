// A bench_roofs run on a machine with a GPU: its GPU rows become this-gpu<i> devices.
#include <gtest/gtest.h>

#include "roofline/measured_device.hpp"
#include "roofline/roof.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

// A minimal run: the CPU rows every bench_roofs file has, and one GPU's rows and context, with
// round numbers (H100-like) so the expectations can be read off.
constexpr const char* kRunWithGpu = R"({
 "context": {"roof_cpu_model": "Test CPU", "roof_cores": "2", "roof_clock_ghz": "3.0",
             "roof_gpu0_name": "NVIDIA H100 80GB HBM3", "roof_gpu0_sm_count": "132",
             "roof_gpu0_sm_clock_mhz": "1980", "roof_gpu0_l2_bytes": "52428800",
             "roof_gpu0_memory_bytes": "85000000000",
             "roof_gpu0_theoretical_fp32_flops": "66900000000000"},
 "benchmarks": [
  {"name": "roof/fma_fp32/manual_time", "run_name": "roof/fma_fp32/manual_time",
   "run_type": "iteration", "flops": 4.0e11, "clock_ghz": 3.0},
  {"name": "roof/stream_triad/real_time", "run_name": "roof/stream_triad/real_time",
   "run_type": "iteration", "bytes_per_second": 3.0e10},
  {"name": "roof/gpu0/fma_fp32/manual_time", "run_name": "roof/gpu0/fma_fp32/manual_time",
   "run_type": "iteration", "flops": 6.0e13},
  {"name": "roof/gpu0/gemm_fp16_tensor/manual_time",
   "run_name": "roof/gpu0/gemm_fp16_tensor/manual_time", "run_type": "iteration",
   "flops": 7.0e14},
  {"name": "roof/gpu0/dram_triad/manual_time", "run_name": "roof/gpu0/dram_triad/manual_time",
   "run_type": "iteration", "bytes_per_second": 3.0e12}
 ]})";

TEST(MeasuredGpuDevice, GpuRowsBecomeADeviceWithMeasuredLabels) {
  const std::vector<Device> gpus = measured_gpu_devices_from_bench_json(kRunWithGpu, "run.json");
  ASSERT_EQ(gpus.size(), 1u);
  const Device& gpu = gpus.front();
  EXPECT_EQ(gpu.name, "this-gpu0");
  EXPECT_EQ(gpu.sm_count, 132);
  EXPECT_DOUBLE_EQ(gpu.boost_clock_mhz, 1980);
  EXPECT_DOUBLE_EQ(*gpu.l2_kib, 51200);
  const Roof fp32 = resolve_roof(gpu, {});
  EXPECT_DOUBLE_EQ(fp32.peak_flops, 6.0e13);
  EXPECT_DOUBLE_EQ(fp32.bandwidth, 3.0e12);
  EXPECT_DOUBLE_EQ(fp32.ridge_point(), 20.0);
  EXPECT_NE(fp32.compute_label.find("measured by bench_roofs (roof/gpu0/fma_fp32"),
            std::string::npos)
      << fp32.compute_label;
  RoofOptions half;
  half.dtype = DType::fp16;
  EXPECT_DOUBLE_EQ(resolve_roof(gpu, half).peak_flops, 7.0e14);  // the tensor-core GEMM
  // The CPU device of the same run is still there, and a CPU-only run has no GPU devices.
  EXPECT_EQ(measured_device_from_bench_json(kRunWithGpu, "run.json").name, "this-cpu");
}

TEST(MeasuredGpuDevice, GpuWithoutItsTriadRowIsAnError) {
  std::string text = kRunWithGpu;
  text.replace(text.find("roof/gpu0/dram_triad"), 20, "roof/gpu0/dram_other");
  text.replace(text.find("roof/gpu0/dram_triad"), 20, "roof/gpu0/dram_other");
  testing_helpers::expect_input_error(
      [&] { measured_gpu_devices_from_bench_json(text, "run.json"); },
      "has no roof/gpu0/dram_triad row");
}

// scripts/gpu-check.sh runs bench_roofs with --benchmark_filter=^roof/gpu: a file with the GPUs'
// rows alone is their devices, without a CPU; a file with neither is the CPU's error.
TEST(MeasuredGpuDevice, ARunFilteredToItsGpusIsTheirDevicesWithoutACpu) {
  std::string text = kRunWithGpu;
  const std::size_t cpu_rows = text.find("  {\"name\": \"roof/fma_fp32");
  text.erase(cpu_rows, text.find("  {\"name\": \"roof/gpu0") - cpu_rows);
  const MeasuredDevices devices =
      measured_devices(parse_benchmark_file(text, "gpu.json", "bench_roofs file"));
  EXPECT_FALSE(devices.cpu.has_value());
  ASSERT_EQ(devices.gpus.size(), 1u);
  EXPECT_EQ(devices.gpus[0].name, "this-gpu0");
  const MeasuredDevices both =
      measured_devices(parse_benchmark_file(kRunWithGpu, "run.json", "bench_roofs file"));
  EXPECT_TRUE(both.cpu.has_value());
  EXPECT_EQ(both.gpus.size(), 1u);
  const std::string neither = R"({"benchmarks": [{"name": "roof/stream_triad/real_time",
    "run_name": "roof/stream_triad/real_time", "run_type": "iteration",
    "bytes_per_second": 3.0e10}]})";
  testing_helpers::expect_input_error(
      [&] { measured_devices(parse_benchmark_file(neither, "none.json", "bench_roofs file")); },
      "has no roof/fma_fp32 row");
}

}  // namespace
}  // namespace roof
