#include "bench/layers/bench_options.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>

#include "networks/catalogue.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof::bench {
namespace {

// Google Benchmark's flags: --benchmark_* and its verbosity --v, each as --name=value.
bool is_google_benchmark_flag(const std::string& arg) {
  return arg.starts_with("--benchmark_") || arg == "--v" || arg.starts_with("--v=");
}

std::int64_t positive_decimal(const std::string& value) {
  std::int64_t batch = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), batch);
  if (ec != std::errc() || end != value.data() + value.size() || batch <= 0) {
    throw InputError("--batch must be a positive integer, got '" + value + "'");
  }
  return batch;
}

void check_choice(const std::string& flag, const std::string& value,
                  const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    throw InputError(flag + " takes " + join(allowed, ", ") + ", not '" + value + "'");
  }
}

}  // namespace

BenchLayersOptions parse_bench_layers_options(int argc, char** argv,
                                              const std::vector<std::string>& known_impls) {
  BenchLayersOptions options;
  CLI::App app{
      "bench_layers: every conv, fc and other op of the catalogue's networks (or of a "
      "descriptor file), each pass, each implementation, verified against a float64 "
      "reference, then timed by Google Benchmark (docs/bench.md)",
      "bench_layers"};
  app.allow_extras();  // Google Benchmark's flags, checked below
  std::vector<std::string> networks;
  std::vector<std::string> impls;
  std::string batch;
  bool all_networks = false;
  app.add_option("--network", networks, "Catalogue networks, comma-separated (default googlenet)")
      ->delimiter(',');
  app.add_flag("--all-networks", all_networks, "Every network of the catalogue");
  app.add_option("--file", options.file,
                 "benchdnn descriptors to measure instead of catalogue networks (as `roofline "
                 "layers --file` reads them)");
  app.add_option("--batch", batch, "Images per layer-pass (default 1; overrides a file's mb)");
  app.add_option("--dataset", options.dataset, "imagenet (default) or cifar10 shapes");
  app.add_option("--impl", impls,
                 "Implementations, comma-separated (default every one of this build: " +
                     join(known_impls, ", ") + ")")
      ->delimiter(',');
  app.add_option("--roofs", options.roofs_file,
                 "bench_roofs JSON of this machine: fraction_of_roof against its ceilings");
  app.add_option("--dtype", options.gpu_dtype, "GPU runners: fp32 (default) or fp16");
  app.add_option("--math", options.gpu_math, "GPU runners: default, tf32 or tensor_op");
  app.add_option("--layout", options.gpu_layout, "GPU runners: nchw (default) or nhwc");
  app.add_option("--cache", options.gpu_cache,
                 "GPU runners: cold (default, L2 flushed before each launch) or hot");
  app.footer(
      "Google Benchmark's own flags (--benchmark_filter, --benchmark_out, "
      "--benchmark_repetitions, --benchmark_time_unit, --v, ...) pass through; they are "
      "listed below.");
  options.help_text = app.help();

  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  if (std::find_if(args.begin(), args.end(),
                   [](const std::string& a) { return a == "-h" || a == "--help"; }) != args.end()) {
    options.help = true;
    return options;
  }
  // CLI11 would take a --benchmark_* word for the value of the option before it; they are set
  // aside first.
  std::vector<std::string> own;
  options.benchmark_args.push_back(argc > 0 ? argv[0] : "bench_layers");
  bool min_time_given = false;
  for (const std::string& arg : args) {
    if (!is_google_benchmark_flag(arg)) {
      own.push_back(arg);
      continue;
    }
    min_time_given = min_time_given || arg.starts_with("--benchmark_min_time");
    options.time_unit_given = options.time_unit_given || arg.starts_with("--benchmark_time_unit");
    options.list_only = options.list_only || arg == "--benchmark_list_tests" ||
                        arg == "--benchmark_list_tests=true";
    options.benchmark_args.push_back(arg);
  }
  std::reverse(own.begin(), own.end());  // CLI11 parses a vector from its back
  try {
    app.parse(own);
  } catch (const CLI::ParseError& e) {
    throw InputError(e.what());
  }
  for (const std::string& extra : app.remaining()) {
    throw InputError("unknown flag '" + extra +
                     "' (bench_layers takes --network, --all-networks, --file, --batch, "
                     "--dataset, --impl, --roofs, the GPU flags --dtype, --math, --layout, "
                     "--cache, and Google Benchmark's --benchmark_* and --v flags; see --help)");
  }
  if (!batch.empty()) {
    options.batch = positive_decimal(batch);
    options.batch_given = true;
  }
  for (const std::string& impl : impls) {
    if (std::find(known_impls.begin(), known_impls.end(), impl) == known_impls.end()) {
      throw InputError("unknown implementation '" + impl +
                       "' (this build has: " + join(known_impls, ", ") + ")");
    }
  }
  check_choice("--dtype", options.gpu_dtype, {"fp32", "fp16"});
  check_choice("--math", options.gpu_math, {"default", "tf32", "tensor_op"});
  check_choice("--layout", options.gpu_layout, {"nchw", "nhwc"});
  check_choice("--cache", options.gpu_cache, {"cold", "hot"});
  parse_dataset(options.dataset);  // validates
  if (!options.file.empty() && (!networks.empty() || all_networks)) {
    throw InputError(
        "--file measures the layers of a descriptor file; leave out --network and "
        "--all-networks");
  }
  if (all_networks && !networks.empty()) {
    throw InputError("--all-networks measures every network; leave out --network");
  }
  for (std::size_t i = 0; i < networks.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (lower(networks[i]) == lower(networks[j])) {
        throw InputError("--network names '" + networks[i] + "' twice");
      }
    }
  }
  options.networks = all_networks ? network_names() : networks;
  if (options.networks.empty() && options.file.empty()) options.networks = {"googlenet"};
  options.impls = impls.empty() ? known_impls : impls;
  // Each layer-pass needs only a few repetitions to be stable; --benchmark_min_time overrides.
  if (!min_time_given) options.benchmark_args.push_back("--benchmark_min_time=0.05");
  return options;
}

}  // namespace roof::bench
