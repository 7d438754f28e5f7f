// Reading bench_layers JSON back and composing an iteration from it.
#include <gtest/gtest.h>

#include "networks/benchmark_name.hpp"
#include "networks/catalogue.hpp"
#include "roofline/measured_layers.hpp"
#include "tests/roofline_test_devices.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;
using testing_helpers::find_layer;
using testing_helpers::round_device;

TEST(BenchmarkName, GrammarRoundTrip) {
  const Network net = build_network("googlenet", {Dataset::imagenet, 4, false});
  const Layer& layer = find_layer(net, "inception_3a.1x1");
  const std::string name = benchmark_name("googlenet", layer, Pass::bwd_data, "onednn");
  EXPECT_EQ(name, "conv1x1/googlenet:inception_3a.1x1/bwd_data/mb:4/impl:onednn");
  const ParsedBenchmarkName parsed = parse_benchmark_name(name + "/real_time");
  EXPECT_EQ(parsed.op, "conv1x1");
  EXPECT_EQ(parsed.network, "googlenet");
  EXPECT_EQ(parsed.layer, "inception_3a.1x1");
  EXPECT_EQ(parsed.pass, Pass::bwd_data);
  EXPECT_EQ(parsed.batch, 4);
  EXPECT_EQ(parsed.impl, "onednn");
  // GPU cases name their cache state in a sixth part.
  const std::string gpu = benchmark_name("googlenet", layer, Pass::fwd, "cudnn", "cold");
  EXPECT_EQ(gpu, "conv1x1/googlenet:inception_3a.1x1/fwd/mb:4/impl:cudnn/cache:cold");
  EXPECT_EQ(parse_benchmark_name(gpu + "/manual_time").cache, "cold");
  EXPECT_EQ(parse_benchmark_name(gpu).impl, "cudnn");
  EXPECT_EQ(parsed.cache, "");
  // An op without MACs is named by the op itself.
  const std::string pool =
      benchmark_name("googlenet", find_layer(net, "pool1"), Pass::bwd_data, "direct");
  EXPECT_EQ(pool, "max_pool/googlenet:pool1/bwd_data/mb:4/impl:direct");
  EXPECT_EQ(parse_benchmark_name(pool + "/real_time").op, "max_pool");
  expect_input_error([] { parse_benchmark_name("pool/n:l/fwd/mb:1/impl:x"); }, "has no op");
  expect_input_error([] { parse_benchmark_name("BM_Foo/3"); }, "not 5");
  expect_input_error([] { parse_benchmark_name("conv/n:l/sideways/mb:1/impl:x"); },
                     "unknown pass 'sideways'");
  expect_input_error([] { parse_benchmark_name("conv/n:l/fwd/mb:0/impl:x"); }, "bad batch");
}

// Two implementations of alexnet_owt's fc8 at batch 2: "fast" measured in two repetitions
// (mean aggregate 1 ms), "slow" once (4 ms), plus one row skipped with an error.
constexpr const char* kMeasured = R"({
 "context": {"roof_cpu_model": "Test CPU"},
 "benchmarks": [
  {"name": "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time", "run_name":
   "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time", "run_type": "iteration",
   "real_time": 0.9, "time_unit": "ms"},
  {"name": "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time", "run_name":
   "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time", "run_type": "iteration",
   "real_time": 1.3, "time_unit": "ms"},
  {"name": "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time_mean", "run_name":
   "fc/alexnet_owt:fc8/fwd/mb:2/impl:fast/real_time", "run_type": "aggregate",
   "aggregate_name": "mean", "real_time": 1.0, "time_unit": "ms"},
  {"name": "fc/alexnet_owt:fc8/fwd/mb:2/impl:slow/real_time", "run_type": "iteration",
   "real_time": 4000, "time_unit": "us"},
  {"name": "conv/alexnet_owt:conv1/fwd/mb:2/impl:slow/real_time", "run_type": "iteration",
   "error_occurred": true, "error_message": "wrong result", "real_time": 0, "time_unit": "ns"}
 ]})";

TEST(MeasuredLayers, ReadsMeansAndSkipsErrors) {
  const MeasuredLayerTimes t = read_measured_layers(kMeasured, "m.json");
  EXPECT_EQ(t.machine, "Test CPU");
  EXPECT_EQ(t.skipped_with_error, 1);
  const auto key = std::make_pair(std::string("alexnet_owt:fc8"), Pass::fwd);
  EXPECT_DOUBLE_EQ(t.seconds.at("fast").at(key), 1e-3);  // the mean aggregate
  EXPECT_DOUBLE_EQ(t.seconds.at("slow").at(key), 4e-3);
  EXPECT_EQ(t.batch_of_network.at("alexnet_owt"), 2);
}

TEST(MeasuredLayers, ComposesMeasuredPassesWithTheModelForTheRest) {
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 2, false});
  TrainingOptions options;
  options.images_per_epoch = 2;
  const TrainingPrediction model = predict_training(net, round_device(), options);
  const MeasuredIteration m =
      compose_measured(net, model, read_measured_layers(kMeasured, "m.json"));
  ASSERT_EQ(m.impls, (std::vector<std::string>{"fast", "slow"}));
  double model_conv_fc = 0;
  double fc8_fwd_model = 0;
  for (const MeasuredRow& r : m.rows) {
    model_conv_fc += r.model_s;
    if (r.layer == "fc8" && r.pass == Pass::fwd) fc8_fwd_model = r.model_s;
  }
  EXPECT_NEAR(m.modelled_other_s + m.update_s + model_conv_fc, model.iteration_s, 1e-12);
  // Every conv/fc pass but one falls back to the model; fc8 fwd is replaced by the measurement.
  EXPECT_NEAR(m.iteration_s.at("fast"), model.iteration_s - fc8_fwd_model + 1e-3, 1e-12);
  EXPECT_NEAR(m.iteration_s.at("slow"), model.iteration_s - fc8_fwd_model + 4e-3, 1e-12);
  EXPECT_EQ(m.unmeasured.at("fast"), static_cast<int>(m.rows.size()) - 1);
}

// The other ops are measured too: by the implementation itself where it has rows of them, else
// by our own loops ("direct"), pass by pass; a pass no row measured keeps the model's time, as
// the update does without an sgd_update row.
TEST(MeasuredLayers, OtherOpsComeFromTheirOwnRowsOrFromOurLoops) {
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 2, false});
  const Layer& relu = find_layer(net, "relu7");
  const std::string row = R"({"name": ")" + benchmark_name("alexnet_owt", relu, Pass::fwd, "%s") +
                          R"(/real_time", "run_type": "iteration", "real_time": %s,)"
                          R"( "time_unit": "ms"})";
  const auto with = [&](const std::string& impl, const std::string& ms) {
    std::string text = row;
    text.replace(text.find("%s"), 2, impl);
    text.replace(text.find("%s"), 2, ms);
    return text;
  };
  const std::string drop =
      R"({"name": ")" +
      benchmark_name("alexnet_owt", find_layer(net, "drop7"), Pass::fwd, "direct") +
      R"(/real_time", "run_type": "iteration", "real_time": 0.125,)"
      R"( "time_unit": "ms"})";
  const std::string json =
      R"({"context": {}, "benchmarks": [)" + with("direct", "0.5") + "," + drop + "," +
      with("onednn", "0.25") + R"(, {"name": ")" +
      benchmark_name("alexnet_owt", find_layer(net, "fc8"), Pass::fwd, "packed_sgemm") +
      R"(/real_time", "run_type": "iteration", "real_time": 1,)"
      R"( "time_unit": "ms"}]})";
  TrainingOptions options;
  options.images_per_epoch = 2;
  const TrainingPrediction model = predict_training(net, round_device(), options);
  const MeasuredIteration m = compose_measured(net, model, read_measured_layers(json, "ops.json"));
  double relu7_fwd_model = 0;
  for (const PlacedPass& p : model.placement.rows) {
    if (p.layer == "relu7" && p.pass == Pass::fwd) relu7_fwd_model = p.seconds;
  }
  EXPECT_EQ(m.ops_from.at("onednn"), "onednn");
  EXPECT_EQ(m.ops_from.at("packed_sgemm"), "direct");  // no op rows of its own
  double drop7_fwd_model = 0;
  for (const PlacedPass& p : model.placement.rows) {
    if (p.layer == "drop7" && p.pass == Pass::fwd) drop7_fwd_model = p.seconds;
  }
  // onednn: its own relu7, our loops' drop7 (it has no dropout), the model for the rest.
  EXPECT_NEAR(m.ops_s.at("onednn"),
              m.modelled_other_s - relu7_fwd_model - drop7_fwd_model + 0.25e-3 + 0.125e-3, 1e-12);
  EXPECT_EQ(m.ops_borrowed.at("onednn"), 1);
  EXPECT_NEAR(m.ops_s.at("packed_sgemm"),
              m.modelled_other_s - relu7_fwd_model - drop7_fwd_model + 0.5e-3 + 0.125e-3, 1e-12);
  EXPECT_EQ(m.ops_unmeasured.at("onednn"), m.ops_passes - 2);
  EXPECT_DOUBLE_EQ(m.update_s, model.update_s);
  EXPECT_GT(m.update_s, 0);
  EXPECT_TRUE(m.update_measured_s.empty());  // no sgd_update row: the model's update

  // With our SGD loop's row every implementation takes the measured update.
  const std::string update = R"(, {"name": ")" + update_benchmark_name("alexnet_owt", 2, "direct") +
                             R"(/real_time", "run_type": "iteration", "real_time": 2,)"
                             R"( "time_unit": "ms"}]})";
  const std::string with_update = json.substr(0, json.size() - 2) + update;
  const MeasuredIteration u =
      compose_measured(net, model, read_measured_layers(with_update, "update.json"));
  EXPECT_DOUBLE_EQ(u.update_measured_s.at("onednn"), 2e-3);
  EXPECT_EQ(u.update_from.at("onednn"), "direct");
  EXPECT_NEAR(u.iteration_s.at("onednn"), m.iteration_s.at("onednn") - model.update_s + 2e-3,
              1e-12);
}

// Two networks' update rows in one file stay apart, and a GPU implementation never takes our
// CPU loops' rows for its other ops or its update.
TEST(MeasuredLayers, UpdatesStayPerNetworkAndGpusBorrowNothingFromTheCpu) {
  const auto row = [](const std::string& name, double ms) {
    return R"({"name": ")" + name + R"(/real_time", "run_type": "iteration", "real_time": )" +
           std::to_string(ms) + R"(, "time_unit": "ms"})";
  };
  const Network owt = build_network("alexnet_owt", {Dataset::imagenet, 2, false});
  const std::string relu7 =
      benchmark_name("alexnet_owt", find_layer(owt, "relu7"), Pass::fwd, "direct");
  const std::string fc8 = benchmark_name("alexnet_owt", find_layer(owt, "fc8"), Pass::fwd, "cudnn");
  const std::string json = R"({"context": {}, "benchmarks": [)" +
                           row(update_benchmark_name("alexnet_owt", 2, "direct"), 3) + "," +
                           row(update_benchmark_name("vgg16", 2, "direct"), 30) + "," +
                           row(relu7, 0.5) + "," + row(fc8, 1) + "]}";
  const MeasuredLayerTimes times = read_measured_layers(json, "two.json");
  EXPECT_DOUBLE_EQ(times.update_seconds.at("direct").at("alexnet_owt"), 3e-3);
  EXPECT_DOUBLE_EQ(times.update_seconds.at("direct").at("vgg16"), 30e-3);
  TrainingOptions options;
  options.images_per_epoch = 2;
  const TrainingPrediction model = predict_training(owt, round_device(), options);
  const MeasuredIteration m = compose_measured(owt, model, times);
  EXPECT_DOUBLE_EQ(m.update_measured_s.at("direct"), 3e-3);
  EXPECT_EQ(m.update_measured_s.count("cudnn"), 0u);  // the model's update for the GPU
  EXPECT_EQ(m.ops_from.at("cudnn"), "cudnn");
  EXPECT_EQ(m.ops_borrowed.count("cudnn"), 0u);
  EXPECT_DOUBLE_EQ(m.ops_s.at("cudnn"), m.modelled_other_s);  // every other op modelled
}

// Rows that would compose a wrong iteration are refused, naming the file and the row: a time
// that is not positive, two batches of one network, shapes of another form of the network.
TEST(MeasuredLayers, RefusesTimesBatchesAndShapesThatDoNotFit) {
  const std::string fc8 = "fc/alexnet_owt:fc8/fwd/mb:2/impl:x/real_time";
  const auto file = [](const std::string& rows) {
    return R"({"context": {}, "benchmarks": [)" + rows + "]}";
  };
  const auto row = [](const std::string& name, const std::string& time, const std::string& ai) {
    return R"({"name": ")" + name + R"(", "run_type": "iteration", "real_time": )" + time +
           R"(, "time_unit": "ms")" + (ai.empty() ? "" : R"(, "ai": )" + ai) + "}";
  };
  expect_input_error([&] { read_measured_layers(file(row(fc8, "0", "")), "zero.json"); },
                     "'zero.json': row '" + fc8 + "' has real_time 0, not a positive time");
  expect_input_error([&] { read_measured_layers(file(row(fc8, "-3.5", "")), "neg.json"); },
                     "real_time must not be negative, got -3.5");
  expect_input_error(
      [&] { read_measured_layers(R"({"benchmarks": [{"name": ")" + fc8 + R"("}]})", "none.json"); },
      "has no numeric real_time");
  const std::string fc8_at_4 = "fc/alexnet_owt:fc8/bwd_data/mb:4/impl:x/real_time";
  expect_input_error(
      [&] {
        read_measured_layers(file(row(fc8, "1", "") + "," + row(fc8_at_4, "1", "")), "two.json");
      },
      "'two.json' measured alexnet_owt at batches 2 and 4; give one batch's measurements");
  // fc8 of the ImageNet form has an AI near 2 at batch 2; 0.5 is some other shape.
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 2, false});
  TrainingOptions options;
  options.images_per_epoch = 2;
  const TrainingPrediction model = predict_training(net, round_device(), options);
  expect_input_error(
      [&] {
        compose_measured(net, model, read_measured_layers(file(row(fc8, "1", "0.5")), "ai.json"));
      },
      "alexnet_owt:fc8 fwd has AI 0.500000 in the file but");
}

TEST(MeasuredLayers, BadFilesAndMismatchesSayWhat) {
  expect_input_error([] { read_measured_layers("", "empty.json"); },
                     "bench_layers file 'empty.json' is empty");
  expect_input_error([] { read_measured_layers("{\"rows\": []}", "other.json"); },
                     "not Google Benchmark JSON");
  expect_input_error(
      [] { read_measured_layers(R"({"benchmarks": [{"name": "BM_x", "real_time": 1}]})", "b"); },
      "benchmark name 'BM_x'");
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 8, false});
  TrainingOptions options;
  options.images_per_epoch = 8;
  const TrainingPrediction model = predict_training(net, round_device(), options);
  expect_input_error(
      [&] { compose_measured(net, model, read_measured_layers(kMeasured, "m.json")); },
      "measured alexnet_owt at batch 2, not 8; pass --batch 2");
}

}  // namespace
}  // namespace roof
