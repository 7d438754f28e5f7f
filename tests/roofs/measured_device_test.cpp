// The measured device: bench_roofs' JSON read back as a device, and what is refused.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "roofline/measured_device.hpp"
#include "roofline/roof.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

const std::string data = ROOF_ROOFS_TEST_DATA;
const std::string recorded = data + "/bench_roofs_recorded.json";

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The recorded file's own counter for a benchmark ("roof/fma_fp32" names the row
// "roof/fma_fp32/manual_time"), read without the loader.
double counter(const std::string& benchmark, const std::string& key) {
  const auto doc = nlohmann::json::parse(read(recorded));
  for (const auto& row : doc.at("benchmarks")) {
    if (row.at("run_name").get<std::string>().starts_with(benchmark + "/")) {
      return row.at(key).get<double>();
    }
  }
  throw std::runtime_error("no row " + benchmark);
}

TEST(MeasuredDevice, RecordedRunBecomesThisCpu) {
  const Device d = measured_device_from_file(recorded);
  EXPECT_EQ(d.name, "this-cpu");
  EXPECT_EQ(d.origin, recorded);
  ASSERT_TRUE(d.measured.has_value());
  EXPECT_EQ(d.measured->tool, "bench_roofs");
  EXPECT_EQ(d.sm_count, 2);  // the cores of the machine it was recorded on
  EXPECT_DOUBLE_EQ(*d.peaks.at("fp32").boost, counter("roof/fma_fp32", "flops") / 1e12);
  EXPECT_DOUBLE_EQ(*d.peaks.at("fp64").boost, counter("roof/fma_fp64", "flops") / 1e12);
  EXPECT_DOUBLE_EQ(d.dram_gbs, counter("roof/stream_triad", "bytes_per_second") / 1e9);
  EXPECT_DOUBLE_EQ(d.boost_clock_mhz, 1000 * counter("roof/fma_fp32", "clock_ghz"));
  EXPECT_DOUBLE_EQ(d.measured->theoretical_tflops.at("fp32"),
                   counter("roof/fma_fp32", "theoretical_flops") / 1e12);
  EXPECT_FALSE(d.peaks.at("fp32").base.has_value());
  EXPECT_NE(d.description.find("avx512f"), std::string::npos) << d.description;
}

TEST(MeasuredDevice, LabelsSayMeasuredByWhichBenchmarkAndFile) {
  const Device d = measured_device_from_file(recorded);
  for (Ceilings ceilings : {Ceilings::theoretical, Ceilings::sustained}) {
    RoofOptions options;
    options.ceilings = ceilings;
    const Roof roof = resolve_roof(d, options);
    EXPECT_DOUBLE_EQ(roof.peak_flops, *d.peaks.at("fp32").boost * 1e12);
    EXPECT_DOUBLE_EQ(roof.bandwidth, d.dram_gbs * 1e9);
    EXPECT_NE(
        roof.compute_label.find("measured by bench_roofs (roof/fma_fp32, avx512f, 2 cores at "),
        std::string::npos)
        << roof.compute_label;
    EXPECT_NE(roof.compute_label.find(recorded), std::string::npos) << roof.compute_label;
    EXPECT_EQ(roof.compute_label.find("theoretical"), std::string::npos) << roof.compute_label;
    EXPECT_NE(roof.memory_label.find("measured by bench_roofs (roof/stream_triad"),
              std::string::npos)
        << roof.memory_label;
  }
}

TEST(MeasuredDevice, TheBestRepetitionIsTheCeilingAndStddevIsIgnored) {
  auto doc = nlohmann::json::parse(read(recorded));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : doc.at("benchmarks")) {
    if (!row.at("run_name").get<std::string>().starts_with("roof/fma_fp32/")) rows.push_back(row);
  }
  auto row = [](double flops, const char* type, const char* aggregate) {
    nlohmann::json r = {{"name", "roof/fma_fp32/manual_time"},
                        {"run_name", "roof/fma_fp32/manual_time"},
                        {"run_type", type},
                        {"flops", flops},
                        {"clock_ghz", 3.0}};
    if (*aggregate) r["aggregate_name"] = aggregate;
    return r;
  };
  rows.push_back(row(1e11, "iteration", ""));
  rows.push_back(row(3e11, "iteration", ""));
  rows.push_back(row(2e11, "aggregate", "mean"));
  rows.push_back(row(9e11, "aggregate", "stddev"));
  doc["benchmarks"] = rows;
  const Device d = measured_device_from_bench_json(doc.dump(), "repetitions.json");
  EXPECT_DOUBLE_EQ(*d.peaks.at("fp32").boost, 0.3);
  EXPECT_DOUBLE_EQ(d.boost_clock_mhz, 3000);
}

TEST(MeasuredDevice, ThePlainTriadIsNotTheTriad) {
  auto doc = nlohmann::json::parse(read(recorded));
  for (auto& row : doc.at("benchmarks")) {
    if (row.at("run_name").get<std::string>().starts_with("roof/stream_triad_plain/")) {
      row["bytes_per_second"] = 1e15;
    }
  }
  const Device d = measured_device_from_bench_json(doc.dump(), "plain.json");
  EXPECT_DOUBLE_EQ(d.dram_gbs, counter("roof/stream_triad", "bytes_per_second") / 1e9);
}

// STREAM reports four kernels; the memory roof is the fastest of them, and says which it is.
TEST(MeasuredDevice, TheFastestStreamKernelIsTheMemoryRoof) {
  auto doc = nlohmann::json::parse(read(recorded));
  const double triad = counter("roof/stream_triad", "bytes_per_second");
  auto& rows = doc.at("benchmarks");
  const auto add_row = [&](const std::string& name, double bytes_per_second) {
    rows.push_back({{"name", name + "/real_time"},
                    {"run_name", name + "/real_time"},
                    {"run_type", "iteration"},
                    {"bytes_per_second", bytes_per_second}});
  };
  add_row("roof/stream_copy", 0.9 * triad);
  add_row("roof/stream_add", 1.1 * triad);
  const Device d = measured_device_from_bench_json(doc.dump(), "streams.json");
  EXPECT_DOUBLE_EQ(d.dram_gbs, 1.1 * triad / 1e9);
  ASSERT_TRUE(d.measured.has_value());
  EXPECT_EQ(d.measured->memory_kernel, "STREAM add");
  EXPECT_NE(d.memory_source.find("roof/stream_add,"), std::string::npos) << d.memory_source;
}

TEST(MeasuredDevice, TheTriadIsTheMemoryRoofWhenItIsTheFastest) {
  auto doc = nlohmann::json::parse(read(recorded));
  const double triad = counter("roof/stream_triad", "bytes_per_second");
  doc.at("benchmarks")
      .push_back({{"name", "roof/stream_scale/real_time"},
                  {"run_name", "roof/stream_scale/real_time"},
                  {"run_type", "iteration"},
                  {"bytes_per_second", 0.95 * triad}});
  const Device d = measured_device_from_bench_json(doc.dump(), "slower_scale.json");
  EXPECT_DOUBLE_EQ(d.dram_gbs, triad / 1e9);
  ASSERT_TRUE(d.measured.has_value());
  EXPECT_EQ(d.measured->memory_kernel, "STREAM triad");
}

// bench_roofs' own streams (loads only, stores only, non-temporal stores) count as DRAM roofs
// too; the fastest wins whichever it is, and every stream stays in the measurement.
TEST(MeasuredDevice, ANonTemporalStreamFasterThanStreamIsTheMemoryRoof) {
  auto doc = nlohmann::json::parse(read(recorded));
  const double triad = counter("roof/stream_triad", "bytes_per_second");
  auto& rows = doc.at("benchmarks");
  const auto add_row = [&](const std::string& name, double bytes_per_second) {
    rows.push_back({{"name", name + "/real_time"},
                    {"run_name", name + "/real_time"},
                    {"run_type", "iteration"},
                    {"bytes_per_second", bytes_per_second}});
  };
  add_row("roof/dram/read", 1.2 * triad);
  add_row("roof/dram/write", 0.8 * triad);
  add_row("roof/dram/copy_nt", 1.3 * triad);
  const Device d = measured_device_from_bench_json(doc.dump(), "nt.json");
  EXPECT_DOUBLE_EQ(d.dram_gbs, 1.3 * triad / 1e9);
  ASSERT_TRUE(d.measured.has_value());
  EXPECT_EQ(d.measured->memory_kernel, "non-temporal copy");
  EXPECT_NE(d.memory_source.find("roof/dram/copy_nt, the fastest of the run's"), std::string::npos)
      << d.memory_source;
  // The triad first, then the others in bench_roofs' order, each with its own rate.
  ASSERT_GE(d.measured->memory_streams.size(), 4u);
  EXPECT_EQ(d.measured->memory_streams.front().kernel, "STREAM triad");
  EXPECT_DOUBLE_EQ(d.measured->memory_streams.front().gbs, triad / 1e9);
  const auto& last = d.measured->memory_streams.back();
  EXPECT_EQ(last.kernel, "non-temporal copy");
  EXPECT_DOUBLE_EQ(last.gbs, 1.3 * triad / 1e9);
  const auto& write = d.measured->memory_streams[d.measured->memory_streams.size() - 2];
  EXPECT_EQ(write.kernel, "write-only stream");
  EXPECT_DOUBLE_EQ(write.gbs, 0.8 * triad / 1e9);
}

// The loader says what bench_roofs said at the end of the run, from the same rows.
TEST(MeasuredDevice, ADisturbedRunCarriesItsWarnings) {
  EXPECT_TRUE(measured_device_from_file(recorded).measured->warnings.empty());
  auto doc = nlohmann::json::parse(read(recorded));
  for (auto& row : doc.at("benchmarks")) {
    if (row.at("run_name").get<std::string>().starts_with("roof/stream_triad/")) {
      row["other_load"] = 0.3;
    }
    if (row.at("run_name").get<std::string>().starts_with("roof/fma_fp32/")) {
      row["fraction_of_theoretical"] = 0.5;
    }
  }
  // A cv aggregate as Google Benchmark writes it, with a NaN counter (0/0) beside the spread.
  const std::string cv_row =
      R"({"name": "roof/stream_triad/manual_time_cv", "run_name": "roof/stream_triad/manual_time",)"
      R"( "run_type": "aggregate", "aggregate_name": "cv", "bytes_per_second": 0.12,)"
      R"( "steal": -NaN})";
  std::string text = doc.dump();
  text.insert(text.find("\"benchmarks\":[") + 14, cv_row + ",");
  const Device d = measured_device_from_bench_json(text, "busy.json");
  const auto& warnings = d.measured->warnings;
  ASSERT_EQ(warnings.size(), 3u) << text;
  EXPECT_NE(warnings[0].find("during 1 row (roof/stream_triad 30%)"), std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[1].find("(coefficient of variation: roof/stream_triad 12%)"),
            std::string::npos)
      << warnings[1];
  EXPECT_NE(warnings[2].find("roof/fma_fp32 reached 50%"), std::string::npos) << warnings[2];
}

TEST(MeasuredDevice, ContextNamesTheDevice) {
  auto doc = nlohmann::json::parse(read(recorded));
  doc["context"]["roof_device_name"] = "lab-node-7";
  EXPECT_EQ(measured_device_from_bench_json(doc.dump(), "named.json").name, "lab-node-7");
}

TEST(MeasuredDevice, RefusesAnEmptyFile) {
  expect_input_error([] { measured_device_from_file(data + "/empty.json"); },
                     "bench_roofs file '" + data + "/empty.json' is empty");
}

TEST(MeasuredDevice, RefusesAnotherToolsBenchmarkJson) {
  expect_input_error([] { measured_device_from_file(data + "/other_tool.json"); },
                     "has no roof/fma_fp32 row with a \"flops\" counter");
}

TEST(MeasuredDevice, RefusesJsonThatIsNotGoogleBenchmarks) {
  expect_input_error([] { measured_device_from_bench_json(R"({"devices": []})", "devices.json"); },
                     "'devices.json' is not Google Benchmark JSON");
  expect_input_error([] { measured_device_from_bench_json("[1, 2", "broken.json"); },
                     "'broken.json' is not JSON");
}

TEST(MeasuredDevice, RefusesARunWithoutTheTriad) {
  expect_input_error([] { measured_device_from_file(data + "/no_triad.json"); },
                     "has no roof/stream_triad row with a \"bytes_per_second\" counter");
}

// A number too large for a double is bad input, named, not an internal error.
TEST(MeasuredDevice, RefusesANumberTooLargeForADouble) {
  expect_input_error([] { measured_device_from_file(data + "/huge_number.json"); },
                     "huge_number.json' is not JSON (number overflow");
}

TEST(MeasuredDevice, RefusesAMissingFile) {
  expect_input_error([] { measured_device_from_file(data + "/nope.json"); },
                     "cannot read bench_roofs file");
}

}  // namespace
}  // namespace roof
