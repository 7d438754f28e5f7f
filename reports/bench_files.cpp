#include "reports/bench_files.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "networks/benchmark_name.hpp"
#include "support/input_error.hpp"
#include "roofline/benchmark_json.hpp"

namespace roof::report {
namespace {

using nlohmann::json;

std::string name_of(const json& row) {
  std::string name = text_of(row, "run_name");
  return name.empty() ? text_of(row, "name") : name;
}

json parse(std::string_view json_text) {
  try {
    return parse_benchmark_json(json_text);
  } catch (const json::exception&) {  // not JSON, or a number too large for a double
    return json();
  }
}

BenchTool tool_of(const json& doc) {
  const json& rows = doc.at("benchmarks");
  for (const json& row : rows) {
    if (!row.is_object()) continue;
    const std::string name = name_of(row);
    if (name.starts_with("roof/")) return BenchTool::bench_roofs;
    try {
      parse_benchmark_name(name);
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

RunContext read_run_context(std::string_view json_text, const std::string& path) {
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError("'" + path + "' is empty");
  }
  const json doc = parse(json_text);
  if (doc.is_null()) throw InputError("'" + path + "' is not JSON");
  if (!doc.is_object() || !doc.contains("context") || !doc["context"].is_object() ||
      !doc.contains("benchmarks") || !doc["benchmarks"].is_array()) {
    throw InputError("'" + path +
                     "' is not Google Benchmark JSON (no \"context\" and \"benchmarks\")");
  }
  const json& c = doc["context"];
  RunContext run;
  run.path = path;
  run.tool = tool_of(doc);
  run.date = text_of(c, "date");
  run.host = text_of(c, "host_name");
  run.cpu_model = text_of(c, "roof_cpu_model");
  run.cores = text_of(c, "roof_cores");
  run.simd = text_of(c, "roof_kernel_simd");
  if (run.simd.empty()) run.simd = text_of(c, "roof_simd");
  run.compiler = text_of(c, "roof_compiler");
  run.build_type = text_of(c, "roof_build_type");
  run.git_revision = text_of(c, "roof_git_revision");
  run.clock_ghz = text_of(c, "roof_clock_ghz");
  run.ceilings_origin = text_of(c, "roof_ceilings_origin");
  run.gpu = text_of(c, "roof_gpu");
  for (const auto& [key, value] : c.items()) {
    if (key.starts_with("roof_impl_") && value.is_string()) {
      run.implementations[key.substr(10)] = value.get<std::string>();
    }
  }
  return run;
}

std::vector<CacheCeiling> read_cache_rates(std::string_view json_text) {
  const json doc = parse(json_text);
  std::vector<CacheCeiling> rates;
  if (!doc.is_object() || !doc.contains("benchmarks") || !doc["benchmarks"].is_array()) {
    return rates;
  }
  constexpr std::pair<std::string_view, std::string_view> sweeps[] = {
      {"roof/cache/", "read"}, {"roof/cache_write/", "write"}, {"roof/cache_copy/", "copy"}};
  std::vector<std::string> levels;  // as the sweeps meet them, from the smallest working set up
  for (const auto& [prefix, kernel] : sweeps) {
    for (const json& row : doc["benchmarks"]) {
      if (!row.is_object() || !name_of(row).starts_with(prefix)) continue;
      if (row.value("error_occurred", false)) continue;
      const std::string label = text_of(row, "label");
      const std::string level = label.substr(0, label.find(','));
      const auto rate = row.find("bytes_per_second");
      if (level.empty() || rate == row.end() || !rate->is_number()) continue;
      const double value = rate->get<double>();
      if (std::find(levels.begin(), levels.end(), level) == levels.end()) levels.push_back(level);
      auto it = std::find_if(rates.begin(), rates.end(), [&](const CacheCeiling& c) {
        return c.level == level && c.kernel == kernel;
      });
      if (it == rates.end()) {
        rates.push_back({level, std::string(kernel), value});
      } else if (value > it->bytes_per_second) {
        it->bytes_per_second = value;
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

std::vector<CacheCeiling> read_cache_ceilings(std::string_view json_text) {
  std::vector<CacheCeiling> ceilings;
  for (const CacheCeiling& rate : read_cache_rates(json_text)) {
    if (ceilings.empty() || ceilings.back().level != rate.level) {
      ceilings.push_back(rate);
    } else if (rate.bytes_per_second > ceilings.back().bytes_per_second) {
      ceilings.back() = rate;
    }
  }
  return ceilings;
}

std::string text_of(const nlohmann::json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

}  // namespace roof::report
