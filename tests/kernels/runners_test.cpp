// Every runner of this build against the float64 reference, for the three passes, on small
// random layers that reach every branch: odd extents, strides, padding wider than the window's
// reach, groups, 1x1 (plain and strided), dilation, non-square windows, bias, fc, batch 1 and 3.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "kernels/cpu/verify.hpp"
#include "kernels/runner.hpp"
#include "tests/kernels/test_layers.hpp"
#ifdef ROOF_HAVE_ONEDNN
#include "kernels/onednn/onednn_runner.hpp"
#endif

namespace roof::kernels {
namespace {

using testing::layer_from;
using testing::small_layers;

std::vector<std::string> runner_names() {
  std::vector<std::string> names;
  for (const auto& runner : make_cpu_runners()) names.emplace_back(runner->name());
  return names;
}

std::unique_ptr<LayerRunner> make_runner(const std::string& name) {
  for (auto& runner : make_cpu_runners()) {
    if (runner->name() == name) return std::move(runner);
  }
  return nullptr;
}

using Case = std::tuple<std::string, int, Pass>;  // runner, index into small_layers(), pass

class RunnerMatchesReference : public ::testing::TestWithParam<Case> {};

TEST_P(RunnerMatchesReference, OnRandomInputs) {
  const auto& [runner_name, layer_index, pass] = GetParam();
  const Layer layer = small_layers()[static_cast<std::size_t>(layer_index)];
  std::unique_ptr<LayerRunner> runner = make_runner(runner_name);
  ASSERT_NE(runner, nullptr);
  // The rungs for some layers only; their own tests say which (winograd_test.cpp,
  // BlockedDirect.TakesUngroupedConvolutions).
  if ((runner_name == "winograd_f2x3" || runner_name == "blocked_direct" ||
       runner_name == "brgemm_direct") &&
      !runner->supports(layer, pass)) {
    GTEST_SKIP() << runner_name << " does not run this layer-pass";
  }
  ASSERT_TRUE(runner->supports(layer, pass));

  const PassTensors tensors = random_pass_tensors(layer, pass, 2024);
  runner->prepare(layer, pass, tensors);
  // Twice: a second run must not accumulate onto the first (bwd_data's col2im, bwd_weights'
  // sum over images, the bias preset).
  runner->run();
  runner->run();
  const Verification v = verify(layer, pass, tensors, runner->result());
  EXPECT_TRUE(v.passed) << runner->description() << "\n" << v.first_failure;
  EXPECT_EQ(v.checked, result_elements(layer, pass));  // small: every point
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  const auto& [runner_name, layer_index, pass] = info.param;
  return runner_name + "_" + small_layers()[static_cast<std::size_t>(layer_index)].name + "_" +
         std::string(to_string(pass));
}

INSTANTIATE_TEST_SUITE_P(AllRunners, RunnerMatchesReference,
                         ::testing::Combine(::testing::ValuesIn(runner_names()),
                                            ::testing::Range(0, 12),
                                            ::testing::ValuesIn(kAllPasses)),
                         case_name);

TEST(Runners, SmallLayerListMatchesTheInstantiation) {
  EXPECT_EQ(small_layers().size(), 12u);
}

TEST(Runners, DescribeThemselves) {
  for (const auto& runner : make_cpu_runners()) {
    EXPECT_FALSE(runner->description().empty()) << runner->name();
  }
}

TEST(Runners, RejectWhatTheyCannotRun) {
  // A pooling layer whose output does not follow from its input and window.
  Layer pool;
  pool.name = "pool";
  pool.op = Op::max_pool;
  pool.shape.P = 5;
  Layer strided_fc = layer_from("mb2ic8oc4");
  strided_fc.shape.stride_h = 2;
  for (const auto& runner : make_cpu_runners()) {
    EXPECT_FALSE(runner->supports(pool, Pass::fwd)) << runner->name();
    EXPECT_FALSE(runner->supports(strided_fc, Pass::fwd)) << runner->name();
    EXPECT_THROW(runner->prepare(pool, Pass::fwd, PassTensors{}), std::runtime_error);
    // Inputs of the wrong size are refused before anything reads them.
    const Layer layer = layer_from("mb2ic8oc4");
    PassTensors short_inputs = random_pass_tensors(layer, Pass::fwd, 1);
    short_inputs.x.pop_back();
    EXPECT_THROW(runner->prepare(layer, Pass::fwd, short_inputs), std::runtime_error);
  }
}

// Rungs 2 and 3 run every ungrouped convolution, bwd_data only at stride 1.
TEST(BlockedDirect, TakesUngroupedConvolutions) {
  for (const char* name : {"blocked_direct", "brgemm_direct"}) {
    const auto runner = make_runner(name);
    for (const Layer& layer : small_layers()) {
      for (Pass pass : kAllPasses) {
        const bool expected = layer.op == Op::conv && layer.shape.groups == 1 &&
                              (pass != Pass::bwd_data || layer.shape.stride_h == 1);
        EXPECT_EQ(runner->supports(layer, pass), expected)
            << name << " " << layer.name << " " << to_string(pass);
      }
    }
  }
}

#ifdef ROOF_HAVE_ONEDNN
TEST(OneDnnRunner, NamesItsImplementationAfterPrepare) {
  OneDnnRunner runner;
  EXPECT_TRUE(runner.implementation().empty());
  const Layer layer = small_layers()[0];
  runner.prepare(layer, Pass::fwd, random_pass_tensors(layer, Pass::fwd, 1));
  EXPECT_FALSE(runner.implementation().empty());
  EXPECT_NE(runner.description().find(runner.implementation()), std::string::npos);
  EXPECT_NE(runner.description().find("oneDNN 2."), std::string::npos) << runner.description();
}
#endif

}  // namespace
}  // namespace roof::kernels
