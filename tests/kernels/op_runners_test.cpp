// The memory-bound ops (kernels/op_tensors.hpp): the float64 reference against values worked by
// hand, and every runner that has an op against the reference, forward and backward, on small
// layers that reach every branch (padding, a ceil-mode overhang, windows that overlap, a
// channel window clipped at both ends, several concat parts).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "kernels/cpu/op_reference.hpp"
#include "kernels/cpu/verify.hpp"
#include "kernels/op_tensors.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {
namespace {

Layer op_layer(std::string name, Op op, Shape s, int inputs = 1) {
  Layer layer;
  layer.name = std::move(name);
  layer.op = op;
  layer.shape = s;
  layer.inputs = inputs;
  return layer;
}

// Same-shape ops: K = C, P = H, Q = W.
Shape same(std::int64_t n, std::int64_t c, std::int64_t h, std::int64_t w) {
  Shape s;
  s.N = n;
  s.C = s.K = c;
  s.H = s.P = h;
  s.W = s.Q = w;
  return s;
}

Shape pool(std::int64_t n, std::int64_t c, std::int64_t h, std::int64_t w, std::int64_t window,
           std::int64_t stride, std::int64_t pad, std::int64_t p, std::int64_t q) {
  Shape s = same(n, c, h, w);
  s.R = s.S = window;
  s.stride_h = s.stride_w = stride;
  s.pad_h = s.pad_w = pad;
  s.P = p;
  s.Q = q;
  return s;
}

std::vector<Layer> op_layers() {
  Shape lrn = same(2, 7, 3, 4);
  lrn.R = 5;
  Shape logits = same(3, 10, 1, 1);
  return {
      op_layer("relu", Op::relu, same(2, 3, 5, 7)),
      // 3x3 stride 2 windows overlap; 9 -> 4 is floor mode, 8 -> 4 with no padding is ceil
      // mode (the last window overhangs), as Caffe's GoogLeNet pools.
      op_layer("max_pool_3s2", Op::max_pool, pool(2, 3, 9, 9, 3, 2, 0, 4, 4)),
      op_layer("max_pool_ceil", Op::max_pool, pool(1, 2, 8, 8, 3, 2, 0, 4, 4)),
      op_layer("max_pool_pad", Op::max_pool, pool(1, 2, 7, 7, 3, 2, 1, 4, 4)),
      op_layer("avg_pool_pad", Op::avg_pool, pool(2, 3, 7, 6, 3, 1, 1, 7, 6)),
      op_layer("avg_pool_global", Op::avg_pool, pool(2, 4, 5, 5, 5, 1, 0, 1, 1)),
      op_layer("lrn5", Op::lrn, lrn),
      op_layer("batch_norm", Op::batch_norm, same(3, 4, 5, 6)),
      op_layer("concat3", Op::concat, same(2, 8, 3, 5), 3),
      op_layer("add", Op::add, same(2, 3, 4, 5), 2),
      op_layer("dropout", Op::dropout, same(2, 3, 4, 5)),
      op_layer("softmax_loss", Op::softmax_loss, logits),
  };
}

TEST(OpReference, MaxPoolingTakesEachWindowsMaximumAndRoutesItsGradient) {
  // One 4x4 plane, 2x2 windows, stride 2.
  const Layer layer = op_layer("p", Op::max_pool, pool(1, 1, 4, 4, 2, 2, 0, 2, 2));
  PassTensors t;
  t.x = {1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 6, 7, 9, 1, 2, 3};
  const auto y = op_reference(layer, Pass::fwd, t);
  ASSERT_EQ(y.size(), 4u);
  EXPECT_EQ(y[0].value, 5);
  EXPECT_EQ(y[1].value, 8);
  EXPECT_EQ(y[2].value, 9);
  EXPECT_EQ(y[3].value, 7);
  t.dy = {10, 20, 30, 40};
  const auto dx = op_reference(layer, Pass::bwd_data, t);
  ASSERT_EQ(dx.size(), 16u);
  EXPECT_EQ(dx[1].value, 10);   // 5 was the maximum of the first window
  EXPECT_EQ(dx[6].value, 20);   // 8
  EXPECT_EQ(dx[12].value, 30);  // 9
  EXPECT_EQ(dx[11].value, 40);  // 7
  EXPECT_EQ(dx[0].value, 0);
}

TEST(OpReference, AveragePoolingDividesByTheWindowsInputElementsOnly) {
  // 3x3 windows, stride 1, padding 1 on a 2x2 plane: every window holds the 4 inputs.
  const Layer layer = op_layer("a", Op::avg_pool, pool(1, 1, 2, 2, 3, 1, 1, 2, 2));
  PassTensors t;
  t.x = {1, 2, 3, 6};
  for (const auto& point : op_reference(layer, Pass::fwd, t)) EXPECT_DOUBLE_EQ(point.value, 3);
}

TEST(OpReference, BatchNormNormalisesEachChannelOverTheBatch) {
  // One channel of values 1, 2, 3, 4 (two images of two): mean 2.5, variance 1.25.
  const Layer layer = op_layer("bn", Op::batch_norm, same(2, 1, 1, 2));
  PassTensors t;
  t.x = {1, 2, 3, 4};
  t.w = {2, 0.5f};  // gamma, beta
  const auto y = op_reference(layer, Pass::fwd, t);
  const double invstd = 1 / std::sqrt(1.25 + kBatchNormEpsilon);
  EXPECT_NEAR(y[0].value, 2 * (1 - 2.5) * invstd + 0.5, 1e-12);
  EXPECT_NEAR(y[3].value, 2 * (4 - 2.5) * invstd + 0.5, 1e-12);
  // A gradient that is a constant plus a multiple of xhat passes nothing back.
  t.dy = {1, 1, 1, 1};
  for (const auto& point : op_reference(layer, Pass::bwd_data, t)) {
    EXPECT_NEAR(point.value, 0, 1e-12);
  }
}

TEST(OpReference, LrnScalesByTheSquaresOfTheNeighbouringChannels) {
  Shape s = same(1, 3, 1, 1);
  s.R = 3;
  const Layer layer = op_layer("lrn", Op::lrn, s);
  PassTensors t;
  t.x = {1, 2, 3};
  const auto y = op_reference(layer, Pass::fwd, t);
  // Channel 0's window holds channels 0 and 1; channel 1's all three.
  EXPECT_NEAR(y[0].value, 1 * std::pow(1 + 1e-4 / 3 * (1 + 4), -0.75), 1e-15);
  EXPECT_NEAR(y[1].value, 2 * std::pow(1 + 1e-4 / 3 * (1 + 4 + 9), -0.75), 1e-15);
}

TEST(OpReference, SoftmaxLossGivesProbabilitiesAndTheirGradient) {
  const Layer layer = op_layer("loss", Op::softmax_loss, same(1, 2, 1, 1));
  PassTensors t;
  t.x = {0, static_cast<float>(std::log(3.0))};
  const auto p = op_reference(layer, Pass::fwd, t);
  EXPECT_NEAR(p[0].value, 0.25, 1e-7);
  EXPECT_NEAR(p[1].value, 0.75, 1e-7);
  const auto dx = op_reference(layer, Pass::bwd_data, t);
  const std::int64_t label = softmax_label(0, 2);
  EXPECT_NEAR(dx[static_cast<std::size_t>(label)].value, p[label].value - 1, 1e-7);
}

TEST(OpReference, ConcatPutsEachPartsChannelsAfterThePartsBeforeIt) {
  const Layer layer = op_layer("cat", Op::concat, same(1, 3, 1, 2), 2);
  EXPECT_EQ(concat_channels(layer), (std::vector<std::int64_t>{2, 1}));
  PassTensors t;
  t.x = {1, 2, 3, 4, 5, 6};  // part 0: channels of (1, 2) and (3, 4); part 1: (5, 6)
  const auto y = op_reference(layer, Pass::fwd, t);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(y[i].value, t.x[i]);
  // Two images: each image's part-0 block, then its part-1 block.
  const Layer two = op_layer("cat2", Op::concat, same(2, 2, 1, 1), 2);
  t.x = {1, 2, 3, 4};  // part 0: images (1, 2); part 1: images (3, 4)
  const auto joined = op_reference(two, Pass::fwd, t);
  EXPECT_EQ(joined[0].value, 1);
  EXPECT_EQ(joined[1].value, 3);
  EXPECT_EQ(joined[2].value, 2);
  EXPECT_EQ(joined[3].value, 4);
}

TEST(OpReference, RefusesConvAndAPassTheOpHasNot) {
  PassTensors t;
  EXPECT_THROW(op_reference(op_layer("r", Op::relu, same(1, 1, 1, 1)), Pass::bwd_weights, t),
               std::invalid_argument);
  EXPECT_THROW(op_reference(op_layer("c", Op::conv, same(1, 1, 1, 1)), Pass::fwd, t),
               std::invalid_argument);
}

std::unique_ptr<LayerRunner> make_runner(const std::string& name) {
  for (auto& runner : make_cpu_runners()) {
    if (runner->name() == name) return std::move(runner);
  }
  return nullptr;
}

using Case = std::tuple<std::string, int, Pass>;

std::vector<Case> every_supported_case() {
  std::vector<Case> cases;
  const std::vector<Layer> layers = op_layers();
  for (const auto& runner : make_cpu_runners()) {
    for (int i = 0; i < static_cast<int>(layers.size()); ++i) {
      for (Pass pass : {Pass::fwd, Pass::bwd_data}) {
        if (runner->supports(layers[static_cast<std::size_t>(i)], pass)) {
          cases.emplace_back(std::string(runner->name()), i, pass);
        }
      }
    }
  }
  return cases;
}

class OpRunnerMatchesReference : public ::testing::TestWithParam<Case> {};

TEST_P(OpRunnerMatchesReference, OnRandomInputs) {
  const auto& [runner_name, index, pass] = GetParam();
  const Layer layer = op_layers()[static_cast<std::size_t>(index)];
  std::unique_ptr<LayerRunner> runner = make_runner(runner_name);
  const PassTensors tensors = random_pass_tensors(layer, pass, 2024);
  runner->prepare(layer, pass, tensors);
  runner->run();
  runner->run();  // a second run must not accumulate onto the first
  const Verification v = verify(layer, pass, tensors, runner->result());
  EXPECT_TRUE(v.passed) << runner->description() << "\n" << v.first_failure;
  EXPECT_EQ(v.checked, result_elements(layer, pass));
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  const auto& [runner_name, index, pass] = info.param;
  return runner_name + "_" + op_layers()[static_cast<std::size_t>(index)].name + "_" +
         std::string(to_string(pass));
}

INSTANTIATE_TEST_SUITE_P(EverySupportedOp, OpRunnerMatchesReference,
                         ::testing::ValuesIn(every_supported_case()), case_name);

// Our loops run every op, oneDNN every op it has a primitive for; no other runner runs any.
TEST(OpRunners, WhoRunsWhat) {
  for (const auto& runner : make_cpu_runners()) {
    for (const Layer& layer : op_layers()) {
      for (Pass pass : {Pass::fwd, Pass::bwd_data}) {
        const bool supported = runner->supports(layer, pass);
        if (runner->name() == "direct") {
          EXPECT_TRUE(supported) << layer.name;
        } else if (runner->name() != "onednn") {
          EXPECT_FALSE(supported) << runner->name() << " " << layer.name;
        }
      }
      EXPECT_FALSE(runner->supports(layer, Pass::bwd_weights)) << runner->name() << layer.name;
    }
  }
#ifdef ROOF_HAVE_ONEDNN
  const auto onednn = make_runner("onednn");
  const std::vector<Layer> layers = op_layers();
  EXPECT_TRUE(onednn->supports(layers[7], Pass::bwd_data));    // batch norm
  EXPECT_FALSE(onednn->supports(layers[8], Pass::bwd_data));   // concat's split
  EXPECT_FALSE(onednn->supports(layers[10], Pass::fwd));       // dropout
  EXPECT_FALSE(onednn->supports(layers[11], Pass::bwd_data));  // softmax with loss
#endif
}

// A wrong element is found: the verification of the ops compares every element.
TEST(OpRunners, VerificationCatchesAWrongElement) {
  const Layer layer = op_layers()[7];  // batch norm
  const PassTensors tensors = random_pass_tensors(layer, Pass::bwd_data, 7);
  auto runner = make_runner("direct");
  runner->prepare(layer, Pass::bwd_data, tensors);
  runner->run();
  std::vector<float> result = runner->result();
  ASSERT_TRUE(verify(layer, Pass::bwd_data, tensors, result).passed);
  result[result.size() / 2] += 1e-3f;
  const Verification v = verify(layer, Pass::bwd_data, tensors, result);
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.failures, 1);
}

}  // namespace
}  // namespace roof::kernels
