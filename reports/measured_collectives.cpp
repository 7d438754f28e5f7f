#include "reports/measured_collectives.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include <nlohmann/json.hpp>

#include "support/input_error.hpp"
#include "support/text_format.hpp"
#include "reports/bench_files.hpp"
#include "roofline/benchmark_json.hpp"

namespace roof::report {
namespace {

using nlohmann::json;

std::optional<double> number_of(const json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// comm/<collective>/bytes:<size>/ranks:<n>[/...]: the collective, the size and the ranks.
struct CaseName {
  std::string collective;
  double bytes = 0;
  int ranks = 0;
};

std::optional<CaseName> parse_case(const std::string& name) {
  if (!name.starts_with("comm/")) return std::nullopt;
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= name.size();) {
    const std::size_t slash = std::min(name.find('/', start), name.size());
    parts.push_back(name.substr(start, slash - start));
    start = slash + 1;
  }
  if (parts.size() < 4 || parts[1].empty() || !parts[2].starts_with("bytes:") ||
      !parts[3].starts_with("ranks:")) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    const std::string bytes = parts[2].substr(6);
    const std::string ranks = parts[3].substr(6);
    CaseName c{parts[1], static_cast<double>(std::stoull(bytes, &used)), 0};
    if (used != bytes.size()) return std::nullopt;
    c.ranks = std::stoi(ranks, &used);
    if (used != ranks.size() || c.ranks < 1 || c.bytes <= 0) return std::nullopt;
    return c;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

double seconds_per_unit(const std::string& unit) {
  if (unit == "ns") return 1e-9;
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1;
  return 1e-9;  // Google Benchmark's default unit
}

std::string tool_hint(BenchTool tool) {
  switch (tool) {
    case BenchTool::bench_roofs:
      return "; it is bench_roofs output, pass it with --roofs";
    case BenchTool::bench_layers:
      return "; it is bench_layers output, pass it with --bench";
    case BenchTool::other:
      break;
  }
  return " (its context has no roof_tool \"bench_comm\")";
}

// Per size of one collective: the best bus bandwidth and the best time of its rows.
struct SizeBest {
  double busbw = 0;
  double seconds = 0;
};

}  // namespace

CommRun read_comm_run(std::string_view json_text, const std::string& path) {
  // Empty, not JSON, not Google Benchmark JSON: the errors every measured file gets.
  const RunContext context = read_run_context(json_text, path);
  const json doc = parse_benchmark_json(json_text);
  const json& c = doc["context"];
  if (text_of(c, "roof_tool") != "bench_comm") {
    throw InputError("--comm '" + path + "' is not bench_comm output" + tool_hint(context.tool));
  }
  CommRun run;
  run.path = path;
  run.hosts = text_of(c, "roof_hosts");
  if (run.hosts.empty()) run.hosts = text_of(c, "roof_hostname");
  if (run.hosts.empty()) run.hosts = context.host;
  run.gpus = text_of(c, "roof_gpus");
  run.nccl_version = text_of(c, "roof_nccl_version");
  run.git_revision = context.git_revision;
  if (!context.compiler.empty()) run.compiler = context.compiler + ", " + context.build_type;
  run.date = context.date;
  const std::string nodes = text_of(c, "roof_nodes");

  // By (collective, ranks), then by size.
  std::map<std::pair<std::string, int>, std::map<double, SizeBest>> cases;
  for (const json& row : doc["benchmarks"]) {
    if (!row.is_object() || row.value("error_occurred", false)) continue;
    const std::string aggregate = text_of(row, "aggregate_name");
    if (text_of(row, "run_type") == "aggregate" && aggregate != "mean" && aggregate != "median") {
      continue;  // a stddev or cv row's counters are the statistic, not a bandwidth
    }
    std::string name = text_of(row, "run_name");
    if (name.empty()) name = text_of(row, "name");
    const std::optional<CaseName> parsed = parse_case(name);
    const std::optional<double> busbw = number_of(row, "busbw");
    const std::optional<double> time = number_of(row, "real_time");
    if (!parsed || !busbw || !time || !(*time > 0)) continue;
    const double bytes = number_of(row, "bytes").value_or(parsed->bytes);
    const int ranks =
        static_cast<int>(std::lround(number_of(row, "ranks").value_or(parsed->ranks)));
    SizeBest& best = cases[{parsed->collective, ranks}][bytes];
    const double seconds = *time * seconds_per_unit(text_of(row, "time_unit"));
    best.busbw = std::max(best.busbw, *busbw);
    best.seconds = best.seconds > 0 ? std::min(best.seconds, seconds) : seconds;
  }
  if (cases.empty()) {
    throw InputError("--comm '" + path +
                     "' has no measured comm/<collective>/bytes:<size>/ranks:<n> row with "
                     "busbw and a time");
  }
  for (const auto& [key, sizes] : cases) {
    MeasuredCollective m;
    m.file = path;
    m.collective = key.first;
    m.ranks = key.second;
    m.nodes = nodes;
    m.largest_bytes = sizes.rbegin()->first;
    m.smallest_bytes = sizes.begin()->first;
    m.smallest_time_s = sizes.begin()->second.seconds;
    for (const auto& [bytes, best] : sizes) m.best_busbw = std::max(m.best_busbw, best.busbw);
    run.collectives.push_back(m);
  }
  return run;
}

std::vector<MeasuredCollective> merged_collectives(const std::vector<CommRun>& runs) {
  std::vector<MeasuredCollective> out;
  for (const CommRun& run : runs) {
    out.insert(out.end(), run.collectives.begin(), run.collectives.end());
  }
  const auto nodes = [](const MeasuredCollective& m) {
    try {
      return std::stoi(m.nodes);
    } catch (const std::exception&) {
      return 0;
    }
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const MeasuredCollective& a, const MeasuredCollective& b) {
                     return std::make_tuple(a.collective, a.ranks, nodes(a), a.file) <
                            std::make_tuple(b.collective, b.ranks, nodes(b), b.file);
                   });
  return out;
}

std::string size_text(double bytes) {
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  std::size_t unit = 0;
  while (bytes >= 1024 && unit + 1 < std::size(units)) {
    bytes /= 1024;
    ++unit;
  }
  const bool whole = std::abs(bytes - std::round(bytes)) < 1e-9;
  return fixed(bytes, whole ? 0 : 1) + " " + units[unit];
}

}  // namespace roof::report
