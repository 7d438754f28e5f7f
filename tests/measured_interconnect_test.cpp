// bench_comm's JSON read back as a measured link: a run made up from a known alpha-beta link must
// give back its latency and bandwidth.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "roofline/measured_interconnect.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using nlohmann::json;

// The link the made-up runs measure: 5 us per ring step, 20 GB/s of bus bandwidth. A ring
// all-reduce of S bytes over n ranks then takes 2(n-1) alpha + 2(n-1)/n S / B, which is what
// bench_comm would time; at 8 KiB the bytes are 0.41 us of the 10.41 us (n = 2), so a reader
// that ignored them would be 4% off.
constexpr double alpha_s = 5e-6;
constexpr double bus_bytes_per_s = 20e9;

double ring_all_reduce_seconds(double bytes, int ranks) {
  const double n = ranks;
  return 2 * (n - 1) * alpha_s + 2 * (n - 1) / n * bytes / bus_bytes_per_s;
}

json row(const std::string& collective, double bytes, int ranks, double seconds, double factor) {
  const std::string name = "comm/" + collective + "/bytes:" + std::to_string(std::llround(bytes)) +
                           "/ranks:" + std::to_string(ranks) + "/manual_time";
  return {{"name", name},
          {"run_name", name},
          {"run_type", "iteration"},
          {"iterations", 100},
          {"real_time", seconds * 1e6},
          {"cpu_time", 1.0},
          {"time_unit", "us"},
          {"algbw", bytes / seconds},
          {"busbw", factor * bytes / seconds},
          {"bytes", bytes},
          {"ranks", ranks}};
}

// What bench_comm writes for `ranks` GPUs: all_reduce and broadcast rows, 8 KiB to 1 GiB.
json made_up_run(int ranks, int nodes = 1) {
  json run;
  run["context"] = {{"roof_tool", "bench_comm"},
                    {"roof_interconnect_name", "test-link"},
                    {"roof_nccl_version", "2.28.9"},
                    {"roof_ranks", std::to_string(ranks)},
                    {"roof_nodes", std::to_string(nodes)},
                    {"roof_hostname", "node17"},
                    {"roof_gpus", std::to_string(ranks) + " x Test GPU"}};
  run["benchmarks"] = json::array();
  const double n = ranks;
  for (double bytes = 8192; bytes <= 1073741824.0; bytes *= 2) {
    run["benchmarks"].push_back(
        row("all_reduce", bytes, ranks, ring_all_reduce_seconds(bytes, ranks), 2 * (n - 1) / n));
  }
  // Broadcasts, faster than the link could carry an all-reduce: the reader must not look at them.
  for (double bytes = 8192; bytes <= 1073741824.0; bytes *= 2) {
    run["benchmarks"].push_back(row("broadcast", bytes, ranks, bytes / 1e12 + 1e-6, 1));
  }
  return run;
}

TEST(MeasuredInterconnect, RecoversTheLatencyAndBandwidthOfTheLinkItMeasured) {
  const Interconnect link = read_bench_comm(made_up_run(2), "comm.json");
  EXPECT_EQ(link.name, "test-link");
  EXPECT_EQ(link.scope, LinkScope::gpu);
  EXPECT_NEAR(link.achieved_gbs, bus_bytes_per_s / 1e9, 0.01 * bus_bytes_per_s / 1e9);
  EXPECT_DOUBLE_EQ(link.theoretical_gbs, link.achieved_gbs);
  EXPECT_NEAR(link.latency_us, alpha_s * 1e6, 0.01 * alpha_s * 1e6);
  EXPECT_EQ(link.measured_by, "bench_comm (NCCL 2.28.9, 2 GPUs on 1 node, node17)");
  EXPECT_EQ(link.measured_ranks, 2);
  EXPECT_EQ(link.origin, "comm.json");
  // The largest message has the best bus bandwidth; the smallest gives the latency.
  EXPECT_NE(link.achieved_source.find("comm/all_reduce/bytes:1073741824/ranks:2"),
            std::string::npos)
      << link.achieved_source;
  EXPECT_NE(link.achieved_source.find("comm.json"), std::string::npos) << link.achieved_source;
  EXPECT_NE(link.latency_source.find("comm/all_reduce/bytes:8192/ranks:2"), std::string::npos)
      << link.latency_source;
  EXPECT_NE(link.latency_source.find("comm.json"), std::string::npos) << link.latency_source;
}

TEST(MeasuredInterconnect, TheAlphaBetaModelGivesBackTheSmallestMessagesTime) {
  for (int ranks : {2, 3, 8}) {
    const Interconnect link = read_bench_comm(made_up_run(ranks), "comm.json");
    const double n = ranks;
    const double modelled =
        2 * (n - 1) * link.latency_us * 1e-6 + 2 * (n - 1) / n * 8192 / (link.achieved_gbs * 1e9);
    EXPECT_NEAR(modelled, ring_all_reduce_seconds(8192, ranks), 1e-9) << ranks << " ranks";
    EXPECT_NEAR(link.latency_us, alpha_s * 1e6, 0.01 * alpha_s * 1e6) << ranks << " ranks";
    EXPECT_EQ(link.measured_ranks, ranks);
  }
}

TEST(MeasuredInterconnect, SeveralNodesMakeANodeLink) {
  const Interconnect link = read_bench_comm(made_up_run(16, 2), "comm.json");
  EXPECT_EQ(link.scope, LinkScope::node);
  EXPECT_EQ(link.measured_by, "bench_comm (NCCL 2.28.9, 16 GPUs on 2 nodes, node17)");
}

TEST(MeasuredInterconnect, ErroredRowsAndSpreadAggregatesDoNotCount) {
  json run = made_up_run(2);
  json errored = row("all_reduce", 1073741824.0, 2, 1e-6, 1);
  errored["error_occurred"] = true;
  errored["error_message"] = "12 of 268435456 output elements wrong over 2 ranks";
  json stddev = row("all_reduce", 1073741824.0, 2, 1e-6, 1);
  stddev["run_type"] = "aggregate";
  stddev["aggregate_name"] = "stddev";
  run["benchmarks"].push_back(errored);
  run["benchmarks"].push_back(stddev);
  const Interconnect link = read_bench_comm(run, "comm.json");
  EXPECT_NEAR(link.achieved_gbs, 20, 0.2);
}

TEST(MeasuredInterconnect, TheNameDefaultsToMeasuredNccl) {
  json run = made_up_run(2);
  run["context"].erase("roof_interconnect_name");
  EXPECT_EQ(read_bench_comm(run, "comm.json").name, "measured-nccl");
}

TEST(MeasuredInterconnect, RecognisesBenchCommJsonByItsTool) {
  EXPECT_TRUE(is_bench_comm_json(made_up_run(2)));
  EXPECT_FALSE(is_bench_comm_json(
      json{{"context", {{"roof_cpu_model", "x"}}}, {"benchmarks", json::array()}}));
  EXPECT_FALSE(is_bench_comm_json(json::array()));
  EXPECT_FALSE(is_bench_comm_json(json{{"interconnects", json::array()}}));
}

TEST(MeasuredInterconnect, ARunWithoutAllReduceRowsIsAnError) {
  json run = made_up_run(2);
  json broadcasts = json::array();
  for (const json& r : run["benchmarks"]) {
    if (r["name"].get<std::string>().starts_with("comm/broadcast/")) broadcasts.push_back(r);
  }
  run["benchmarks"] = broadcasts;
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "bench_comm file 'comm.json' has no comm/all_reduce rows");
}

TEST(MeasuredInterconnect, ARunWhoseAllReducesAllFailedIsAnError) {
  json run = made_up_run(2);
  for (json& r : run["benchmarks"]) {
    r["error_occurred"] = true;
    r["error_message"] = "ncclAllReduce failed";
  }
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "only comm/all_reduce rows that failed");
}

TEST(MeasuredInterconnect, OneRankIsAnError) {
  json run = made_up_run(2);
  run["context"]["roof_ranks"] = "1";
  for (json& r : run["benchmarks"]) r["ranks"] = 1;
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "'comm.json' measured 1 rank: a link needs at least 2");
}

TEST(MeasuredInterconnect, MalformedFieldsAreErrorsNamingTheRow) {
  json run = made_up_run(2);
  run["benchmarks"][0]["busbw"] = "fast";
  testing_helpers::expect_input_error(
      [&] { read_bench_comm(run, "comm.json"); },
      "benchmarks[0] ('comm/all_reduce/bytes:8192/ranks:2/manual_time').busbw must be a number");

  run = made_up_run(2);
  run["benchmarks"][1]["time_unit"] = "fortnights";
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "time_unit must be ns, us, ms or s");

  run = made_up_run(2);
  run["benchmarks"][2].erase("bytes");
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "has no \"bytes\"");

  run = made_up_run(2);
  run["context"]["roof_nodes"] = "two";
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "context.roof_nodes must be a number");

  run = made_up_run(2);
  run.erase("benchmarks");
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "no \"benchmarks\" array");
}

TEST(MeasuredInterconnect, OnlyLargeMessagesCannotTellTheLatency) {
  json run = made_up_run(2);
  json largest = json::array();
  for (const json& r : run["benchmarks"]) {
    if (r["name"] == "comm/all_reduce/bytes:1073741824/ranks:2/manual_time") largest.push_back(r);
  }
  run["benchmarks"] = largest;
  testing_helpers::expect_input_error([&] { read_bench_comm(run, "comm.json"); },
                                      "cannot tell the latency");
}

}  // namespace
}  // namespace roof
