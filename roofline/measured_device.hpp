#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "results/benchmark_file.hpp"
#include "roofline/device.hpp"

namespace roof {

// The name of a measured device whose file does not give one (bench_roofs writes
// ROOF_DEVICE_NAME, default this-cpu, into its context as roof_device_name).
inline constexpr std::string_view measured_device_default_name = "this-cpu";

// This machine as a device, from the Google Benchmark JSON bench_roofs writes: its FP32 and FP64
// peaks are the roof/fma_fp32 and roof/fma_fp64 rows' `flops`, its DRAM bandwidth the
// roof/stream_triad row's `bytes_per_second` (the best row of each where repetitions wrote
// several), its clock the one measured beside the FMA run, its SM count the cores. Throws
// InputError naming `path` and what is missing for an empty file, a file that is not Google
// Benchmark JSON, or one without those rows (another tool's benchmarks, or a filtered run).
Device measured_device(const BenchmarkFile& file);
// The same from the file's text.
Device measured_device_from_bench_json(std::string_view json_text, const std::string& path);

// Reads `path` and calls the above; InputError when it cannot be read.
Device measured_device_from_file(const std::string& path);

// The GPUs the same run measured (bench_roofs on a machine with a CUDA device), one device per
// index i, named this-gpu<i>: FP32 peak from roof/gpu<i>/fma_fp32, DRAM bandwidth from
// roof/gpu<i>/dram_triad, FP16 and tensor-core peaks from roof/gpu<i>/fma_fp16,
// gemm_fp16_tensor and gemm_tf32 where present, name, SMs, clock, L2 and memory from the
// context's roof_gpu<i>_* keys (docs/gpu.md). Empty for a run without GPU rows (and for a file
// that is not bench_roofs output: measured_devices tells those apart).
std::vector<Device> measured_gpu_devices(const BenchmarkFile& file);
std::vector<Device> measured_gpu_devices_from_bench_json(std::string_view json_text,
                                                         const std::string& path);
std::vector<Device> measured_gpu_devices_from_file(const std::string& path);

// Whether the run measured the CPU: a run filtered to its GPUs (--benchmark_filter=^roof/gpu,
// as scripts/gpu-check.sh runs it) has only their rows.
bool has_cpu_rows(const BenchmarkFile& file);

// Every device a bench_roofs run measured: the CPU where the run has its rows, and each GPU.
// A file with neither throws measured_device's InputError (what the CPU's rows lack).
struct MeasuredDevices {
  std::optional<Device> cpu;
  std::vector<Device> gpus;
};
MeasuredDevices measured_devices(const BenchmarkFile& file);
MeasuredDevices measured_devices_from_file(const std::string& path);

}  // namespace roof
