// Google Benchmark writes a counter that is not finite as a bare NaN or Infinity; the suite's
// readers take such a file, with those values as null, and nothing else that is not JSON.
#include "results/benchmark_json.hpp"

#include <gtest/gtest.h>

namespace roof {
namespace {

TEST(BenchmarkJson, NonFiniteCountersReadAsNull) {
  // As Google Benchmark 1.7.1 writes the cv aggregate of a counter that was 0 every time.
  const auto doc = parse_benchmark_json(
      R"({"benchmarks": [{"name": "roof/x_cv", "steal": -NaN, "other_load": NaN,)"
      R"( "a": Infinity, "b": -Infinity, "real_time": 1.5e+00}]})");
  const auto& row = doc.at("benchmarks").at(0);
  EXPECT_TRUE(row.at("steal").is_null());
  EXPECT_TRUE(row.at("other_load").is_null());
  EXPECT_TRUE(row.at("a").is_null());
  EXPECT_TRUE(row.at("b").is_null());
  EXPECT_DOUBLE_EQ(row.at("real_time").get<double>(), 1.5);
}

TEST(BenchmarkJson, StringsKeepTheirWords) {
  const auto doc = parse_benchmark_json(
      R"({"label": "NaN and Infinity \"NaN\" stay", "name": "a\\", "x": NaN})");
  EXPECT_EQ(doc.at("label").get<std::string>(), "NaN and Infinity \"NaN\" stay");
  EXPECT_EQ(doc.at("name").get<std::string>(), "a\\");
  EXPECT_TRUE(doc.at("x").is_null());
}

TEST(BenchmarkJson, WhatIsNotJsonStaysAnError) {
  EXPECT_THROW(parse_benchmark_json("{\"x\": nan}"), nlohmann::json::parse_error);
  EXPECT_THROW(parse_benchmark_json("{\"x\": NaNa}"), nlohmann::json::parse_error);
  EXPECT_THROW(parse_benchmark_json("{"), nlohmann::json::parse_error);
}

}  // namespace
}  // namespace roof
