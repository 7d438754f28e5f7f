// bench_layers: every conv and fc layer-pass of the chosen networks, timed per implementation
// and verified against the float64 reference first. Google Benchmark's flags all work
// (--benchmark_filter=conv1x1, --benchmark_list_tests, --benchmark_format=json,
// --benchmark_out=FILE, --benchmark_repetitions=N); ours are --network, --batch, --dataset,
// --impl, --roofs (bench_roofs JSON for the ceilings) and --all-networks. Exit status: 0, 1 if
// any result was wrong, 2 for bad flags.
#include <benchmark/benchmark.h>

#include <atomic>
#include <iostream>

#include "bench/common/run_context.hpp"
#include "bench/layers/bench_options.hpp"
#include "bench/layers/layer_benchmark.hpp"
#include "bench/roofs/ceiling_kernels.hpp"
#include "kernels/runner.hpp"
#include "networks/catalogue.hpp"
#include "networks/input_error.hpp"
#include "networks/text_format.hpp"
#include "roofline/measured_device.hpp"

namespace {

std::atomic<int> g_failures{0};

std::vector<std::string> runner_names() {
  std::vector<std::string> names;
  for (const auto& runner : roof::kernels::make_cpu_runners()) {
    names.emplace_back(runner->name());
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace roof;
  bench::BenchLayersOptions options;
  std::vector<Network> networks;
  try {
    options = bench::parse_bench_layers_options(argc, argv, runner_names());
    for (const std::string& name : options.networks) {
      networks.push_back(build_network(name, {parse_dataset(options.dataset), options.batch,
                                              false}));
    }
  } catch (const InputError& e) {
    std::cerr << "bench_layers: error: " << e.what() << '\n';
    return 2;
  }

  std::vector<char*> args;
  for (std::string& arg : options.benchmark_args) args.push_back(arg.data());
  int args_count = static_cast<int>(args.size());
  benchmark::Initialize(&args_count, args.data());
  if (benchmark::ReportUnrecognizedArguments(args_count, args.data())) return 2;

  bench::MeasuredCeilings roof;
  if (!options.list_only) {
    std::string origin;
    if (!options.roofs_file.empty()) {
      try {
        const Device cpu = measured_device_from_file(options.roofs_file);
        roof = {*cpu.peaks.at("fp32").boost * 1e12, cpu.dram_gbs * 1e9};
        origin = "from " + options.roofs_file;
      } catch (const InputError& e) {
        std::cerr << "bench_layers: error: " << e.what() << '\n';
        return 2;
      }
    } else {
      // A quick probe; on a busy machine it reads low, so bench_roofs' full run (--roofs) is
      // the better denominator.
      const auto ceilings = bench::measure_cpu_ceilings(1.0);
      roof = {ceilings.fma_fp32_flops, ceilings.triad_bytes_per_second};
      origin = "quick probe, " + ceilings.simd + "; pass --roofs FILE for bench_roofs' values";
    }
    std::cerr << "bench_layers: ceilings of this CPU: FP32 FMA " << fixed(roof.flops / 1e9, 1)
              << " GFLOP/s, triad " << fixed(roof.bandwidth / 1e9, 1) << " GB/s (" << origin
              << ")\n";
    bench::add_run_context();
    benchmark::AddCustomContext("roof_ceilings_origin", origin);
    benchmark::AddCustomContext("roof_measured_fma_fp32_flops", fixed(roof.flops, 0));
    benchmark::AddCustomContext("roof_measured_triad_bytes_per_second", fixed(roof.bandwidth, 0));
    for (const auto& runner : kernels::make_cpu_runners()) {
      benchmark::AddCustomContext("roof_impl_" + std::string(runner->name()),
                                  runner->description());
    }
  }
  // bench_layers has no GPU runners yet: the CUDA back end registers its own with issue 5.
  for (const bench::LayerCase& c : bench::layer_cases(networks, options.impls)) {
    benchmark::RegisterBenchmark(bench::benchmark_name(c).c_str(),
                                 [c, &roof](benchmark::State& state) {
                                   bench::run_layer_case(state, c, roof, g_failures);
                                 })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_failures > 0) {
    std::cerr << "bench_layers: " << g_failures << " layer-pass(es) gave a wrong result or failed"
              << '\n';
    return 1;
  }
  return 0;
}
