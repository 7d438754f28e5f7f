// The float64 reference against sums done by hand. With weights 1, 10, 100, 1000 the digits of
// each result say which taps contributed.
#include "kernels/cpu/reference.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/kernels/test_layers.hpp"

namespace roof::kernels {
namespace {

using testing::layer_from;

std::vector<double> all_points(const Layer& layer, Pass pass, const PassTensors& tensors) {
  std::vector<double> values;
  for (std::int64_t i = 0; i < result_elements(layer, pass); ++i) {
    values.push_back(reference_point(layer, pass, tensors, i).value);
  }
  return values;
}

// x = [1 2; 3 4], w = [1 10; 100 1000], padding 1: a 3x3 output.
Layer two_by_two(bool bias) {
  return layer_from("mb1ic1ih2oc1kh2ph1n\"2x2\"", bias);
}

TEST(Reference, ConvForwardByHand) {
  const Layer layer = two_by_two(true);
  PassTensors t;
  t.x = {1, 2, 3, 4};
  t.w = {1, 10, 100, 1000};
  t.bias = {0.5f};
  // y[p][q] = x[p-1][q-1] + 10 x[p-1][q] + 100 x[p][q-1] + 1000 x[p][q] + 0.5
  const std::vector<double> expected = {1000.5, 2100.5, 200.5, 3010.5, 4321.5,
                                        402.5,  30.5,   43.5,  4.5};
  EXPECT_EQ(all_points(layer, Pass::fwd, t), expected);
  // Every term is positive, so the magnitude is the value itself.
  EXPECT_DOUBLE_EQ(reference_point(layer, Pass::fwd, t, 4).magnitude, 4321.5);
}

TEST(Reference, ConvBackwardDataByHand) {
  const Layer layer = two_by_two(false);
  PassTensors t;
  t.w = {1, 10, 100, 1000};
  t.dy = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  // dx[h][w] = dy[h+1][w+1] + 10 dy[h+1][w] + 100 dy[h][w+1] + 1000 dy[h][w]
  EXPECT_EQ(all_points(layer, Pass::bwd_data, t), (std::vector<double>{1245, 2356, 4578, 5689}));
}

TEST(Reference, ConvBackwardWeightsByHand) {
  const Layer layer = two_by_two(false);
  PassTensors t;
  t.x = {1, 2, 3, 4};
  t.dy = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  // dw[r][s] = sum over p, q of x[p-1+r][q-1+s] dy[p][q]
  //   dw[0][0] = 1*5 + 2*6 + 3*8 + 4*9,  dw[0][1] = 1*4 + 2*5 + 3*7 + 4*8,
  //   dw[1][0] = 1*2 + 2*3 + 3*5 + 4*6,  dw[1][1] = 1*1 + 2*2 + 3*4 + 4*5
  EXPECT_EQ(all_points(layer, Pass::bwd_weights, t), (std::vector<double>{77, 67, 47, 37}));
}

TEST(Reference, StrideAndDilationByHand) {
  PassTensors t;
  t.x = {1, 2, 3, 4, 5};
  t.w = {1, 10};
  // Dilation 1 (benchdnn's count) spreads the two taps one column apart: y[q] = x[q] + 10 x[q+2].
  const Layer dilated = layer_from("mb1ic1ih1iw5oc1kh1kw2dh0dw1");
  EXPECT_EQ(all_points(dilated, Pass::fwd, t), (std::vector<double>{31, 42, 53}));
  // Stride 2: y[q] = x[2q] + 10 x[2q+1].
  const Layer strided = layer_from("mb1ic1ih1iw5oc1kh1kw2sh1sw2");
  EXPECT_EQ(all_points(strided, Pass::fwd, t), (std::vector<double>{21, 43}));
  // bwd_data of the strided one: x[4] is read by no output position.
  PassTensors back;
  back.w = {1, 10};
  back.dy = {1, 2};
  EXPECT_EQ(all_points(strided, Pass::bwd_data, back), (std::vector<double>{1, 10, 2, 20, 0}));
}

TEST(Reference, GroupsKeepChannelsApart) {
  // Two groups of one channel, 1x1: each output channel sees its own input channel only.
  const Layer layer = layer_from("g2mb1ic2ih1iw2oc2kh1kw1");
  PassTensors t;
  t.x = {1, 2, 3, 4};  // channel 0: 1 2, channel 1: 3 4
  t.w = {10, 100};
  EXPECT_EQ(all_points(layer, Pass::fwd, t), (std::vector<double>{10, 20, 300, 400}));
  t.dy = {1, 1, 1, 1};
  EXPECT_EQ(all_points(layer, Pass::bwd_weights, t), (std::vector<double>{3, 7}));
}

TEST(Reference, FullyConnectedByHand) {
  const Layer layer = layer_from("mb2ic3oc2n\"fc\"", true);
  PassTensors t;
  t.x = {1, 2, 3, 4, 5, 6};      // N x C
  t.w = {1, 0, -1, 10, 10, 10};  // K x C
  t.bias = {0.25f, -0.25f};
  t.dy = {1, 2, 3, 4};  // N x K
  EXPECT_EQ(all_points(layer, Pass::fwd, t), (std::vector<double>{-1.75, 59.75, -1.75, 149.75}));
  // dx[n][c] = sum_k dy[n][k] w[k][c]
  EXPECT_EQ(all_points(layer, Pass::bwd_data, t), (std::vector<double>{21, 20, 19, 43, 40, 37}));
  // dw[k][c] = sum_n x[n][c] dy[n][k]
  EXPECT_EQ(all_points(layer, Pass::bwd_weights, t), (std::vector<double>{13, 17, 21, 18, 24, 30}));
  // Magnitude: |1*1| + |2*0| + |3*-1| + |0.25|
  EXPECT_DOUBLE_EQ(reference_point(layer, Pass::fwd, t, 0).magnitude, 4.25);
}

}  // namespace
}  // namespace roof::kernels
