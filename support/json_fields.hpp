#pragma once

// Reading the suite's sourced JSON catalogues (devices, interconnects): every missing or
// mistyped field is an InputError that names its exact path in the file.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "support/input_error.hpp"
#include "support/printable.hpp"

namespace roof {

// A JSON value in a message: short, and whatever bytes it held replaced by valid UTF-8.
inline std::string shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

// Reads fields of one JSON object and names the exact path of anything missing or mistyped.
class FieldReader {
  using json = nlohmann::json;

 public:
  FieldReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) fail("", "must be an object");
  }

  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw InputError(path_ + (key.empty() ? "" : "." + key) + " " + why);
  }

  bool has(const std::string& key) const { return object_.contains(key); }

  std::string text(const std::string& key) const {
    const json& v = get(key);
    if (!v.is_string()) fail(key, "must be a string, got " + shown(v));
    std::string s = v.get<std::string>();
    // Text is printed in headings, labels and table rows: a control character (a terminal
    // escape, a newline) would act on the user's terminal or split a row.
    if (!is_printable(s)) {
      fail(key, "holds a control character or an invisible mark: " + unprintable_excerpt(s));
    }
    return s;
  }
  std::string text_or(const std::string& key, std::string fallback) const {
    return has(key) ? text(key) : fallback;
  }
  // Every quantity of the catalogues, in its unit (TFLOP/s, GB/s, MHz, GiB, KiB, us, a
  // fraction), lies within [1e-6, 1e9]; a value outside is a typing error, and one near the
  // ends of a double's range would turn a prediction into inf or NaN.
  static constexpr double kSmallest = 1e-6;
  static constexpr double kLargest = 1e9;
  double positive(const std::string& key) const {
    const json& v = get(key);
    if (!v.is_number()) fail(key, "must be a number, got " + shown(v));
    const double x = v.get<double>();
    if (!(x > 0)) fail(key, "must be positive, got " + v.dump());
    if (x < kSmallest || x > kLargest) {
      fail(key, "must lie between 1e-06 and 1e+09 in its unit, got " + v.dump());
    }
    return x;
  }
  // A count (SMs, links sharing a bus): a whole number from 1 to `largest`.
  int count(const std::string& key, int largest = 1 << 20) const {
    const json& v = get(key);
    if (!v.is_number()) fail(key, "must be a number, got " + shown(v));
    const double x = v.get<double>();
    if (!(x >= 1 && x <= largest && x == static_cast<double>(static_cast<long long>(x)))) {
      fail(key,
           "must be a whole number from 1 to " + std::to_string(largest) + ", got " + v.dump());
    }
    return static_cast<int>(x);
  }
  std::optional<double> optional_positive(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return positive(key);
  }
  FieldReader child(const std::string& key) const {
    return FieldReader(get(key), path_ + "." + key);
  }
  // {"value": x, "source": "..."} groups.
  std::optional<double> sourced_value(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    const FieldReader group = child(key);
    group.text("source");
    return group.positive("value");
  }
  const json& get(const std::string& key) const {
    if (!object_.contains(key)) fail(key, "is missing");
    return object_.at(key);
  }
  const json& object() const { return object_; }

 private:
  const json& object_;
  std::string path_;
};

}  // namespace roof
