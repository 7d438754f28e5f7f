#include "roofline/measured_interconnect.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "results/collective_row.hpp"
#include "results/context_keys.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

using nlohmann::json;

// The rows whose sizes give the bandwidth: the largest few, where latency no longer counts.
constexpr std::size_t bandwidth_sizes = 3;

[[noreturn]] void fail(const std::string& origin, const std::string& why) {
  throw InputError("bench_comm file '" + origin + "' " + why);
}

// A whole count (ranks, nodes) from a row's counter or the context; 0 when absent.
int whole_count(std::optional<double> value, const std::string& origin, const std::string& where) {
  if (!value) return 0;
  if (*value != std::floor(*value) || *value < 0 || *value > 1e9) {
    fail(origin, where + " must be a whole number, got " + fixed(*value, 3));
  }
  return static_cast<int>(*value);
}

double positive(std::optional<double> value, const std::string& origin, const std::string& where,
                const std::string& key) {
  if (!value) fail(origin, where + " has no \"" + key + "\"");
  if (!(*value > 0)) fail(origin, where + "." + key + " must be positive, got " + fixed(*value, 6));
  return *value;
}

struct AllReduceRow {
  std::string name;
  double bytes = 0;    // nccl-tests' size: the buffer
  double busbw = 0;    // bytes/s
  double seconds = 0;  // one all-reduce
};

AllReduceRow read_row(const BenchmarkRow& row, const std::string& origin) {
  const std::string where = "row " + row.name;
  AllReduceRow r;
  r.name = row.name;
  r.bytes = positive(row.number("bytes"), origin, where, "bytes");
  r.busbw = positive(row.number("busbw"), origin, where, "busbw");
  if (const auto problem = collective_row_problem(r.bytes, r.busbw)) {
    fail(origin, where + "." + *problem);
  }
  r.seconds = positive(row.real_time_s, origin, where, "real_time");
  return r;
}

std::string plural(int count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

std::string megabytes(double bytes) {
  return fixed(bytes / (1 << 20), bytes < (1 << 20) ? 3 : 0);
}

}  // namespace

bool is_bench_comm_json(const json& doc) {
  if (!doc.is_object()) return false;
  const auto context = doc.find("context");
  if (context == doc.end() || !context->is_object()) return false;
  const auto tool = context->find(context_key::tool);
  return tool != context->end() && tool->is_string() && tool->get<std::string>() == "bench_comm";
}

Interconnect read_bench_comm(const json& doc, const std::string& origin) {
  if (!is_bench_comm_json(doc)) {
    fail(origin, "is not bench_comm's JSON (its context has no roof_tool \"bench_comm\")");
  }
  return read_bench_comm(benchmark_file_from_json(doc, origin, "bench_comm file"));
}

Interconnect read_bench_comm(const BenchmarkFile& file) {
  const std::string& origin = file.path;
  if (file.context_text(context_key::tool) != "bench_comm") {
    fail(origin, "is not bench_comm's JSON (its context has no roof_tool \"bench_comm\")");
  }
  std::vector<AllReduceRow> rows;
  int all_reduce_rows = 0;
  std::string first_error;
  int row_ranks = 0;
  for (const BenchmarkRow& row : file.rows) {
    if (!row.name.starts_with("comm/all_reduce/")) continue;
    ++all_reduce_rows;
    if (row.error) {
      if (first_error.empty()) first_error = row.name + ": " + row.error_message;
      continue;
    }
    if (!row.is_measurement()) continue;
    rows.push_back(read_row(row, origin));
    if (const int ranks = whole_count(row.number("ranks"), origin, "row " + row.name + ".ranks");
        ranks > 0) {
      if (row_ranks > 0 && ranks != row_ranks) {
        fail(origin, "has all_reduce rows over " + std::to_string(row_ranks) + " and " +
                         std::to_string(ranks) + " ranks: one run measures one set of GPUs");
      }
      row_ranks = ranks;
    }
  }
  if (all_reduce_rows == 0) {
    fail(origin,
         "has no comm/all_reduce rows: a run whose --benchmark_filter left them out, or one "
         "that found nothing to measure");
  }
  if (rows.empty()) {
    fail(origin, "has only comm/all_reduce rows that failed (" + first_error + ")");
  }

  int ranks = whole_count(file.context_number(context_key::ranks), origin, "context.roof_ranks");
  if (ranks == 0) ranks = row_ranks;
  if (row_ranks > 0 && ranks != row_ranks) {
    fail(origin, "says roof_ranks " + std::to_string(ranks) + " in its context but its rows say " +
                     std::to_string(row_ranks));
  }
  if (ranks < 2) {
    fail(origin, "measured " + plural(ranks, "rank") +
                     ": a link needs at least 2 (bench_comm on a node with 2 GPUs or more, or "
                     "under mpirun with 2 ranks or more)");
  }
  int nodes = whole_count(file.context_number(context_key::nodes), origin, "context.roof_nodes");
  if (nodes == 0) nodes = 1;

  // Bandwidth: the best bus bandwidth among the largest sizes.
  std::vector<double> sizes;
  for (const AllReduceRow& row : rows) sizes.push_back(row.bytes);
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  const std::size_t large = std::min(bandwidth_sizes, sizes.size());
  const double smallest_large = sizes[large - 1];
  const AllReduceRow* best = nullptr;
  for (const AllReduceRow& row : rows) {
    if (row.bytes >= smallest_large && (best == nullptr || row.busbw > best->busbw)) best = &row;
  }
  const double bandwidth = best->busbw;

  // Latency: the smallest message's fastest time, less what its bytes take at that bandwidth,
  // shared among the ring's 2(n - 1) steps.
  const double smallest = sizes.back();
  const AllReduceRow* small = nullptr;
  for (const AllReduceRow& row : rows) {
    if (row.bytes == smallest && (small == nullptr || row.seconds < small->seconds)) small = &row;
  }
  const double n = ranks;
  const double steps = 2 * (n - 1);
  const double bandwidth_term = 2 * (n - 1) / n * small->bytes / bandwidth;
  const double latency_term = small->seconds - bandwidth_term;
  // Under 1% of the time, the remainder is rounding and noise, not a latency.
  if (!(latency_term > 0.01 * small->seconds)) {
    fail(origin, "cannot tell the latency: its smallest all_reduce message (" +
                     fixed(small->bytes, 0) + " bytes, " + small->name +
                     ") took hardly longer than its bytes at the best bus bandwidth; measure "
                     "small messages too (bench_comm's sizes start at 8 KiB)");
  }

  const std::string version = file.context_text(context_key::nccl_version);
  const std::string host = file.context_text(context_key::hostname);
  const std::string gpus = file.context_text(context_key::gpus);
  const std::string where = plural(ranks, "GPU") + " on " + plural(nodes, "node");

  Interconnect link;
  link.name = file.context_text(context_key::interconnect_name);
  if (link.name.empty()) link.name = "measured-nccl";
  link.description = "NCCL all-reduce between " + (gpus.empty() ? where : gpus + ", " + where) +
                     (host.empty() ? "" : " (" + host + ")") + ", measured by bench_comm";
  link.scope = nodes == 1 ? LinkScope::gpu : LinkScope::node;
  link.achieved_gbs = bandwidth / 1e9;
  link.achieved_source = "bench_comm: the best busbw among the comm/all_reduce rows of the " +
                         std::to_string(large) + " largest sizes (" + megabytes(smallest_large) +
                         " to " + megabytes(sizes.front()) + " MiB), " + best->name + "; " + origin;
  link.theoretical_gbs = link.achieved_gbs;
  link.theoretical_source =
      "no specification: the measured bus bandwidth (" + link.achieved_source + ")";
  link.latency_us = latency_term / steps * 1e6;
  link.latency_source =
      "bench_comm: " + small->name + " took " + fixed(small->seconds * 1e6, 2) + " us, " +
      fixed(bandwidth_term * 1e6, 2) +
      " us of it its bytes at that bandwidth; the rest over 2(n-1) = " + fixed(steps, 0) +
      " ring steps; " + origin;
  link.origin = origin;
  link.measured_by = "bench_comm (NCCL " + (version.empty() ? "unknown" : version) + ", " + where +
                     (host.empty() ? "" : ", " + host) + ")";
  link.measured_ranks = ranks;
  return link;
}

}  // namespace roof
