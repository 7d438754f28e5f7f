#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roof::bench {

// bench_layers' own flags; Google Benchmark's (--benchmark_*, --v) go to benchmark::Initialize.
struct BenchLayersOptions {
  std::vector<std::string> networks;  // default: googlenet
  std::string file;                   // benchdnn descriptors instead of catalogue networks
  std::int64_t batch = 1;
  bool batch_given = false;  // --batch overrides a descriptor file's mb
  std::string dataset = "imagenet";
  std::vector<std::string> impls;  // default: every runner this build has
  // GPU runners only (docs/gpu.md): element type, math, activation layout, L2 state.
  std::string gpu_dtype = "fp32";
  std::string gpu_math = "default";
  std::string gpu_layout = "nchw";
  std::string gpu_cache = "cold";
  std::string roofs_file;        // bench_roofs JSON: its ceilings instead of a quick probe
  bool list_only = false;        // --benchmark_list_tests: skip the ceiling probe
  bool help = false;             // -h, --help: print help_text, then Google Benchmark's flags
  bool time_unit_given = false;  // --benchmark_time_unit: otherwise rows are in milliseconds
  std::string help_text;
  std::vector<std::string> benchmark_args;  // argv for benchmark::Initialize
};

// Splits argv. Throws InputError for an unknown flag or a bad value, naming it.
BenchLayersOptions parse_bench_layers_options(int argc, char** argv,
                                              const std::vector<std::string>& known_impls);

}  // namespace roof::bench
