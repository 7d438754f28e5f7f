// The cost model's formulas (docs/metrics.md) on rows computed by hand.
#include <gtest/gtest.h>

#include "tests/test_helpers.hpp"

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;
using testing_helpers::find_layer;

Layer conv_layer(std::int64_t n, std::int64_t c, std::int64_t hw, std::int64_t k, std::int64_t r,
                 std::int64_t stride, std::int64_t pad, std::int64_t groups = 1) {
  Layer layer{.name = "x", .op = Op::conv};
  Shape& s = layer.shape;
  s.N = n;
  s.C = c;
  s.H = s.W = hw;
  s.K = k;
  s.R = s.S = r;
  s.stride_h = s.stride_w = stride;
  s.pad_h = s.pad_w = pad;
  s.groups = groups;
  s.P = s.Q = window_output(hw, r, stride, pad, 0);
  return layer;
}

// The row the JSON example shows: resnet50 layer1.0.conv2, batch 1, fp32.
// 64 x 56 x 56 -> 64 x 56 x 56, 3x3 pad 1, no bias: MACs = 64*56*56 * 64*9 = 115,605,504;
// bytes = 4 * (X 200,704 + W 36,864 + Y 200,704) = 1,753,088 for each of the three passes.
TEST(CostModel, ResNet50Layer1Conv2MatchesTheHandCount) {
  const Network net = build_network("resnet50", {});
  const LayerCost cost = cost_of(find_layer(net, "layer1.0.conv2"), DType::fp32);
  EXPECT_EQ(cost.params, 36864);
  for (Pass p : kAllPasses) {
    ASSERT_TRUE(cost.pass(p).has_value()) << to_string(p);
    EXPECT_EQ(cost.pass(p)->macs, 115605504) << to_string(p);
    EXPECT_EQ(cost.pass(p)->flops, 231211008) << to_string(p);
    EXPECT_EQ(cost.pass(p)->bytes, 1753088) << to_string(p);
  }
}

// AlexNet conv1: 3 x 227 x 227 -> 96 x 55 x 55, 11x11 stride 4, with bias.
// MACs = 96*55*55 * 3*121 = 105,415,200; params = 34,848 + 96.
// fwd bytes = 4 * (X 154,587 + W 34,848 + b 96 + Y 290,400) = 1,919,724.
TEST(CostModel, AlexNetConv1ByHandAndWithoutBackwardData) {
  const Network net = build_network("alexnet", {});
  const LayerCost cost = cost_of(find_layer(net, "conv1"), DType::fp32);
  EXPECT_EQ(cost.params, 34944);
  EXPECT_EQ(cost.fwd().macs, 105415200);
  EXPECT_EQ(cost.fwd().bytes, 1919724);
  EXPECT_FALSE(cost.pass(Pass::bwd_data).has_value()) << "conv1 reads the image";
  ASSERT_TRUE(cost.pass(Pass::bwd_weights).has_value());
  EXPECT_EQ(cost.pass(Pass::bwd_weights)->bytes, 1919724);  // X + dY + dW + db
}

// The two towers: conv2 sees 48 of the 96 input channels per group.
// MACs = 256*27*27 * 48*25 = 223,948,800; params = 256*48*25 + 256 = 307,456.
TEST(CostModel, GroupedConvolutionCountsOneTowerOfInputs) {
  const Network net = build_network("alexnet", {});
  const LayerCost cost = cost_of(find_layer(net, "conv2"), DType::fp32);
  EXPECT_EQ(cost.fwd().macs, 223948800);
  EXPECT_EQ(cost.params, 307456);
}

// fc6 at batch 128 in fp16: MACs = 128 * 9216 * 4096; bytes = 2 * (X + W + b + Y).
TEST(CostModel, FullyConnectedLayerAtBatch128Fp16) {
  const Network net = build_network("alexnet", {Dataset::imagenet, 128, false});
  const LayerCost cost = cost_of(find_layer(net, "fc6"), DType::fp16);
  EXPECT_EQ(cost.fwd().macs, 4831838208);
  EXPECT_EQ(cost.fwd().bytes, 2 * (128 * 9216 + 9216 * 4096 + 4096 + 128 * 4096));
  EXPECT_EQ(cost.pass(Pass::bwd_data)->bytes, 2 * (128 * 4096 + 9216 * 4096 + 128 * 9216));
}

// A 1x1 convolution is one GEMM: M = N*P*Q rows, K outputs, C reductions. It must cost exactly
// what an fc layer with N*H*W images costs, in every pass.
TEST(CostModel, OneByOneConvolutionCostsExactlyItsGemm) {
  Layer conv = conv_layer(4, 256, 14, 512, 1, 1, 0);
  conv.bias = true;
  Layer fc{.name = "gemm", .op = Op::fc, .bias = true};
  fc.shape.N = 4 * 14 * 14;
  fc.shape.C = 256;
  fc.shape.K = 512;
  ASSERT_TRUE(is_conv1x1(conv));
  const LayerCost a = cost_of(conv, DType::fp32);
  const LayerCost b = cost_of(fc, DType::fp32);
  EXPECT_EQ(a.fwd().macs, std::int64_t{4 * 14 * 14} * 512 * 256);
  EXPECT_EQ(a.params, b.params);
  for (Pass p : kAllPasses) {
    EXPECT_EQ(a.pass(p)->macs, b.pass(p)->macs) << to_string(p);
    EXPECT_EQ(a.pass(p)->bytes, b.pass(p)->bytes) << to_string(p);
  }
}

// In every network, both backward passes of every conv and fc layer have the forward's MACs,
// and only the layers that read the image lack bwd_data.
TEST(CostModel, BackwardPassesHaveTheForwardMacsAndOnlyTheFirstLayerLacksBwdData) {
  for (Dataset dataset : {Dataset::imagenet, Dataset::cifar10}) {
    for (const CatalogueEntry& entry : catalogue()) {
      if (dataset == Dataset::cifar10 && !entry.has_cifar10) continue;
      const Network net = build_network(entry.name, {dataset, 2, false});
      for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& layer = net.layers[i];
        const LayerCost cost = cost_of(layer, DType::fp32);
        EXPECT_EQ(cost.pass(Pass::bwd_data).has_value(), i != 0) << entry.name << ":" << layer.name;
        if (layer.op != Op::conv && layer.op != Op::fc) {
          EXPECT_FALSE(cost.pass(Pass::bwd_weights).has_value()) << layer.name;
          continue;
        }
        ASSERT_TRUE(cost.pass(Pass::bwd_weights).has_value()) << layer.name;
        EXPECT_EQ(cost.pass(Pass::bwd_weights)->macs, cost.fwd().macs) << layer.name;
        if (i != 0) {
          EXPECT_EQ(cost.pass(Pass::bwd_data)->macs, cost.fwd().macs) << layer.name;
        }
      }
    }
  }
}

// The other ops: bytes from the tensors they touch (docs/metrics.md, "other ops").
TEST(CostModel, ElementWiseOpsMoveTheirTensors) {
  const Network net = build_network("resnet50", {Dataset::imagenet, 2, false});
  const std::int64_t e = 2 * 64 * 56 * 56;
  const LayerCost relu = cost_of(find_layer(net, "layer1.0.relu1"), DType::fp32);
  EXPECT_EQ(relu.fwd().bytes, 4 * 2 * e);                  // X in, Y out
  EXPECT_EQ(relu.pass(Pass::bwd_data)->bytes, 4 * 3 * e);  // Y, dY in, dX out
  EXPECT_EQ(relu.fwd().macs, 0);
  const LayerCost bn = cost_of(find_layer(net, "layer1.0.bn1"), DType::fp32);
  EXPECT_EQ(bn.params, 2 * 64);
  EXPECT_EQ(bn.fwd().bytes, 4 * (2 * e + 2 * 64));
  const std::int64_t e256 = 2 * 256 * 56 * 56;
  const LayerCost add = cost_of(find_layer(net, "layer1.0.add"), DType::fp32);
  EXPECT_EQ(add.fwd().bytes, 4 * 3 * e256);  // two inputs, one output
  EXPECT_EQ(add.fwd().flops, e256);
}

TEST(CostModel, DropoutMaskIsOneBytePerElementWhateverTheDtype) {
  const Network net = build_network("alexnet", {Dataset::imagenet, 8, false});
  const Layer& drop = find_layer(net, "drop6");
  const std::int64_t e = 8 * 4096;
  EXPECT_EQ(cost_of(drop, DType::fp32).fwd().bytes, 4 * 2 * e + e);
  EXPECT_EQ(cost_of(drop, DType::fp16).fwd().bytes, 2 * 2 * e + e);
}

TEST(CostModel, HalfPrecisionHalvesTheBytesOfConvAndFcButNotTheWork) {
  const Network net = build_network("vgg16", {Dataset::imagenet, 4, false});
  for (const Layer& layer : net.layers) {
    if (layer.op != Op::conv && layer.op != Op::fc) continue;
    const LayerCost fp32 = cost_of(layer, DType::fp32);
    for (DType half : {DType::fp16, DType::bf16}) {
      const LayerCost h = cost_of(layer, half);
      EXPECT_EQ(2 * h.fwd().bytes, fp32.fwd().bytes) << layer.name;
      EXPECT_EQ(h.fwd().flops, fp32.fwd().flops) << layer.name;
    }
  }
}

// Every count scales with the batch except parameters: at batch 65536 the totals of ResNet-152
// (the deepest network) are exactly 65536 times those at batch 1, so nothing wrapped.
TEST(CostModel, NoOverflowAtBatch65536OnResNet152) {
  const NetworkTotals one = totals_of(build_network("resnet152", {}), DType::fp32);
  const NetworkTotals big =
      totals_of(build_network("resnet152", {Dataset::imagenet, 65536, false}), DType::fp32);
  EXPECT_EQ(big.macs, 65536 * one.macs);
  EXPECT_EQ(big.params, one.params);
  EXPECT_EQ(big.flops, 65536 * one.flops);      // every FLOP count is linear in the batch
  EXPECT_GT(big.flops, std::int64_t{1} << 50);  // 4.4e15: far beyond 32 bits
  for (std::size_t p = 0; p < 3; ++p) EXPECT_GT(big.bytes_by_pass[p], one.bytes_by_pass[p]);
}

TEST(CostModel, AnAbsurdBatchIsRefusedInsteadOfWrapping) {
  const Network net = build_network("resnet152", {Dataset::imagenet, std::int64_t{1} << 40, false});
  EXPECT_THROW(totals_of(net, DType::fp32), InputError);
}

// totals.flops is every pass of every layer, the other ops' FLOPs included.
TEST(CostModel, TotalFlopsSumEveryPassOfEveryLayer) {
  const Network net = build_network("googlenet", {Dataset::imagenet, 3, false});
  std::int64_t flops = 0;
  std::int64_t macs = 0;
  for (const Layer& layer : net.layers) {
    const LayerCost cost = cost_of(layer, DType::fp32);
    macs += cost.fwd().macs;
    for (Pass p : kAllPasses) flops += cost.pass(p) ? cost.pass(p)->flops : 0;
  }
  const NetworkTotals t = totals_of(net, DType::fp32);
  EXPECT_EQ(t.flops, flops);
  EXPECT_EQ(t.macs, macs);
  EXPECT_EQ(t.flops_by_pass[0] + t.flops_by_pass[1] + t.flops_by_pass[2], t.flops);
}

}  // namespace
}  // namespace roof
