#pragma once

// Google Benchmark's JSON, as its reporter writes it. A counter that is not finite (the
// coefficient of variation of a counter that was 0 in every repetition is 0/0) is written as
// the bare token NaN, -NaN, Infinity or -Infinity, which Python's json module reads but JSON
// itself, and nlohmann::json, does not. Every reader of a benchmark program's output parses
// through here, so such a file loads with those values as null (no number), not as an error.

#include <string_view>

#include <nlohmann/json.hpp>

namespace roof {

// nlohmann::json::parse of `text` with Google Benchmark's non-finite tokens outside strings
// read as null; throws nlohmann::json::parse_error for anything else that is not JSON.
nlohmann::json parse_benchmark_json(std::string_view text);

}  // namespace roof
