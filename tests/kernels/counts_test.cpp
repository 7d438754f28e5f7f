// The runners' element counts against the cost model, and the random inputs.
#include <gtest/gtest.h>

#include <algorithm>

#include "kernels/runner.hpp"
#include "networks/catalogue.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::kernels {
namespace {

TEST(Counts, WeightsAreTheParametersWithoutTheBias) {
  int checked = 0;
  for (const std::string& name : network_names()) {
    const Network network = build_network(name, BuildOptions{.batch = 2});
    for (const Layer& layer : network.layers) {
      if (layer.op != Op::conv && layer.op != Op::fc) continue;
      const LayerCost cost = cost_of(layer, DType::fp32);
      const std::int64_t bias = layer.bias ? layer.shape.K : 0;
      EXPECT_EQ(weight_elements(layer), cost.params - bias) << name << ":" << layer.name;
      EXPECT_EQ(input_elements(layer) + output_elements(layer) + weight_elements(layer) + bias,
                cost.fwd().bytes / 4)
          << name << ":" << layer.name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Counts, ResultIsWhatThePassWrites) {
  const Layer layer = testing::layer_from("g2mb2ic4ih7iw9oc6kh3kw3sh2sw1");
  EXPECT_EQ(result_elements(layer, Pass::fwd), 2 * 6 * 3 * 7);
  EXPECT_EQ(result_elements(layer, Pass::bwd_data), 2 * 4 * 7 * 9);
  EXPECT_EQ(result_elements(layer, Pass::bwd_weights), 6 * 2 * 3 * 3);
}

TEST(RandomInputs, ReproducibleInRangeAndSharedAcrossPasses) {
  const Layer layer = testing::layer_from("mb2ic3ih5oc4kh3", true);
  const PassTensors fwd = random_pass_tensors(layer, Pass::fwd, 42);
  EXPECT_EQ(fwd.x.size(), 150u);
  EXPECT_EQ(fwd.w.size(), 108u);
  EXPECT_EQ(fwd.bias.size(), 4u);
  EXPECT_TRUE(fwd.dy.empty());
  EXPECT_EQ(random_pass_tensors(layer, Pass::fwd, 42).x, fwd.x);
  EXPECT_NE(random_pass_tensors(layer, Pass::fwd, 43).x, fwd.x);
  EXPECT_NE(fwd.x, std::vector<float>(fwd.w.begin(), fwd.w.end()));
  for (const std::vector<float>* tensor : {&fwd.x, &fwd.w, &fwd.bias}) {
    for (float v : *tensor) {
      EXPECT_GE(v, -1.0f);
      EXPECT_LT(v, 1.0f);
    }
  }
  const PassTensors bwd_weights = random_pass_tensors(layer, Pass::bwd_weights, 42);
  EXPECT_EQ(bwd_weights.x, fwd.x);
  EXPECT_TRUE(bwd_weights.w.empty());
  EXPECT_EQ(bwd_weights.dy.size(), 2u * 4 * 3 * 3);
  const PassTensors bwd_data = random_pass_tensors(layer, Pass::bwd_data, 42);
  EXPECT_TRUE(bwd_data.x.empty());
  EXPECT_EQ(bwd_data.w, fwd.w);
  EXPECT_EQ(bwd_data.dy, bwd_weights.dy);
}

TEST(Runners, StableOrderDirectFirst) {
  std::vector<std::string> names;
  for (const auto& runner : make_cpu_runners()) names.emplace_back(runner->name());
  std::vector<std::string> expected = {"direct", "blocked_direct", "brgemm_direct", "packed_sgemm",
                                       "winograd_f2x3"};
#ifdef ROOF_HAVE_BLAS
  expected.emplace_back("blas");
#endif
#ifdef ROOF_HAVE_ONEDNN
  expected.emplace_back("onednn");
#endif
  EXPECT_EQ(names, expected);
}

}  // namespace
}  // namespace roof::kernels
