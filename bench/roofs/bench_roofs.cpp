// bench_roofs: this machine's roofline, measured (ERT-style). Probes the SIMD width, the clock
// and the caches, writes them into the JSON context beside the run context every benchmark
// program adds, registers the roof/... cases (and, in a build with CUDA, roof/gpu<index>/... for
// every GPU found) and hands over to Google Benchmark, so every standard flag works.
// `roofline ... --roofs FILE` reads the JSON back as a device (this-cpu).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/common/checked_output.hpp"
#include "bench/common/progress_reporter.hpp"
#include "bench/common/run_context.hpp"
#include "bench/roofs/disturbance_reporter.hpp"
#include "bench/roofs/roof_benchmarks.hpp"
#include "results/context_keys.hpp"
#include "support/printable.hpp"
#ifdef ROOF_HAVE_CUDA
#include "bench/roofs/gpu/gpu_roof_benchmarks.hpp"
#endif

namespace {

using namespace roof::bench;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

void context(std::string_view key, const std::string& value) {
  benchmark::AddCustomContext(std::string(key), value);
}

RoofSetup probe_and_describe() {
  RoofSetup setup;
  setup.simd = chosen_simd();
  setup.threads = ceiling_threads();
  const int physical = physical_cores();
  setup.cores = physical > 0 ? std::min(setup.threads, physical) : setup.threads;
  setup.caches = cache_sizes();
  const std::size_t available = available_memory_bytes();
  const ArraySize stream = stream_array_size(setup.caches, available);
  setup.stream_elements = stream.bytes / sizeof(double);

  const char* name = std::getenv("ROOF_DEVICE_NAME");
  context(roof::context_key::device_name, name != nullptr && *name != '\0' ? name : "this-cpu");
  context(roof::context_key::kernel_simd, std::string(to_string(setup.simd)));
  // The clock under the kernels' SIMD load, and without it: the gap is a vector licence.
  const double clock_ghz = measure_clock_ghz(setup.simd, 0.1);
  context(roof::context_key::clock_ghz, number(clock_ghz));
  context("roof_scalar_clock_ghz", number(measure_clock_ghz(Simd::baseline, 0.05)));
  context(roof::context_key::clock_method,
          "dependent register adds (1 cycle each) beside " + std::string(to_string(setup.simd)) +
              " FMAs, on all " + std::to_string(setup.threads) + " threads at once");
  context(roof::context_key::physical_cores, std::to_string(setup.cores));
  context("roof_fma_units", std::to_string(fma_units()));
  context("roof_fma_units_source",
          fma_units_from_environment() ? "ROOF_FMA_UNITS" : "assumed: two FMA ports per core");
  for (Precision p : {Precision::fp32, Precision::fp64}) {
    context("roof_theoretical_" + std::string(to_string(p)) + "_flops",
            number(theoretical_peak_flops(setup.simd, p, setup.cores, clock_ghz)));
  }
  context("roof_l1d_bytes", std::to_string(setup.caches.l1d));
  context(roof::context_key::l2_bytes, std::to_string(setup.caches.l2));
  context("roof_llc_bytes", std::to_string(setup.caches.llc));
  context("roof_llc_level", std::to_string(setup.caches.llc_level));
  context("roof_available_memory_bytes", std::to_string(available));
  context(roof::context_key::physical_memory_bytes, std::to_string(physical_memory_bytes()));
  context(roof::context_key::stream_array_bytes,
          std::to_string(setup.stream_elements * sizeof(double)));
  context("roof_stream_array_reason", stream.reason);
  return setup;
}

}  // namespace

int main(int argc, char** argv) {
  roof::bench::check_stdout_at_exit("bench_roofs");  // --help exits from Google Benchmark
  const roof::bench::OutputFileFlags out_file = roof::bench::output_file_flags(argc, argv);
  if (!roof::bench::output_file_openable("bench_roofs", out_file)) return 2;
  roof::bench::add_command_line(argc, argv);
  // Google Benchmark names the program by argv[0] in its refusals ("<argv[0]>: error: ...").
  static char program[] = "bench_roofs";
  argv[0] = program;
  // Rows in milliseconds unless --benchmark_time_unit asks otherwise (no ceiling sets its own).
  benchmark::SetDefaultTimeUnit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  // Bad flags exit 2 in every program of the suite.
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  try {
    add_run_context();
    std::vector<std::string> names = register_roof_benchmarks(probe_and_describe());
    std::ostringstream no_gpu;  // stays empty with GPUs, and in a build without CUDA
#ifdef ROOF_HAVE_CUDA
    roof::bench::gpu::register_gpu_roof_benchmarks(roof::cuda::probe_cuda(), no_gpu, &names);
#endif
    DisturbanceReporter display;
    // Case k of n and the time left on stderr, where a person watches (progress_reporter.hpp).
    ProgressReporter progress("bench_roofs", &display,
                              cases_selected(names, benchmark::GetBenchmarkFilter()));
    const bool written = roof::bench::run_checked("bench_roofs", &progress, out_file);
    // Without a GPU the CPU ceilings ran alone; one line on stderr says why, after stdout's
    // results, so the listing or table on stdout starts with the first ceiling. Then what the
    // rows say about the machine, one line each (docs/roofs.md, "A disturbed run").
    std::cout.flush();
    std::cerr << no_gpu.str();
    for (const std::string& line : roof::disturbance_warnings(display.found())) {
      std::cerr << "bench_roofs: warning: " << line << '\n';
    }
    if (!written) return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_roofs: error: " << roof::printable(e.what()) << '\n';
    return 2;
  }
  benchmark::Shutdown();
  return 0;
}
