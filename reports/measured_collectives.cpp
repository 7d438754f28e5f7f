#include "reports/measured_collectives.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "reports/bench_files.hpp"
#include "results/collective_row.hpp"
#include "results/context_keys.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

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
  // Empty, not JSON, not Google Benchmark JSON, a mistyped field: the errors every measured file
  // gets.
  const BenchmarkFile file = parse_benchmark_file(json_text, path, "--comm");
  const RunContext context = run_context_of(file);
  if (file.context_text(context_key::tool) != "bench_comm") {
    throw InputError("--comm '" + path + "' is not bench_comm output" + tool_hint(context.tool));
  }
  CommRun run;
  run.path = path;
  run.hosts = file.context_text(context_key::hosts);
  if (run.hosts.empty()) run.hosts = file.context_text(context_key::hostname);
  if (run.hosts.empty()) run.hosts = context.host;
  run.gpus = file.context_text(context_key::gpus);
  run.nccl_version = file.context_text(context_key::nccl_version);
  run.git_revision = context.git_revision;
  if (!context.compiler.empty()) run.compiler = context.compiler + ", " + context.build_type;
  run.date = context.date;
  // The checks --interconnect-file makes of the same file (roofline/measured_interconnect):
  // whole counts of ranks and nodes that agree, sizes and bus bandwidths a run can measure.
  const auto whole = [&](std::optional<double> value, const std::string& where, double high) {
    if (value && !(*value >= 1 && *value <= high && *value == std::floor(*value))) {
      file.fail(where, "must be a whole number from 1 to " + general_number(high) + ", got " +
                           general_number(*value));
    }
    return value ? static_cast<int>(*value) : 0;
  };
  const int context_ranks =
      whole(file.context_number(context_key::ranks), "context.roof_ranks", 1 << 20);
  const int context_nodes =
      whole(file.context_number(context_key::nodes), "context.roof_nodes", 1 << 20);
  if (context_ranks > 0 && context_nodes > context_ranks) {
    file.fail("context.roof_nodes", "is " + std::to_string(context_nodes) + " nodes for " +
                                        std::to_string(context_ranks) + " ranks");
  }
  const std::string nodes = file.context_text(context_key::nodes);

  // By (collective, ranks), then by size.
  std::map<std::pair<std::string, int>, std::map<double, SizeBest>> cases;
  for (const BenchmarkRow& row : file.rows) {
    // A stddev or cv row's counters are the statistic, not a bandwidth.
    if (!row.is_measurement()) continue;
    const std::optional<CaseName> parsed = parse_case(row.name);
    const std::optional<double> busbw = row.number("busbw");
    if (!parsed || !busbw || !row.real_time_s || !(*row.real_time_s > 0)) continue;
    const std::string where = "row '" + row.name + "'";
    const double bytes = row.number("bytes").value_or(parsed->bytes);
    if (const auto problem = collective_row_problem(bytes, *busbw)) {
      const std::size_t space = problem->find(' ');
      file.fail(where + "." + problem->substr(0, space), problem->substr(space + 1));
    }
    const int ranks = whole(row.number("ranks").value_or(parsed->ranks), where + ".ranks", 1e9);
    if (ranks < 2) file.fail(where + ".ranks", "must be at least 2: a collective of one rank");
    if (context_ranks > 0 && ranks != context_ranks) {
      file.fail(where + ".ranks", "is " + std::to_string(ranks) + " where the context says " +
                                      std::to_string(context_ranks));
    }
    SizeBest& best = cases[{parsed->collective, ranks}][bytes];
    const double seconds = *row.real_time_s;
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
