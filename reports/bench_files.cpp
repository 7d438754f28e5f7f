#include "reports/bench_files.hpp"

#include <algorithm>

#include "networks/benchmark_name.hpp"
#include "results/context_keys.hpp"
#include "support/input_error.hpp"

namespace roof::report {
namespace {

namespace key = context_key;

BenchTool tool_of(const BenchmarkFile& file) {
  for (const BenchmarkRow& row : file.rows) {
    if (row.name.starts_with("roof/")) return BenchTool::bench_roofs;
    try {
      parse_benchmark_name(row.name);
      return BenchTool::bench_layers;
    } catch (const InputError&) {
      // not one of bench_layers' names; look at the next row
    }
  }
  return BenchTool::other;
}

}  // namespace

std::string RunContext::machine() const {
  std::string text = cpu_model.empty() ? "an unnamed CPU" : cpu_model;
  if (!cores.empty()) text += ", " + cores + " cores";
  if (!simd.empty()) text += ", " + simd;
  return text;
}

RunContext run_context_of(const BenchmarkFile& file) {
  RunContext run;
  run.path = file.path;
  run.tool = tool_of(file);
  run.date = file.context_text("date");
  run.host = file.context_text("host_name");
  run.cpu_model = file.context_text(key::cpu_model);
  run.cores = file.context_text(key::cores);
  run.simd = file.context_text(key::kernel_simd);
  if (run.simd.empty()) run.simd = file.context_text(key::simd);
  run.compiler = file.context_text(key::compiler);
  run.build_type = file.context_text(key::build_type);
  run.git_revision = file.context_text(key::git_revision);
  run.clock_ghz = file.context_text(key::clock_ghz);
  run.ceilings_origin = file.context_text(key::ceilings_origin);
  run.gpu = file.context_text(key::layers_gpu);
  for (const auto& [name, value] : file.context) {
    if (name.starts_with(key::impl_prefix)) {
      run.implementations[name.substr(key::impl_prefix.size())] = value;
    }
  }
  return run;
}

std::vector<CacheCeiling> read_cache_rates(const BenchmarkFile& file) {
  std::vector<CacheCeiling> rates;
  constexpr std::pair<std::string_view, std::string_view> sweeps[] = {
      {"roof/cache/", "read"}, {"roof/cache_write/", "write"}, {"roof/cache_copy/", "copy"}};
  std::vector<std::string> levels;  // as the sweeps meet them, from the smallest working set up
  for (const auto& sweep : sweeps) {
    // Named copies: clang before 16 cannot capture a structured binding in a lambda.
    const std::string_view prefix = sweep.first;
    const std::string_view kernel = sweep.second;
    for (const BenchmarkRow& row : file.rows) {
      if (!row.name.starts_with(prefix) || row.error) continue;
      const std::string level = row.label.substr(0, row.label.find(','));
      const std::optional<double> rate = row.number("bytes_per_second");
      if (level.empty() || !rate) continue;
      if (std::find(levels.begin(), levels.end(), level) == levels.end()) levels.push_back(level);
      auto it = std::find_if(rates.begin(), rates.end(), [&](const CacheCeiling& c) {
        return c.level == level && c.kernel == kernel;
      });
      if (it == rates.end()) {
        rates.push_back({level, std::string(kernel), *rate});
      } else if (*rate > it->bytes_per_second) {
        it->bytes_per_second = *rate;
      }
    }
  }
  // Grouped by level in the hierarchy's order, kernels in the sweeps' order within a level.
  std::stable_sort(rates.begin(), rates.end(), [&](const CacheCeiling& x, const CacheCeiling& y) {
    return std::find(levels.begin(), levels.end(), x.level) <
           std::find(levels.begin(), levels.end(), y.level);
  });
  return rates;
}

std::vector<CacheCeiling> read_cache_ceilings(const BenchmarkFile& file) {
  std::vector<CacheCeiling> ceilings;
  for (const CacheCeiling& rate : read_cache_rates(file)) {
    if (ceilings.empty() || ceilings.back().level != rate.level) {
      ceilings.push_back(rate);
    } else if (rate.bytes_per_second > ceilings.back().bytes_per_second) {
      ceilings.back() = rate;
    }
  }
  return ceilings;
}

}  // namespace roof::report
