#include "bench/layers/bench_options.hpp"

#include <algorithm>
#include <charconv>

#include "networks/catalogue.hpp"
#include "support/input_error.hpp"

namespace roof::bench {
namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const std::string item = text.substr(start, comma - start);
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace

BenchLayersOptions parse_bench_layers_options(int argc, char** argv,
                                              const std::vector<std::string>& known_impls) {
  BenchLayersOptions options;
  options.benchmark_args.push_back(argc > 0 ? argv[0] : "bench_layers");
  bool min_time_given = false;
  bool all_networks = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    const auto equals = arg.find('=');
    if (arg.rfind("--benchmark_", 0) == 0) {
      min_time_given = min_time_given || arg.rfind("--benchmark_min_time", 0) == 0;
      options.list_only = options.list_only || arg == "--benchmark_list_tests" ||
                          arg == "--benchmark_list_tests=true";
      options.benchmark_args.push_back(arg);
      continue;
    }
    if (arg == "--all-networks") {
      all_networks = true;
      continue;
    }
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
      arg.erase(equals);
    } else if (arg == "--network" || arg == "--batch" || arg == "--impl" || arg == "--dataset" ||
               arg == "--roofs" || arg == "--dtype" || arg == "--math" || arg == "--layout" ||
               arg == "--cache") {
      if (i + 1 >= argc) throw InputError(arg + " needs a value");
      value = argv[++i];
    }
    if (arg == "--network") {
      for (const std::string& n : split_commas(value)) options.networks.push_back(n);
    } else if (arg == "--batch") {
      const auto [end, ec] =
          std::from_chars(value.data(), value.data() + value.size(), options.batch);
      if (ec != std::errc() || end != value.data() + value.size() || options.batch <= 0) {
        throw InputError("--batch must be a positive integer, got '" + value + "'");
      }
    } else if (arg == "--impl") {
      for (const std::string& impl : split_commas(value)) {
        if (std::find(known_impls.begin(), known_impls.end(), impl) == known_impls.end()) {
          std::string known;
          for (const std::string& k : known_impls) known += (known.empty() ? "" : ", ") + k;
          throw InputError("unknown implementation '" + impl + "' (this build has: " + known + ")");
        }
        options.impls.push_back(impl);
      }
    } else if (arg == "--dtype" || arg == "--math" || arg == "--layout" || arg == "--cache") {
      const std::vector<std::string> allowed =
          arg == "--dtype"    ? std::vector<std::string>{"fp32", "fp16"}
          : arg == "--math"   ? std::vector<std::string>{"default", "tf32", "tensor_op"}
          : arg == "--layout" ? std::vector<std::string>{"nchw", "nhwc"}
                              : std::vector<std::string>{"cold", "hot"};
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        std::string list;
        for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
        throw InputError(arg + " takes " + list + ", not '" + value + "'");
      }
      (arg == "--dtype"    ? options.gpu_dtype
       : arg == "--math"   ? options.gpu_math
       : arg == "--layout" ? options.gpu_layout
                           : options.gpu_cache) = value;
    } else if (arg == "--roofs") {
      options.roofs_file = value;
    } else if (arg == "--dataset") {
      parse_dataset(value);  // validates
      options.dataset = value;
    } else {
      throw InputError("unknown flag '" + std::string(argv[i]) +
                       "' (bench_layers takes --network, --batch, --dataset, --impl, --roofs, "
                       "--all-networks, the GPU flags --dtype, --math, --layout, --cache, "
                       "and Google Benchmark's --benchmark_* flags)");
    }
  }
  if (all_networks) options.networks = network_names();
  if (options.networks.empty()) options.networks = {"googlenet"};
  if (options.impls.empty()) options.impls = known_impls;
  // Each layer-pass needs only a few repetitions to be stable; --benchmark_min_time overrides.
  if (!min_time_given) options.benchmark_args.push_back("--benchmark_min_time=0.05");
  return options;
}

}  // namespace roof::bench
