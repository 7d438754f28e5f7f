#pragma once

#include <string>
#include <string_view>

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
Device measured_device_from_bench_json(std::string_view json_text, const std::string& path);

// Reads `path` and calls the above; InputError when it cannot be read.
Device measured_device_from_file(const std::string& path);

}  // namespace roof
