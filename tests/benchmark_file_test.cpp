// The one reader of Google Benchmark JSON checks every field it hands on: a mistyped or
// out-of-range field is an InputError naming the file, the row and the field, never a library
// exception or a number read from the wrong thing.
#include "results/benchmark_file.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

// A file of one row with `fields` added to a plain iteration row.
std::string one_row(const std::string& fields) {
  return R"({"context": {"roof_cores": "2"}, "benchmarks": [{"name": "roof/x", )"
         R"("run_type": "iteration", "real_time": 1.5, "time_unit": "ms")" +
         (fields.empty() ? "" : ", " + fields) + "}]}";
}

BenchmarkFile parse(const std::string& text) {
  return parse_benchmark_file(text, "run.json", "bench_roofs file");
}

TEST(BenchmarkFile, ReadsTimesInSecondsCountersAndContext) {
  const BenchmarkFile file = parse(one_row(R"("flops": 2e9, "label": "L1, 32 KiB")"));
  ASSERT_EQ(file.rows.size(), 1u);
  const BenchmarkRow& row = file.rows[0];
  EXPECT_EQ(row.name, "roof/x");
  ASSERT_TRUE(row.real_time_s.has_value());
  EXPECT_DOUBLE_EQ(*row.real_time_s, 1.5e-3);
  EXPECT_EQ(row.number("flops"), 2e9);
  EXPECT_EQ(row.label, "L1, 32 KiB");
  EXPECT_TRUE(row.is_measurement());
  EXPECT_EQ(file.context_number("roof_cores"), 2.0);
  EXPECT_EQ(file.context_text("missing"), "");
}

TEST(BenchmarkFile, EveryTimeUnitOfGoogleBenchmark) {
  EXPECT_EQ(seconds_per_time_unit("ns"), 1e-9);
  EXPECT_EQ(seconds_per_time_unit("us"), 1e-6);
  EXPECT_EQ(seconds_per_time_unit("ms"), 1e-3);
  EXPECT_EQ(seconds_per_time_unit("s"), 1.0);
  EXPECT_FALSE(seconds_per_time_unit("fortnights").has_value());
  // Google Benchmark's default when a row names none.
  const BenchmarkFile file = parse(R"({"benchmarks": [{"name": "a", "real_time": 4}]})");
  EXPECT_DOUBLE_EQ(*file.rows[0].real_time_s, 4e-9);
}

TEST(BenchmarkFile, NonFiniteTokensAreNoNumber) {
  const BenchmarkFile file = parse(one_row(R"("cv_flops": NaN, "x": -Infinity)"));
  EXPECT_FALSE(file.rows[0].number("cv_flops").has_value());
  EXPECT_FALSE(file.rows[0].number("x").has_value());
}

TEST(BenchmarkFile, StddevAndErrorRowsAreNotMeasurements) {
  const BenchmarkFile file =
      parse(R"({"benchmarks": [{"name": "a_stddev", "run_name": "a", "run_type": "aggregate",)"
            R"( "aggregate_name": "stddev"}, {"name": "b", "error_occurred": true,)"
            R"( "error_message": "wrong result"}, {"name": "c_median", "run_name": "c",)"
            R"( "run_type": "aggregate", "aggregate_name": "median"}]})");
  EXPECT_FALSE(file.rows[0].is_measurement());
  EXPECT_EQ(file.rows[0].name, "a");
  EXPECT_FALSE(file.rows[1].is_measurement());
  EXPECT_EQ(file.rows[1].error_message, "wrong result");
  EXPECT_TRUE(file.rows[2].is_measurement());
  EXPECT_TRUE(file.rows[2].is_row_of("c"));
  EXPECT_FALSE(file.rows[2].is_row_of("c_"));
}

TEST(BenchmarkFile, MistypedFieldsNameTheFileTheRowAndTheField) {
  expect_input_error([] { parse(one_row(R"("error_occurred": "yes")")); },
                     "bench_roofs file 'run.json': benchmarks[0] ('roof/x').error_occurred must "
                     "be true or false, got \"yes\"");
  expect_input_error([] { parse(one_row(R"("flops": "fast")")); },
                     "benchmarks[0] ('roof/x').flops must be a number, got \"fast\"");
  expect_input_error([] { parse(one_row(R"("bytes": [1, 2])")); },
                     "('roof/x').bytes must be a number, got [1,2]");
  expect_input_error([] { parse(one_row(R"("label": 7)")); }, ".label must be text, got 7");
  expect_input_error([] { parse(one_row(R"("iterations": -1)")); },
                     ".iterations must not be negative");
  expect_input_error([] { parse(R"({"benchmarks": [{"name": 3}]})"); },
                     "benchmarks[0].name must be text, got 3");
  expect_input_error([] { parse(R"({"benchmarks": [{"real_time": 3}]})"); },
                     "benchmarks[0] has no name");
  expect_input_error([] { parse(R"({"benchmarks": [7]})"); },
                     "benchmarks[0] must be an object, got 7");
  expect_input_error([] { parse(R"({"benchmarks": [{"name": "a", "run_type": "x"}]})"); },
                     "run_type must be \"iteration\" or \"aggregate\"");
}

TEST(BenchmarkFile, TimesAreNonNegativeInAKnownUnit) {
  expect_input_error([] { parse(one_row(R"("real_time": -2)")); },
                     "real_time must not be negative, got -2");
  expect_input_error([] { parse(R"({"benchmarks": [{"name": "a", "time_unit": "h"}]})"); },
                     "time_unit must be ns, us, ms or s, got \"h\"");
  expect_input_error([] { parse(R"({"benchmarks": [{"name": "a", "time_unit": 1}]})"); },
                     "time_unit must be text");
}

TEST(BenchmarkFile, ContextNumbersMustBeNumbers) {
  const BenchmarkFile file =
      parse(R"({"context": {"roof_cores": "two", "roof_l2": "1e999"}, "benchmarks": []})");
  expect_input_error([&] { file.context_number("roof_cores"); },
                     "context.roof_cores must be a number, got \"two\"");
  expect_input_error([&] { file.context_number("roof_l2"); }, "context.roof_l2 must be a number");
  expect_input_error([] { parse(R"({"context": [], "benchmarks": []})"); },
                     "context must be an object");
}

TEST(BenchmarkFile, FilesThatAreNotGoogleBenchmarkJson) {
  expect_input_error([] { parse(" \n"); }, "bench_roofs file 'run.json' is empty");
  expect_input_error([] { parse("[1, 2"); }, "'run.json' is not JSON (");
  expect_input_error([] { parse(R"({"x": 1e400})"); }, "is not JSON (number overflow");
  expect_input_error([] { parse(R"({"devices": []})"); },
                     "is not Google Benchmark JSON (no \"benchmarks\" array)");
  expect_input_error([] { parse(R"({"benchmarks": {}})"); }, "no \"benchmarks\" array");
}

}  // namespace
}  // namespace roof
