#pragma once

// The one reader of Google Benchmark JSON, the format bench_roofs, bench_layers and bench_comm
// write: every field the suite's readers use is checked here for presence, type, range and
// finiteness, once, with the file and the field in the message ("'run.json':
// benchmarks[3].real_time must be a number, got \"fast\""). What a row's numbers mean is the
// business of each format's reader (roofline/measured_device, measured_layers,
// measured_interconnect; reports/bench_files).

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace roof {

// Seconds in one of Google Benchmark's time units (ns, us, ms, s); nullopt for anything else.
std::optional<double> seconds_per_time_unit(std::string_view unit);

// One entry of "benchmarks".
struct BenchmarkRow {
  std::size_t index = 0;  // its position in "benchmarks", for messages
  std::string name;       // run_name where there is one (an aggregate's name ends in _mean)
  bool aggregate = false;
  std::string aggregate_name;  // mean, median, stddev, cv, or a user statistic
  bool error = false;
  std::string error_message;
  std::string label;
  // real_time in seconds (time_unit applied); nullopt when absent or null (Google Benchmark's
  // NaN). Never negative or infinite: such a file is refused.
  std::optional<double> real_time_s;
  // Every other numeric field by name (counters such as flops, bytes_per_second, ai), finite;
  // a NaN or Infinity token Google Benchmark wrote is absent here.
  std::map<std::string, double, std::less<>> numbers;

  // A counter's value, nullopt when the row has none.
  std::optional<double> number(std::string_view key) const;
  // An iteration, a mean or a median without an error: a measurement (stddev and cv are not).
  bool is_measurement() const;
  // The row's name is `base` or `base/...` (Google Benchmark appends /real_time, /manual_time).
  bool is_row_of(std::string_view base) const;
};

struct BenchmarkFile {
  std::string path;
  std::string what;  // "bench_roofs file": how messages name it, before its path
  // Every string, number or boolean of "context", as text (numbers as JSON writes them).
  std::map<std::string, std::string, std::less<>> context;
  std::vector<BenchmarkRow> rows;

  // A context entry's text, "" when absent.
  std::string context_text(std::string_view key) const;
  // A context entry that must hold a finite number (the programs write numbers as strings);
  // nullopt when absent, an InputError naming the file and key when it holds anything else.
  std::optional<double> context_number(std::string_view key) const;
  // InputError "<what> '<path>': <where> <why>".
  [[noreturn]] void fail(const std::string& where, const std::string& why) const;
};

// Parses and checks the text of a file (what: "bench_roofs file", for messages). Throws
// InputError for an empty file, text that is not JSON, JSON that is not Google Benchmark's
// (no "benchmarks" array; a "context" that is not an object) and any mistyped or out-of-range
// field: a string, boolean, array or object where Google Benchmark writes a number (counters,
// times, counts), a negative time, a time_unit other than ns, us, ms and s.
BenchmarkFile parse_benchmark_file(std::string_view text, const std::string& path,
                                   std::string_view what = "benchmark file");
// The same for a document already parsed (with parse_benchmark_json).
BenchmarkFile benchmark_file_from_json(const nlohmann::json& doc, const std::string& path,
                                       std::string_view what = "benchmark file");
// read_input_file (bounded) then parse_benchmark_file.
BenchmarkFile read_benchmark_file(const std::string& path, std::string_view what);

}  // namespace roof
