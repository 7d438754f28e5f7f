#include "results/benchmark_file.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "results/benchmark_json.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"
#include "support/json_fields.hpp"  // shown
#include "support/printable.hpp"

namespace roof {
namespace {

using nlohmann::json;

class RowReader {
 public:
  RowReader(const BenchmarkFile& file, const json& row, std::size_t index)
      : file_(file), row_(row), where_("benchmarks[" + std::to_string(index) + "]") {
    if (!row_.is_object()) file_.fail(where_, "must be an object, got " + shown(row_));
  }
  // Messages name the row by its name too, once it is known.
  void named(const std::string& name) { where_ += " ('" + name + "')"; }

  // Names and labels are printed in tables and headings: a control character or an invisible
  // mark there would act on the terminal or split a row (support/printable.hpp).
  std::optional<std::string> text(const char* key) const {
    const auto it = row_.find(key);
    if (it == row_.end()) return std::nullopt;
    if (!it->is_string()) fail(key, "must be text, got " + shown(*it));
    const std::string value = it->get<std::string>();
    if (!is_printable(value)) {
      fail(key, "holds a control character or an invisible mark: " + unprintable_excerpt(value));
    }
    return value;
  }
  bool flag(const char* key) const {
    const auto it = row_.find(key);
    if (it == row_.end()) return false;
    if (!it->is_boolean()) fail(key, "must be true or false, got " + shown(*it));
    return it->get<bool>();
  }
  // A time or a count: a number >= 0, or null (Google Benchmark's NaN); nullopt for both
  // absent and null.
  std::optional<double> non_negative(const char* key) const {
    const auto it = row_.find(key);
    if (it == row_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) fail(key, "must be a number, got " + shown(*it));
    const double value = it->get<double>();
    if (!(value >= 0)) fail(key, "must not be negative, got " + shown(*it));
    return value;
  }
  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    file_.fail(where_ + "." + key, why);
  }
  const std::string& where() const { return where_; }

 private:
  const BenchmarkFile& file_;
  const json& row_;
  std::string where_;
};

BenchmarkRow read_row(const BenchmarkFile& file, const json& entry, std::size_t index) {
  RowReader reader(file, entry, index);
  BenchmarkRow row;
  row.index = index;
  const std::optional<std::string> run_name = reader.text("run_name");
  const std::optional<std::string> name = reader.text("name");
  if (!run_name && !name) file.fail(reader.where(), "has no name");
  row.name = run_name && !run_name->empty() ? *run_name : name.value_or("");
  reader.named(row.name);
  const std::string run_type = reader.text("run_type").value_or("iteration");
  if (run_type != "iteration" && run_type != "aggregate") {
    reader.fail("run_type", "must be \"iteration\" or \"aggregate\", got \"" + run_type + "\"");
  }
  row.aggregate = run_type == "aggregate";
  row.aggregate_name = reader.text("aggregate_name").value_or("");
  row.error = reader.flag("error_occurred");
  // An error message is shown, not matched: escaped rather than refused (a run that failed with
  // a multi-line message still reads).
  if (const auto it = entry.find("error_message"); it != entry.end() && it->is_string()) {
    row.error_message = printable(it->get<std::string>());
  } else if (it != entry.end() && !it->is_null()) {
    reader.fail("error_message", "must be text, got " + shown(*it));
  }
  row.label = reader.text("label").value_or("");
  const std::string unit = reader.text("time_unit").value_or("ns");
  const std::optional<double> scale = seconds_per_time_unit(unit);
  if (!scale) reader.fail("time_unit", "must be ns, us, ms or s, got \"" + unit + "\"");
  if (const std::optional<double> time = reader.non_negative("real_time")) {
    row.real_time_s = *time * *scale;
    // A measured time of a layer-pass, a ceiling kernel or a collective is a nanosecond or
    // more and at most 1e9 s (about 32 years): outside that, a rate derived from it is a number no
    // machine runs at (or not finite). The spread aggregates (stddev, cv) may be anything from
    // zero.
    const bool spread =
        row.aggregate && row.aggregate_name != "mean" && row.aggregate_name != "median";
    if (!spread && !row.error && row.real_time_s > 0 &&
        !(row.real_time_s >= 1e-9 && row.real_time_s <= 1e9)) {
      reader.fail("real_time",
                  "must be from 1 ns to 1e9 s, got " + shown(entry["real_time"]) + " " + unit);
    }
  }
  reader.non_negative("cpu_time");
  reader.non_negative("iterations");
  // Everything else Google Benchmark writes is a number (counters, counts, indices) or null
  // for a NaN; a string or a structure there is not its output.
  static constexpr std::string_view text_fields[] = {
      "name",  "run_name",      "run_type",     "aggregate_name", "aggregate_unit",
      "label", "error_message", "skip_message", "time_unit"};
  for (const auto& [key, value] : entry.items()) {
    if (value.is_number()) {
      if (key != "real_time") row.numbers.emplace(key, value.get<double>());
    } else if (!value.is_null() && !value.is_boolean() &&
               std::find(std::begin(text_fields), std::end(text_fields), key) ==
                   std::end(text_fields)) {
      reader.fail(key, "must be a number, got " + shown(value));
    }
  }
  return row;
}

}  // namespace

std::optional<double> seconds_per_time_unit(std::string_view unit) {
  if (unit == "ns") return 1e-9;
  if (unit == "us") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1.0;
  return std::nullopt;
}

std::optional<double> BenchmarkRow::number(std::string_view key) const {
  const auto it = numbers.find(key);
  if (it == numbers.end()) return std::nullopt;
  return it->second;
}

bool BenchmarkRow::is_measurement() const {
  if (error) return false;
  return !aggregate || aggregate_name == "mean" || aggregate_name == "median";
}

bool BenchmarkRow::is_row_of(std::string_view base) const {
  return name.starts_with(base) && (name.size() == base.size() || name[base.size()] == '/');
}

std::string BenchmarkFile::context_text(std::string_view key) const {
  const auto it = context.find(key);
  return it == context.end() ? std::string() : it->second;
}

std::optional<double> BenchmarkFile::context_number(std::string_view key) const {
  const auto it = context.find(key);
  if (it == context.end()) return std::nullopt;
  std::istringstream in(it->second);
  double value = 0;
  if (!(in >> value) || !in.eof() || !std::isfinite(value)) {
    const std::string text = it->second.size() > 40 ? it->second.substr(0, 37) + "..." : it->second;
    fail("context." + std::string(key), "must be a number, got \"" + text + "\"");
  }
  return value;
}

void BenchmarkFile::fail(const std::string& where, const std::string& why) const {
  throw InputError(what + " '" + path + "': " + where + " " + why);
}

BenchmarkFile benchmark_file_from_json(const json& doc, const std::string& path,
                                       std::string_view what) {
  BenchmarkFile file;
  file.path = path;
  file.what = what;
  const auto benchmarks = doc.is_object() ? doc.find("benchmarks") : doc.end();
  if (benchmarks == doc.end() || !benchmarks->is_array()) {
    throw InputError(file.what + " '" + path +
                     "' is not Google Benchmark JSON (no \"benchmarks\" array); write one with "
                     "--benchmark_out=FILE");
  }
  // Google Benchmark always writes a context; a file made by hand may leave it out.
  static const json no_context = json::object();
  const auto found = doc.find("context");
  if (found != doc.end() && !found->is_object()) file.fail("context", "must be an object");
  const json& context = found == doc.end() ? no_context : *found;
  for (const auto& [key, value] : context.items()) {
    if (value.is_string()) {
      // Context text (a device or host name, a CPU model) is printed in headings and rows.
      const std::string text = value.get<std::string>();
      if (!is_printable(text) || !is_printable(key)) {
        file.fail("context." + printable(key),
                  "holds a control character or an invisible mark: " + unprintable_excerpt(text));
      }
      file.context.emplace(key, text);
    } else if (value.is_number() || value.is_boolean()) {
      file.context.emplace(key, value.dump());
    }
  }
  for (std::size_t i = 0; i < benchmarks->size(); ++i) {
    file.rows.push_back(read_row(file, (*benchmarks)[i], i));
  }
  return file;
}

BenchmarkFile parse_benchmark_file(std::string_view text, const std::string& path,
                                   std::string_view what) {
  const std::string named = std::string(what) + " '" + path + "'";
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError(named + " is empty");
  }
  json doc;
  try {
    doc = parse_benchmark_json(text);
  } catch (const json::exception& e) {  // not JSON, or a number too large for a double
    const std::string why = e.what();
    throw InputError(named + " is not JSON (" + why.substr(why.find(' ') + 1) + ")");
  }
  return benchmark_file_from_json(doc, path, what);
}

BenchmarkFile read_benchmark_file(const std::string& path, std::string_view what) {
  return parse_benchmark_file(read_input_file(path, what), path, what);
}

}  // namespace roof
