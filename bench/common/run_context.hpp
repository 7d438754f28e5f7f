#pragma once

#include <string>

namespace roof::bench {

// What a result needs to be read later: the machine and the build. Written into Google
// Benchmark's JSON "context" (benchmark::AddCustomContext) by every benchmark program.
struct RunContext {
  std::string cpu_model;     // /proc/cpuinfo "model name"
  int cores = 0;             // threads the benchmarks use (OpenMP's maximum where built with it)
  std::string simd;          // widest vector extension the CPU has: avx512f, avx2, sse2
  std::string git_revision;  // of the source tree at configure time, "unknown" outside git
  std::string compiler;
  std::string build_type;
};

RunContext probe_run_context();
// Adds every field of probe_run_context() to the benchmark context, prefixed "roof_".
void add_run_context();

}  // namespace roof::bench
