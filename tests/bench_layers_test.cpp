// bench_layers' contract: the names, the cases each network yields, and its own flags.
#include <gtest/gtest.h>

#include <regex>

#include "bench/layers/bench_options.hpp"
#include "bench/layers/layer_cases.hpp"
#include "bench/layers/update_case.hpp"
#include "networks/benchmark_name.hpp"
#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

std::vector<bench::LayerCase> googlenet_cases(const std::vector<std::string>& impls) {
  return bench::layer_cases({build_network("googlenet", {})}, impls);
}

// --benchmark_filter=conv1x1 must select exactly the 1x1 convolutions, every pass they run:
// GoogLeNet's 37 (Table 1) x 3 passes, for each implementation.
TEST(BenchLayers, Conv1x1FilterSelectsExactlyTheOneByOneLayers) {
  const std::regex filter("conv1x1");
  int selected = 0;
  for (const bench::LayerCase& c : googlenet_cases({"direct", "onednn"})) {
    const bool matches = std::regex_search(bench::benchmark_name(c), filter);
    EXPECT_EQ(matches, is_conv1x1(c.layer)) << bench::benchmark_name(c);
    selected += matches ? 1 : 0;
  }
  EXPECT_EQ(selected, 37 * 3 * 2);
}

TEST(BenchLayers, EveryTrainingPassOfEveryConvAndFcLayer) {
  // 57 convolutions and 1 fc, three passes each, less conv1's bwd_data (it reads the image).
  EXPECT_EQ(googlenet_cases({"direct"}).size(), 58u * 3 - 1);
  const bench::LayerCase first = googlenet_cases({"blas"}).front();
  EXPECT_EQ(bench::benchmark_name(first), "conv/googlenet:conv1/fwd/mb:1/impl:blas");
}

// With the memory-bound ops: every op's fwd and, where the iteration has it, bwd_data; only
// conv and fc have bwd_weights. A filter on the op's name selects that op alone.
TEST(BenchLayers, MemoryOpsAddTheirForwardAndBackwardPasses) {
  const Network net = build_network("googlenet", {});
  const auto cases = bench::layer_cases({net}, {"direct"}, "", true);
  std::size_t expected = 58u * 3 - 1;
  for (const Layer& layer : net.layers) {
    if (compute_kind(layer).empty()) expected += layer.needs_input_grad ? 2 : 1;
  }
  EXPECT_EQ(cases.size(), expected);
  const std::regex filter("^max_pool/");
  int pools = 0;
  for (const bench::LayerCase& c : cases) {
    EXPECT_FALSE(c.pass == Pass::bwd_weights && compute_kind(c.layer).empty()) << c.layer.name;
    if (std::regex_search(bench::benchmark_name(c), filter)) {
      EXPECT_EQ(c.layer.op, Op::max_pool);
      ++pools;
    }
  }
  EXPECT_EQ(pools, 2 * 13);  // GoogLeNet's 13 max pools (Szegedy et al., Table 1), two passes
}

// The update's tensors are the network's parameters, as the cost model counts them.
TEST(BenchLayers, TheUpdateStepsEveryParameterOfTheNetwork) {
  for (const char* name : {"alexnet", "vgg16", "googlenet", "resnet50"}) {
    const Network net = build_network(name, {});
    std::int64_t sum = 0;
    for (const std::int64_t n : bench::parameter_tensors(net)) sum += n;
    EXPECT_EQ(sum, totals_of(net, DType::fp32).params) << name;
  }
  const std::string row = update_benchmark_name("vgg16", 8, "direct");
  EXPECT_EQ(row, "sgd_update/vgg16:parameters/update/mb:8/impl:direct");
  const ParsedBenchmarkName parsed = parse_benchmark_name(row + "/real_time");
  EXPECT_TRUE(parsed.update);
  EXPECT_EQ(parsed.network, "vgg16");
  EXPECT_EQ(parsed.batch, 8);
  expect_input_error([] { parse_benchmark_name("sgd_update/n:parameters/fwd/mb:1/impl:x"); },
                     "pairs op 'sgd_update' with pass 'fwd'");
  expect_input_error([] { parse_benchmark_name("relu/n:r/update/mb:1/impl:x"); },
                     "pairs op 'relu' with pass 'update'");
}

TEST(BenchLayers, OwnFlagsAndGoogleBenchmarksPassThrough) {
  const std::vector<std::string> impls = {"direct", "blas"};
  std::vector<std::string> words = {"bench_layers", "--network=vgg16,resnet18",  "--batch", "8",
                                    "--impl=blas",  "--benchmark_filter=conv1x1"};
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  const bench::BenchLayersOptions o =
      bench::parse_bench_layers_options(static_cast<int>(argv.size()), argv.data(), impls);
  EXPECT_EQ(o.networks, (std::vector<std::string>{"vgg16", "resnet18"}));
  EXPECT_EQ(o.batch, 8);
  EXPECT_EQ(o.impls, (std::vector<std::string>{"blas"}));
  // Google Benchmark's flags go through untouched, and a short default min time is added.
  EXPECT_EQ(o.benchmark_args,
            (std::vector<std::string>{"bench_layers", "--benchmark_filter=conv1x1",
                                      "--benchmark_min_time=0.05"}));
  const auto parse = [&](std::vector<std::string> bad) {
    bad.insert(bad.begin(), "bench_layers");
    std::vector<char*> v;
    for (std::string& w : bad) v.push_back(w.data());
    bench::parse_bench_layers_options(static_cast<int>(v.size()), v.data(), impls);
  };
  std::vector<std::string> gpu_words = {"bench_layers", "--dtype=fp16",  "--math",
                                        "tensor_op",    "--layout=nhwc", "--cache=hot"};
  std::vector<char*> gpu_argv;
  for (std::string& w : gpu_words) gpu_argv.push_back(w.data());
  const bench::BenchLayersOptions g =
      bench::parse_bench_layers_options(static_cast<int>(gpu_argv.size()), gpu_argv.data(), impls);
  EXPECT_EQ(g.gpu_dtype, "fp16");
  EXPECT_EQ(g.gpu_math, "tensor_op");
  EXPECT_EQ(g.gpu_layout, "nhwc");
  EXPECT_EQ(g.gpu_cache, "hot");
  EXPECT_EQ(o.gpu_cache, "cold");  // the default: L2 flushed before each launch
  expect_input_error([&] { parse({"--impl=mkl"}); }, "unknown implementation 'mkl'");
  expect_input_error([&] { parse({"--cache=warm"}); }, "--cache takes cold, hot, not 'warm'");
  expect_input_error([&] { parse({"--dtype=bf16"}); }, "--dtype takes fp32, fp16, not 'bf16'");
  expect_input_error([&] { parse({"--batch=0"}); }, "--batch must be a positive integer");
  expect_input_error([&] { parse({"--dataset=svhn"}); }, "unknown dataset 'svhn'");
  expect_input_error([&] { parse({"--frobnicate"}); }, "unknown flag '--frobnicate'");
  expect_input_error([&] { parse({"--network"}); }, "--network: 1 required TEXT missing");
  expect_input_error(
      [&] {
        parse({"--file=my.txt", "--network=vgg16"});
      },
      "--file measures the layers of a descriptor file");
  expect_input_error([&] { parse({"--batch=010x"}); }, "--batch must be a positive integer");
}

TEST(BenchLayers, GoogleBenchmarksVerbosityAndTimeUnitPassThroughAndHelpIsNoError) {
  const std::vector<std::string> impls = {"direct"};
  const auto parse = [&](std::vector<std::string> words) {
    words.insert(words.begin(), "bench_layers");
    std::vector<char*> v;
    for (std::string& w : words) v.push_back(w.data());
    return bench::parse_bench_layers_options(static_cast<int>(v.size()), v.data(), impls);
  };
  const bench::BenchLayersOptions o =
      parse({"--v=1", "--benchmark_time_unit=us", "--batch", "010", "--file", "mine.txt"});
  EXPECT_EQ(o.benchmark_args,
            (std::vector<std::string>{"bench_layers", "--v=1", "--benchmark_time_unit=us",
                                      "--benchmark_min_time=0.05"}));
  EXPECT_TRUE(o.time_unit_given);
  EXPECT_EQ(o.batch, 10);  // decimal, never octal
  EXPECT_TRUE(o.batch_given);
  EXPECT_EQ(o.file, "mine.txt");
  EXPECT_TRUE(o.networks.empty());  // the file's layers instead of googlenet
  const bench::BenchLayersOptions help = parse({"--network", "vgg16", "--help"});
  EXPECT_TRUE(help.help);
  EXPECT_NE(help.help_text.find("--network TEXT"), std::string::npos);
  EXPECT_NE(help.help_text.find("Google Benchmark's own flags"), std::string::npos);
}

}  // namespace
}  // namespace roof

#if defined(ROOF_HAVE_CUDA)
#include "bench/layers/gpu_layer_benchmark.hpp"
#include "roofline/device_catalogue.hpp"

namespace roof::bench {
namespace {

// A GPU row's fraction_of_roof divides by min(peak, ai x bandwidth) of the catalogue entry CUDA's
// name resolves to ("NVIDIA H200": 67 TFLOP/s, 4.8 TB/s, ridge 13.96 FLOP/byte); an unknown roof
// gives no fraction at all rather than one against zero.
TEST(GpuLayerCase, FractionOfRoofUsesTheCatalogueTwinsBound) {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();  // find() refers into it
  const Device& h200 = catalogue.find("NVIDIA H200");
  const MeasuredCeilings roof{*h200.peaks.at("fp32").boost * 1e12, h200.dram_gbs * 1e9};
  EXPECT_DOUBLE_EQ(gpu_attainable(roof, 1.0), 4.8e12);   // memory bound
  EXPECT_DOUBLE_EQ(gpu_attainable(roof, 100.0), 67e12);  // compute bound
  EXPECT_EQ(gpu_attainable({}, 100.0), 0.0);
  EXPECT_EQ(gpu_attainable(roof, 0.0), 0.0);
}

// Google Benchmark calls a case several times; what the first call verified holds for a later
// call only when its runner chose the same algorithm (cudnnFind may pick another one).
TEST(GpuLayerCase, AVerifiedAlgorithmIsNotVerifiedAgainButAnotherIs) {
  GpuCaseFacts facts;
  EXPECT_FALSE(facts.verified(""));  // nothing known yet: the cuda runner reports no algorithm
  facts.known = true;
  facts.algorithm = "CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED, workspace 12.3 MiB";
  EXPECT_TRUE(facts.verified("CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED, workspace 12.3 MiB"));
  EXPECT_FALSE(facts.verified("CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM, workspace 0 B"));
}

}  // namespace
}  // namespace roof::bench
#endif
