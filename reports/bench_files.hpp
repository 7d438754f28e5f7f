#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "results/benchmark_file.hpp"

// What the report reads from the Google Benchmark JSON of bench_roofs and bench_layers beyond
// what the roofline library takes from it: where and how the run was made, the cache levels
// of the working-set sweep, and the intensities bench_layers declared.
namespace roof::report {

enum class BenchTool { bench_roofs, bench_layers, other };

// The run's provenance, from the JSON "context" (bench/common/run_context.cpp writes the
// roof_* fields). Fields the run did not write are empty.
struct RunContext {
  std::string path;
  BenchTool tool = BenchTool::other;
  std::string date;  // Google Benchmark's own, when the run started
  std::string host;
  std::string cpu_model;
  std::string cores;
  std::string simd;
  std::string compiler;
  std::string build_type;
  std::string git_revision;
  std::string clock_ghz;                               // bench_roofs: measured beside the FMAs
  std::string ceilings_origin;                         // bench_layers: its fraction_of_roof's
  std::string gpu;                                     // bench_layers: the GPU it ran on
  std::map<std::string, std::string> implementations;  // bench_layers: roof_impl_<name>

  // "Intel(R) Xeon(R) Processor, 2 cores, avx512f": the machine in words.
  std::string machine() const;
};

RunContext run_context_of(const BenchmarkFile& file);

// The bandwidth of one level of the memory hierarchy, from bench_roofs' working-set sweeps
// (roof/cache/<bytes> reads, roof/cache_write/<bytes> writes, roof/cache_copy/<bytes> copies,
// each row's label naming the level the working set fits).
struct CacheCeiling {
  std::string level;   // "L1", "L2", "L3", "DRAM"
  std::string kernel;  // "read", "write", "copy"
  double bytes_per_second = 0;
};
// The best row of each (level, kernel), levels in the order of the hierarchy, each level's
// kernels in the order read, write, copy; empty when the run had no sweep (a filtered run).
std::vector<CacheCeiling> read_cache_rates(const BenchmarkFile& file);
// The ceiling of each level: its fastest kernel, in the order of the hierarchy.
std::vector<CacheCeiling> read_cache_ceilings(const BenchmarkFile& file);

}  // namespace roof::report
