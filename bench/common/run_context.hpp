#pragma once

#include <string>

namespace roof::bench {

// What a result needs to be read later: the machine and the build. Written into Google
// Benchmark's JSON "context" (benchmark::AddCustomContext) by every benchmark program.
struct RunContext {
  std::string cpu_model;     // /proc/cpuinfo "model name"
  int cores = 0;             // threads the benchmarks use (OpenMP's maximum where built with it)
  std::string simd;          // widest vector extension the CPU has: avx512f, avx2, sse2
  std::string git_revision;  // of the source tree when it was built; "-dirty" with uncommitted
                             // changes, "unknown" outside git
  std::string compiler;
  std::string build_type;
};

RunContext probe_run_context();
// Adds every field of probe_run_context() to the benchmark context, prefixed "roof_".
void add_run_context();
// Adds the program's command line as typed (each word that a shell would split or expand in
// single quotes), so a row can be run again as it was made. Call before benchmark::Initialize,
// which removes the flags it reads.
void add_command_line(int argc, char** argv);
// The words joined as a POSIX shell reads them back.
std::string shell_words(int argc, char** argv);

}  // namespace roof::bench
