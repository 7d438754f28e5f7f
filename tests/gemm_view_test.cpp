// The GEMM view of a pass and its tiles and waves, on rows worked out by hand.
#include <gtest/gtest.h>

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "roofline/gemm_view.hpp"
#include "support/input_error.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::find_layer;

// M x N x K x groups must be the cost model's MACs for every pass whose M is the output side.
std::int64_t macs_of(const GemmShape& g) {
  return g.M * g.N * g.K * g.groups;
}

TEST(GemmView, ResNet50Layer1Conv2AtBatch16) {
  BuildOptions options;
  options.batch = 16;
  const Network network = build_network("resnet50", options);  // find_layer returns into it
  const Layer& conv = find_layer(network, "layer1.0.conv2");
  // 64 -> 64 channels, 3x3, stride 1, 56x56: fwd M = 16*56*56 = 50176, N = 64, K = 64*9 = 576.
  const GemmShape fwd = gemm_of(conv, Pass::fwd);
  EXPECT_EQ(fwd.M, 50176);
  EXPECT_EQ(fwd.N, 64);
  EXPECT_EQ(fwd.K, 576);
  EXPECT_EQ(macs_of(fwd), cost_of(conv, DType::fp32).fwd().macs);
  const GemmShape wgrad = gemm_of(conv, Pass::bwd_weights);
  EXPECT_EQ(wgrad.M, 64);
  EXPECT_EQ(wgrad.N, 576);
  EXPECT_EQ(wgrad.K, 50176);
  EXPECT_EQ(macs_of(wgrad), macs_of(fwd));
  // Stride 1, same padding: dX has as many pixels as Y, so bwd_data is the same work.
  EXPECT_EQ(macs_of(gemm_of(conv, Pass::bwd_data)), macs_of(fwd));

  // 128x64 tiles: 392 x 1 tiles; on P100's 56 SMs, one block each, exactly 7 full waves.
  const WaveCount p100 = count_waves(fwd, {128, 64, 1}, 56);
  EXPECT_EQ(p100.tiles, 392);
  EXPECT_EQ(p100.waves, 7);
  EXPECT_DOUBLE_EQ(p100.efficiency(), 1.0);
  // On a K80 die's 13 SMs: 31 waves for 392 tiles, the last holding 2 of 13: 392 / 403.
  const WaveCount k80 = count_waves(fwd, {128, 64, 1}, 13);
  EXPECT_EQ(k80.waves, 31);
  EXPECT_DOUBLE_EQ(k80.wave_efficiency, 392.0 / 403.0);
}

TEST(GemmView, StridedBackwardDataCountsInputPixels) {
  BuildOptions options;
  options.batch = 2;
  // The paper design's downsampling 1x1: layer2.0.conv1, 256 -> 128 channels, stride 2,
  // 56x56 -> 28x28.
  const Network network = build_network("resnet50", options);
  const Layer& conv = find_layer(network, "layer2.0.conv1");
  ASSERT_EQ(conv.shape.stride_h, 2);
  const GemmShape dgrad = gemm_of(conv, Pass::bwd_data);
  EXPECT_EQ(dgrad.M, 2 * conv.shape.H * conv.shape.W);
  EXPECT_EQ(dgrad.N, conv.shape.C);
  EXPECT_EQ(dgrad.K, conv.shape.K);
  // Four input pixels per output pixel: the GEMM view is 4x the pass's MACs.
  EXPECT_EQ(macs_of(dgrad), 4 * cost_of(conv, DType::fp32).fwd().macs);
}

TEST(GemmView, FullyConnectedAndGroups) {
  BuildOptions options;
  options.batch = 128;
  const Network alexnet = build_network("alexnet", options);
  const GemmShape fc6 = gemm_of(find_layer(alexnet, "fc6"), Pass::fwd);
  EXPECT_EQ(fc6.M, 128);
  EXPECT_EQ(fc6.N, 4096);
  EXPECT_EQ(fc6.K, 9216);
  // 128 x 4096 with 128x64 tiles: 64 tiles on 56 SMs is two waves, the second 8/56 full.
  const WaveCount waves = count_waves(fc6, {128, 64, 1}, 56);
  EXPECT_EQ(waves.tiles, 64);
  EXPECT_EQ(waves.waves, 2);
  EXPECT_DOUBLE_EQ(waves.wave_efficiency, 64.0 / 112.0);
  // The grouped conv2 of the two-tower AlexNet: two GEMMs of half the channels each.
  const Layer& conv2 = find_layer(alexnet, "conv2");
  const GemmShape g = gemm_of(conv2, Pass::fwd);
  EXPECT_EQ(g.groups, 2);
  EXPECT_EQ(g.N, conv2.shape.K / 2);
  EXPECT_EQ(macs_of(g), cost_of(conv2, DType::fp32).fwd().macs);
}

TEST(GemmView, PaddingOfANarrowGemm) {
  // N = 3 in a 64-wide tile: 3/64 of each tile holds results.
  const WaveCount w = count_waves({128, 3, 10, 1}, {128, 64, 1}, 1);
  EXPECT_EQ(w.tiles, 1);
  EXPECT_DOUBLE_EQ(w.padding_efficiency, 3.0 / 64.0);
}

TEST(GemmView, RefusesWhatHasNoGemm) {
  const Network net = build_network("resnet18", {});
  EXPECT_THROW(gemm_of(find_layer(net, "relu"), Pass::fwd), InputError);
  EXPECT_THROW(count_waves({1, 1, 1, 1}, {128, 64, 1}, 0), InputError);
  EXPECT_THROW(count_waves({0, 1, 1, 1}, {128, 64, 1}, 56), InputError);
}

}  // namespace
}  // namespace roof
