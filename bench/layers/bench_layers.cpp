// bench_layers: every layer-pass of the chosen networks (conv and fc, and every other op an
// iteration runs) and each network's optimizer step, timed per implementation and verified
// against the float64 reference first. Google Benchmark's flags all work
// (--benchmark_filter=conv1x1, --benchmark_list_tests, --benchmark_format=json,
// --benchmark_out=FILE, --benchmark_repetitions=N); ours are --network, --batch, --dataset,
// --impl, --roofs (bench_roofs JSON for the ceilings) and --all-networks. Exit status: 0, 1 if
// any result was wrong, 2 for bad flags.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "bench/common/checked_output.hpp"
#include "bench/common/percent_display.hpp"
#include "bench/common/progress_reporter.hpp"
#include "bench/common/run_context.hpp"
#include "bench/layers/bench_options.hpp"
#include "bench/layers/case_table.hpp"
#include "bench/layers/layer_benchmark.hpp"
#include "bench/layers/update_case.hpp"
#include "bench/roofs/ceiling_kernels.hpp"
#include "kernels/runner.hpp"
#include "networks/benchmark_name.hpp"
#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "networks/descriptor.hpp"
#include "results/context_keys.hpp"
#include "roofline/measured_device.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"
#include "support/text_format.hpp"

#if defined(ROOF_HAVE_CUDA)
#include "bench/layers/gpu_layer_benchmark.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "kernels/cupti/pass_counters.hpp"
#include "kernels/gpu_runner.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/roof.hpp"
#endif

namespace {

std::atomic<int> g_failures{0};

std::vector<std::string> cpu_runner_names() {
  std::vector<std::string> names;
  for (const auto& runner : roof::kernels::make_cpu_runners()) {
    names.emplace_back(runner->name());
  }
  return names;
}

std::vector<std::string> gpu_runner_names() {
  std::vector<std::string> names;
#if defined(ROOF_HAVE_CUDA)
  for (const auto& runner : roof::kernels::make_gpu_runners({})) {
    names.emplace_back(runner->name());
  }
#endif
  return names;
}

// The benchdnn arguments of a conv or fc case, "" for the other ops.
std::string benchdnn_of(const roof::bench::LayerCase& c) {
  if (c.layer.op != roof::Op::conv && c.layer.op != roof::Op::fc) return "";
  return roof::benchdnn_arguments(c.layer, c.network, c.pass);
}

std::vector<std::string> chosen(const std::vector<std::string>& wanted,
                                const std::vector<std::string>& available) {
  std::vector<std::string> both;
  for (const std::string& name : wanted) {
    if (std::find(available.begin(), available.end(), name) != available.end()) {
      both.push_back(name);
    }
  }
  return both;
}

}  // namespace

int main(int argc, char** argv) {
  roof::bench::check_stdout_at_exit("bench_layers");  // --help exits from Google Benchmark
  using namespace roof;
  bench::BenchLayersOptions options;
  std::vector<Network> networks;
  try {
    std::vector<std::string> all = cpu_runner_names();
    for (const std::string& name : gpu_runner_names()) all.push_back(name);
    options = bench::parse_bench_layers_options(argc, argv, all);
    if (options.help) {
      // Ours, then Google Benchmark's own list (its --help prints it and exits 0).
      std::cout << options.help_text << "\nGoogle Benchmark's flags:\n";
      std::cout.flush();
      char help[] = "--help";
      char* gb_argv[] = {argv[0], help};
      int gb_argc = 2;
      benchmark::Initialize(&gb_argc, gb_argv);
      return 0;
    }
    if (!options.file.empty()) {
      const std::string stem = std::filesystem::path(options.file).stem().string();
      const std::string contents = read_input_file(options.file, "descriptor file");
      try {
        networks.push_back(
            parse_descriptor_file(contents, stem, options.batch_given ? options.batch : 0));
      } catch (const InputError& e) {  // "line 3: ..." with the file it is in
        throw InputError("descriptor file '" + options.file + "' " + e.what());
      }
    }
    for (const std::string& name : options.networks) {
      networks.push_back(
          build_network(name, {parse_dataset(options.dataset), options.batch, false}));
    }
    // The cost model refuses a batch whose counts overflow 64 bits, as roofline does; without
    // it such a case would be registered and fail as if its kernel had computed a wrong result.
    for (const Network& network : networks) totals_of(network, DType::fp32);
  } catch (const InputError& e) {
    std::cerr << "bench_layers: error: " << e.what() << '\n';
    return 2;
  }

  bench::add_command_line(argc, argv);
  std::vector<char*> args;
  for (std::string& arg : options.benchmark_args) args.push_back(arg.data());
  int args_count = static_cast<int>(args.size());
  const bench::OutputFileFlags out_file = bench::output_file_flags(args_count, args.data());
  if (!bench::output_file_openable("bench_layers", out_file)) return 2;
  // Rows in milliseconds unless --benchmark_time_unit asks otherwise (no case sets its own).
  benchmark::SetDefaultTimeUnit(benchmark::kMillisecond);
  benchmark::Initialize(&args_count, args.data());
  if (benchmark::ReportUnrecognizedArguments(args_count, args.data())) return 2;

  bench::MeasuredCeilings roof;
  if (!options.list_only) {
    std::string origin;
    std::string memory_kernel = "STREAM triad";  // the quick probe's
    if (!options.roofs_file.empty()) {
      try {
        const Device cpu = measured_device_from_file(options.roofs_file);
        for (const std::string& line : cpu.measured->warnings) {
          std::cerr << "bench_layers: warning: --roofs '" << options.roofs_file << "': " << line
                    << '\n';
        }
        roof = {*cpu.peaks.at("fp32").boost * 1e12, cpu.dram_gbs * 1e9};
        memory_kernel = cpu.measured->memory_kernel;
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
              << " GFLOP/s, DRAM " << fixed(roof.bandwidth / 1e9, 1) << " GB/s (" << memory_kernel
              << "; " << origin << ")\n";
    bench::add_run_context();
    benchmark::AddCustomContext(std::string(context_key::ceilings_origin), origin);
    benchmark::AddCustomContext("roof_measured_fma_fp32_flops", fixed(roof.flops, 0));
    benchmark::AddCustomContext("roof_measured_dram_bytes_per_second", fixed(roof.bandwidth, 0));
    benchmark::AddCustomContext("roof_measured_dram_kernel", memory_kernel);
    for (const auto& runner : kernels::make_cpu_runners()) {
      benchmark::AddCustomContext(
          std::string(context_key::impl_prefix) + std::string(runner->name()),
          runner->description());
    }
  }
  int registered = 0;
  std::vector<bench::CaseRow> cases;  // the companion of --benchmark_out (case_table.hpp)
  // Each conv and fc layer-pass with the benchdnn arguments that run it (CUTLASS's profiler
  // prints such a line per result): context roof_benchdnn/<row name without /impl:...>.
  for (const Network& network : networks) {
    for (const Layer& layer : network.layers) {
      if (layer.op != Op::conv && layer.op != Op::fc) continue;
      for (Pass pass : {Pass::fwd, Pass::bwd_data, Pass::bwd_weights}) {
        if (pass == Pass::bwd_data && !layer.needs_input_grad) continue;
        const bench::LayerCase c{network.name, layer, pass, "x", ""};
        std::string key = bench::benchmark_name(c);
        key.erase(key.rfind("/impl:"));
        benchmark::AddCustomContext("roof_benchdnn/" + key,
                                    benchdnn_arguments(layer, network.name, pass));
      }
    }
  }
  // Only what a runner runs is registered: packed_sgemm and blas have no memory-bound ops, and
  // a row that says "not supported" is no measurement.
  const auto cpu_runners = kernels::make_cpu_runners();
  const auto runs = [&](const bench::LayerCase& c) {
    for (const auto& runner : cpu_runners) {
      if (runner->name() == c.impl) return runner->supports(c.layer, c.pass);
    }
    return false;
  };
  for (const bench::LayerCase& c :
       bench::layer_cases(networks, chosen(options.impls, cpu_runner_names()), "", true)) {
    if (!runs(c)) continue;
    const std::string name = bench::benchmark_name(c);
    const auto run = [c, &roof](benchmark::State& state) {
      bench::run_layer_case(state, c, roof, g_failures);
    };
    benchmark::RegisterBenchmark(name.c_str(), run)->UseRealTime();
    cases.push_back({name + "/real_time", benchdnn_of(c)});
    ++registered;
  }
  // The optimizer step, our loop, once per network (after every layer case of every impl).
  const std::vector<std::string> cpu_impls = chosen(options.impls, cpu_runner_names());
  if (std::find(cpu_impls.begin(), cpu_impls.end(), "direct") != cpu_impls.end()) {
    for (const Network& network : networks) {
      const std::string name = update_benchmark_name(network.name, network.batch, "direct");
      cases.push_back({name + "/real_time", ""});
      benchmark::RegisterBenchmark(name.c_str(), [&network](benchmark::State& state) {
        bench::run_update_case(state, network, g_failures);
      })->UseRealTime();
      ++registered;
    }
  }
  std::string why_nothing = "none of the chosen implementations (" + join(options.impls, ", ") +
                            ") runs a layer-pass of these networks";
#if defined(ROOF_HAVE_CUDA)
  const std::vector<std::string> gpu_impls = chosen(options.impls, gpu_runner_names());
  static kernels::GpuRunnerOptions gpu_options;
  try {
    gpu_options.dtype = parse_dtype(options.gpu_dtype);
    gpu_options.math = kernels::parse_math_mode(
        options.gpu_math == "default" ? std::string("default_math") : options.gpu_math);
    gpu_options.layout = kernels::parse_layout(options.gpu_layout);
    kernels::validate(gpu_options);
  } catch (const std::exception& e) {
    std::cerr << "bench_layers: error: " << e.what() << '\n';
    return 2;
  }
  const cuda::CudaProbe probe = cuda::probe_cuda();
  if (!gpu_impls.empty() && !probe.has_gpu()) {
    std::cerr << "bench_layers: no CUDA device found (" << probe.unavailable_reason
              << "); GPU benchmarks skipped\n";
    why_nothing = "the chosen implementations (" + join(options.impls, ", ") +
                  ") need a CUDA device and this machine has none (" + probe.unavailable_reason +
                  ")";
  } else if (!gpu_impls.empty()) {
    benchmark::AddCustomContext(std::string(context_key::layers_gpu), probe.gpus.front().name);
    // fraction_of_roof of a GPU row: against the catalogue entry CUDA's name is an alias of
    // ("NVIDIA H200" is H200-SXM), at its theoretical ceilings; none for a GPU it lacks.
    static bench::MeasuredCeilings gpu_roof;
    try {
      const Device& twin = DeviceCatalogue::builtin().find(probe.gpus.front().name);
      RoofOptions roof_options;
      roof_options.dtype = gpu_options.dtype;
      const Roof r = resolve_roof(twin, roof_options);
      gpu_roof = {r.peak_flops, r.bandwidth};
      benchmark::AddCustomContext("roof_gpu_roof", twin.name + ": " + r.compute_label + "; " +
                                                       r.memory_label +
                                                       " (fraction_of_roof of the GPU rows)");
    } catch (const InputError&) {
      benchmark::AddCustomContext("roof_gpu_roof", "no catalogue entry for " +
                                                       probe.gpus.front().name +
                                                       ": the GPU rows carry no fraction_of_roof");
    }
    benchmark::AddCustomContext("roof_gpu_options", kernels::describe(gpu_options));
    benchmark::AddCustomContext(
        "roof_cupti_counters",
        !cupti::pass_counters_compiled_in() ? cupti::pass_counters_unavailable_reason()
        : std::string(std::getenv("ROOF_CUPTI_COUNTERS") ? std::getenv("ROOF_CUPTI_COUNTERS")
                                                         : "") == "1"
            ? "on: one profiled pass per case"
            : "off (ROOF_CUPTI_COUNTERS=1 adds a profiled pass)");
    const auto gpu_runners = kernels::make_gpu_runners(gpu_options);
    for (const auto& runner : gpu_runners) {
      benchmark::AddCustomContext(
          std::string(context_key::impl_prefix) + std::string(runner->name()),
          runner->description());
    }
    // As for the CPU: a combination no runner runs (fc by cuDNN, a 3x3 conv by cuBLAS) is not
    // registered, so no row says error_occurred for what is only unsupported (issue 16).
    const auto gpu_runs = [&](const bench::LayerCase& c) {
      for (const auto& runner : gpu_runners) {
        if (runner->name() == c.impl) return runner->supports(c.layer, c.pass);
      }
      return false;
    };
    for (const bench::LayerCase& c : bench::layer_cases(networks, gpu_impls, options.gpu_cache)) {
      if (!gpu_runs(c)) continue;
      const std::string name = bench::benchmark_name(c);
      const auto facts = std::make_shared<bench::GpuCaseFacts>();  // one per case
      const auto run = [c, facts](benchmark::State& state) {
        bench::run_gpu_layer_case(state, c, gpu_options, gpu_roof, *facts, g_failures);
      };
      benchmark::RegisterBenchmark(name.c_str(), run)->UseManualTime();
      cases.push_back({name + "/manual_time", benchdnn_of(c)});
      ++registered;
    }
  }
#endif
  if (registered == 0) {
    std::cerr << "bench_layers: error: nothing to run: " << why_nothing << '\n';
    return 2;
  }
  std::vector<std::string> names;
  for (const bench::CaseRow& c : cases) names.push_back(c.run_name);
  bench::ProgressReporter progress("bench_layers", bench::percent_display_reporter(),
                                   bench::cases_selected(names, benchmark::GetBenchmarkFilter()));
  const bool written = bench::run_checked("bench_layers", &progress, out_file);
  benchmark::Shutdown();
  if (!written) return 2;
  if (!out_file.path.empty() && !options.list_only) {
    try {
      bench::write_case_table(bench::case_table_path(out_file.path), cases);
    } catch (const InputError& e) {
      std::cerr << "bench_layers: error: " << e.what() << '\n';
      return 2;
    }
  }
  if (g_failures > 0) {
    std::cerr << "bench_layers: " << g_failures << " layer-pass(es) gave a wrong result or failed"
              << '\n';
    return 1;
  }
  return 0;
}
