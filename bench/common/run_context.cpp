#include "bench/common/run_context.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <thread>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include "results/context_keys.hpp"
#include "support/text_format.hpp"

#ifndef ROOF_BUILD_TYPE
#define ROOF_BUILD_TYPE "unknown"
#endif

namespace roof::bench {

// The generated git_revision.cpp (cmake/RoofGitRevision.cmake), written at build time.
extern const char* const kGitRevision;

namespace {

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown";
}

std::string widest_simd() {
#if defined(__x86_64__) || defined(__i386__)
  if (__builtin_cpu_supports("avx512f")) return "avx512f";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "avx2";
  return "sse2";
#else
  return "unknown";
#endif
}

}  // namespace

RunContext probe_run_context() {
  RunContext c;
  c.cpu_model = cpu_model();
#if defined(_OPENMP)
  c.cores = omp_get_max_threads();
#else
  c.cores = static_cast<int>(std::thread::hardware_concurrency());
#endif
  c.simd = widest_simd();
  c.git_revision = std::string(kGitRevision);  // a move: GCC 12 warns falsely on operator=(char*)
#if defined(__clang__)
  c.compiler = std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  c.compiler = std::string("gcc ") + __VERSION__;
#else
  c.compiler = "unknown";
#endif
  c.build_type = std::string(ROOF_BUILD_TYPE);
  return c;
}

std::string shell_words(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on " " + a temporary here.
    if (i > 0) line += ' ';
    line += shell_word(argv[i]);
  }
  return line;
}

void add_command_line(int argc, char** argv) {
  benchmark::AddCustomContext(std::string(context_key::command_line), shell_words(argc, argv));
}

void add_run_context() {
  const RunContext c = probe_run_context();
  namespace key = roof::context_key;
  benchmark::AddCustomContext(std::string(key::cpu_model), c.cpu_model);
  benchmark::AddCustomContext(std::string(key::cores), std::to_string(c.cores));
  benchmark::AddCustomContext(std::string(key::simd), c.simd);
  benchmark::AddCustomContext(std::string(key::git_revision), c.git_revision);
  benchmark::AddCustomContext(std::string(key::compiler), c.compiler);
  benchmark::AddCustomContext(std::string(key::build_type), c.build_type);
}

}  // namespace roof::bench
