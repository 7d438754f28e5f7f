// Winograd F(2x2, 3x3): the transforms against a direct 3x3 correlation of one tile, the weight
// gradient's adjoints against the direct gradient of one tile, and the runner on the layers it
// takes, three passes each, against the float64 reference.
#include <gtest/gtest.h>

#include "kernels/cpu/verify.hpp"
#include "kernels/cpu/winograd_f2x3.hpp"
#include "kernels/cpu/winograd_runner.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::kernels {
namespace {

using testing::layer_from;

// Small integers: every value of the check is exact in float.
TEST(WinogradF2x3, TransformsGiveTheDirectCorrelationOfATile) {
  float d[16], g[9];
  for (int i = 0; i < 16; ++i) d[i] = static_cast<float>((i * 7) % 11 - 5);
  for (int i = 0; i < 9; ++i) g[i] = static_cast<float>((i * 5) % 7 - 3);
  // One tile as a row of one: its four input rows, its 16 values, its two output rows.
  float u[16], v[16], m[16], y[4];
  winograd::filter_transform(g, u);
  float* v_of[16];
  for (int e = 0; e < 16; ++e) v_of[e] = v + e;
  winograd::input_transform_row(d, d + 4, d + 8, d + 12, 1, v_of);
  const float* m_of[16];
  for (int e = 0; e < 16; ++e) {
    m[e] = u[e] * v[e];
    m_of[e] = m + e;
  }
  winograd::output_transform_row(m_of, 1, 0.0f, y, y + 2);
  for (int p = 0; p < 2; ++p) {
    for (int q = 0; q < 2; ++q) {
      float direct = 0;
      for (int r = 0; r < 3; ++r) {
        for (int s = 0; s < 3; ++s) direct += g[3 * r + s] * d[4 * (p + r) + q + s];
      }
      EXPECT_FLOAT_EQ(y[2 * p + q], direct) << p << "," << q;
    }
  }
}

// dL/dg[r][s] = sum over the 2x2 outputs of dy[p][q] d[p + r][q + s], through the adjoints.
TEST(WinogradF2x3, AdjointsGiveTheDirectWeightGradientOfATile) {
  float d[16], dy[4];
  for (int i = 0; i < 16; ++i) d[i] = static_cast<float>((i * 3) % 7 - 3);
  for (int i = 0; i < 4; ++i) dy[i] = static_cast<float>(i * 2 - 3);
  float v[16], z[16], s[16], dg[9];
  float* v_of[16];
  for (int e = 0; e < 16; ++e) v_of[e] = v + e;
  winograd::input_transform_row(d, d + 4, d + 8, d + 12, 1, v_of);
  float* z_of[16];
  for (int e = 0; e < 16; ++e) z_of[e] = z + e;
  winograd::output_gradient_transform_row(dy, dy + 2, 1, z_of);
  for (int e = 0; e < 16; ++e) s[e] = z[e] * v[e];
  winograd::filter_gradient_transform(s, dg);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      float direct = 0;
      for (int p = 0; p < 2; ++p) {
        for (int q = 0; q < 2; ++q) direct += dy[2 * p + q] * d[4 * (p + r) + q + c];
      }
      EXPECT_FLOAT_EQ(dg[3 * r + c], direct) << r << "," << c;
    }
  }
}

TEST(WinogradRunner, TakesOnly3x3StrideOneDenseUngroupedLayers) {
  const WinogradRunner runner;
  EXPECT_TRUE(runner.supports(layer_from("mb2ic3ih7iw9oc4kh3kw3ph1pw1"), Pass::fwd));
  EXPECT_TRUE(runner.supports(layer_from("mb1ic3ih6iw5oc2kh3kw3ph2pw2"), Pass::bwd_data));
  EXPECT_TRUE(runner.supports(layer_from("mb1ic3ih6iw5oc2kh3kw3ph0pw0"), Pass::bwd_weights));
  EXPECT_FALSE(
      runner.supports(layer_from("mb1ic4ih9iw8oc5kh3kw3sh2sw2ph1pw1"), Pass::fwd));       // stride
  EXPECT_FALSE(runner.supports(layer_from("g2mb2ic4ih6iw5oc6kh3kw3ph1pw1"), Pass::fwd));  // groups
  EXPECT_FALSE(
      runner.supports(layer_from("mb1ic3ih9iw10oc4kh3kw3ph2pw2dh1dw1"), Pass::fwd));    // dilation
  EXPECT_FALSE(runner.supports(layer_from("mb2ic8ih5iw7oc6kh1kw1"), Pass::fwd));        // 1x1
  EXPECT_FALSE(runner.supports(layer_from("mb1ic3ih9iw9oc2kh3kw3ph3pw3"), Pass::fwd));  // pad 3
  EXPECT_FALSE(runner.supports(layer_from("mb3ic37oc11"), Pass::fwd));                  // fc
}

// Odd and even extents (a tile past the edge), padding 0, 1 and 2, bias, channels that are
// not multiples of the micro-kernel's tile, a batch of 3.
class WinogradMatchesReference : public ::testing::TestWithParam<std::tuple<int, Pass>> {};

Layer winograd_layer(int index) {
  const char* descriptors[] = {"mb2ic3ih7iw9oc4kh3kw3ph1pw1", "mb1ic5ih6iw5oc7kh3kw3ph2pw2",
                               "mb3ic17ih8iw8oc19kh3kw3ph0pw0", "mb1ic33ih5iw11oc2kh3kw3ph1pw1"};
  return layer_from(descriptors[index], index == 1);
}

TEST_P(WinogradMatchesReference, OnRandomInputs) {
  const auto [index, pass] = GetParam();
  const Layer layer = winograd_layer(index);
  WinogradRunner runner;
  const PassTensors tensors = random_pass_tensors(layer, pass, 99);
  runner.prepare(layer, pass, tensors);
  runner.run();
  runner.run();  // no accumulation onto the previous run
  // Every point, the tile edges among them.
  const Verification v =
      verify(layer, pass, tensors, runner.result(), result_elements(layer, pass));
  EXPECT_TRUE(v.passed) << v.first_failure;
  EXPECT_EQ(v.checked, result_elements(layer, pass));
  // Fewer FLOPs executed than the direct count's 2 x 9 per output and input channel.
  const Shape& d = layer.shape;
  const auto direct = static_cast<double>(2 * 9 * d.K * d.C * d.N * d.P * d.Q);
  EXPECT_LT(runner.executed_flops(layer, pass), direct);
}

INSTANTIATE_TEST_SUITE_P(SmallLayers, WinogradMatchesReference,
                         ::testing::Combine(::testing::Range(0, 4),
                                            ::testing::Values(Pass::fwd, Pass::bwd_data,
                                                              Pass::bwd_weights)));

}  // namespace
}  // namespace roof::kernels
