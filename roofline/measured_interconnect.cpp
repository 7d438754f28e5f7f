#include "roofline/measured_interconnect.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <vector>

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

std::string text_field(const json& object, const std::string& key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A number, or (as custom context values are) a string holding one; nullopt when absent.
// Anything else under the key is malformed.
std::optional<double> number_field(const json& object, const std::string& key,
                                   const std::string& origin, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    std::istringstream in(it->get<std::string>());
    double value = 0;
    if (in >> value && in.eof()) return value;
  }
  fail(origin, where + "." + key + " must be a number, got " + it->dump());
}

double positive_field(const json& object, const std::string& key, const std::string& origin,
                      const std::string& where) {
  const std::optional<double> value = number_field(object, key, origin, where);
  if (!value) fail(origin, where + " has no \"" + key + "\"");
  if (!(*value > 0) || !std::isfinite(*value)) {
    fail(origin, where + "." + key + " must be positive, got " + fixed(*value, 6));
  }
  return *value;
}

int count_field(const json& object, const std::string& key, const std::string& origin,
                const std::string& where) {
  const std::optional<double> value = number_field(object, key, origin, where);
  if (!value) return 0;
  if (*value != std::floor(*value) || *value < 0 || *value > 1e9) {
    fail(origin, where + "." + key + " must be a whole number, got " + fixed(*value, 3));
  }
  return static_cast<int>(*value);
}

double seconds_per_unit(const std::string& unit) {
  if (unit == "ns") return 1e-9;
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1;
  return 0;
}

// Every repetition and the mean and median aggregates are measurements; stddev and cv are not.
bool is_measurement(const json& row) {
  if (text_field(row, "run_type") != "aggregate") return true;
  const std::string aggregate = text_field(row, "aggregate_name");
  return aggregate == "mean" || aggregate == "median";
}

bool has_error(const json& row) {
  const auto error = row.find("error_occurred");
  return error != row.end() && error->is_boolean() && error->get<bool>();
}

struct AllReduceRow {
  std::string name;
  double bytes = 0;    // nccl-tests' size: the buffer
  double busbw = 0;    // bytes/s
  double seconds = 0;  // one all-reduce
};

AllReduceRow read_row(const json& row, const std::string& name, const std::string& origin) {
  const std::string where = "row " + name;
  AllReduceRow r;
  r.name = name;
  r.bytes = positive_field(row, "bytes", origin, where);
  r.busbw = positive_field(row, "busbw", origin, where);
  const std::string unit = text_field(row, "time_unit");
  const double scale = seconds_per_unit(unit);
  if (scale == 0) {
    fail(origin, where + ".time_unit must be ns, us, ms or s, got \"" + unit + "\"");
  }
  r.seconds = positive_field(row, "real_time", origin, where) * scale;
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
  return context != doc.end() && context->is_object() &&
         text_field(*context, "roof_tool") == "bench_comm";
}

Interconnect read_bench_comm(const json& doc, const std::string& origin) {
  if (!is_bench_comm_json(doc)) {
    fail(origin, "is not bench_comm's JSON (its context has no roof_tool \"bench_comm\")");
  }
  const json& context = doc.at("context");
  const auto benchmarks = doc.find("benchmarks");
  if (benchmarks == doc.end() || !benchmarks->is_array()) {
    fail(origin, "has no \"benchmarks\" array");
  }

  std::vector<AllReduceRow> rows;
  int all_reduce_rows = 0;
  std::string first_error;
  int row_ranks = 0;
  for (std::size_t i = 0; i < benchmarks->size(); ++i) {
    const json& row = (*benchmarks)[i];
    if (!row.is_object()) fail(origin, "benchmarks[" + std::to_string(i) + "] must be an object");
    std::string name = text_field(row, "run_name");
    if (name.empty()) name = text_field(row, "name");
    if (!name.starts_with("comm/all_reduce/")) continue;
    ++all_reduce_rows;
    if (has_error(row)) {
      if (first_error.empty()) first_error = name + ": " + text_field(row, "error_message");
      continue;
    }
    if (!is_measurement(row)) continue;
    rows.push_back(read_row(row, name, origin));
    if (const int ranks = count_field(row, "ranks", origin, "row " + name); ranks > 0) {
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

  int ranks = count_field(context, "roof_ranks", origin, "context");
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
  int nodes = count_field(context, "roof_nodes", origin, "context");
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

  const std::string version = text_field(context, "roof_nccl_version");
  const std::string host = text_field(context, "roof_hostname");
  const std::string gpus = text_field(context, "roof_gpus");
  const std::string where = plural(ranks, "GPU") + " on " + plural(nodes, "node");

  Interconnect link;
  link.name = text_field(context, "roof_interconnect_name");
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
