#pragma once

// The keys of the JSON "context" entries that the benchmark programs in bench/ write and the
// readers in roofline/ and reports/ depend on: one spelling for both sides, so a renamed key
// fails to compile instead of silently reading as missing. Entries written only for people to
// read (a reason, a method in words) keep their names at the writer.

#include <string>
#include <string_view>

namespace roof::context_key {

// Every program (bench/common/run_context.cpp).
inline constexpr std::string_view cpu_model = "roof_cpu_model";
inline constexpr std::string_view cores = "roof_cores";
inline constexpr std::string_view simd = "roof_simd";
inline constexpr std::string_view git_revision = "roof_git_revision";
inline constexpr std::string_view compiler = "roof_compiler";
inline constexpr std::string_view build_type = "roof_build_type";
inline constexpr std::string_view command_line = "roof_command_line";  // as a shell would read it

// bench_roofs.
inline constexpr std::string_view device_name = "roof_device_name";
inline constexpr std::string_view kernel_simd = "roof_kernel_simd";
inline constexpr std::string_view clock_ghz = "roof_clock_ghz";
inline constexpr std::string_view clock_method = "roof_clock_method";
inline constexpr std::string_view physical_cores = "roof_physical_cores";
inline constexpr std::string_view l2_bytes = "roof_l2_bytes";
inline constexpr std::string_view physical_memory_bytes = "roof_physical_memory_bytes";
inline constexpr std::string_view stream_array_bytes = "roof_stream_array_bytes";
// bench_roofs' GPU g: roof_gpu<g>_<field>, with field one of these.
inline constexpr std::string_view gpu_name = "name";
inline constexpr std::string_view gpu_sm_count = "sm_count";
inline constexpr std::string_view gpu_sm_clock_mhz = "sm_clock_mhz";
inline constexpr std::string_view gpu_l2_bytes = "l2_bytes";
inline constexpr std::string_view gpu_memory_bytes = "memory_bytes";
inline constexpr std::string_view gpu_theoretical_fp32_flops = "theoretical_fp32_flops";
inline std::string gpu(int index, std::string_view field) {
  return "roof_gpu" + std::to_string(index) + "_" + std::string(field);
}

// bench_layers.
inline constexpr std::string_view ceilings_origin = "roof_ceilings_origin";
inline constexpr std::string_view layers_gpu = "roof_gpu";
inline constexpr std::string_view impl_prefix = "roof_impl_";  // + the implementation's name

// bench_comm.
inline constexpr std::string_view tool = "roof_tool";  // "bench_comm"
inline constexpr std::string_view interconnect_name = "roof_interconnect_name";
inline constexpr std::string_view nccl_version = "roof_nccl_version";
inline constexpr std::string_view ranks = "roof_ranks";
inline constexpr std::string_view nodes = "roof_nodes";
inline constexpr std::string_view hostname = "roof_hostname";
inline constexpr std::string_view hosts = "roof_hosts";
inline constexpr std::string_view gpus = "roof_gpus";

}  // namespace roof::context_key
