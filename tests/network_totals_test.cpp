// Network totals against published figures: each row names its source (torchvision's model
// metadata, the networks' papers, convnet-burden, imgclsmob, kuangliu/pytorch-cifar). Published
// totals count multiply-accumulates (MACs) of conv and fc layers, which is what totals.macs is;
// parameters include biases and batch-norm scale and shift.
#include <gtest/gtest.h>

#include <string>

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"

namespace roof {
namespace {

struct Published {
  std::string network;
  Dataset dataset;
  double gmac;            // published forward MACs, in 10^9
  double gmac_tolerance;  // relative
  double mparams;         // published parameters, in 10^6; 0 when the source gives none
  double mparams_tolerance;
  const char* source;
};

void PrintTo(const Published& p, std::ostream* os) {
  *os << p.network;
}

class PublishedTotals : public testing::TestWithParam<Published> {};

TEST_P(PublishedTotals, MatchWithinTolerance) {
  const Published& p = GetParam();
  const NetworkTotals t = totals_of(build_network(p.network, {p.dataset, 1, false}), DType::fp32);
  EXPECT_NEAR(static_cast<double>(t.macs) / 1e9, p.gmac, p.gmac * p.gmac_tolerance) << p.source;
  if (p.mparams > 0) {
    EXPECT_NEAR(static_cast<double>(t.params) / 1e6, p.mparams, p.mparams * p.mparams_tolerance)
        << p.source;
  }
}

constexpr Dataset kImageNet = Dataset::imagenet;
constexpr Dataset kCifar = Dataset::cifar10;

INSTANTIATE_TEST_SUITE_P(
    Catalogue, PublishedTotals,
    testing::Values(
        // AlexNet, grouped two-tower at 227x227: convnet-burden (albanie) README, caffenet 0.724
        // GMAC; Krizhevsky et al. 2012 "60 million parameters" (60.97 M counted by Caffe).
        Published{"alexnet", kImageNet, 0.724, 0.005, 60.97, 0.001, "convnet-burden, Caffe"},
        // "One weird trick" AlexNet = torchvision alexnet: _ops 0.714, num_params 61,100,840.
        Published{"alexnet_owt", kImageNet, 0.714, 0.005, 61.100840, 1e-6, "torchvision meta"},
        // VGG A/B/D/E = torchvision vgg11/13/16/19 (no BN): _ops and num_params.
        Published{"vgg11", kImageNet, 7.609, 0.001, 132.863336, 1e-6, "torchvision meta"},
        Published{"vgg13", kImageNet, 11.308, 0.001, 133.047848, 1e-6, "torchvision meta"},
        Published{"vgg16", kImageNet, 15.47, 0.001, 138.357544, 1e-6, "torchvision meta"},
        Published{"vgg19", kImageNet, 19.632, 0.001, 143.66724, 1e-6, "torchvision meta"},
        // ResNet-18/34: torchvision _ops 1.814 / 3.664, num_params 11,689,512 / 21,797,672.
        Published{"resnet18", kImageNet, 1.814, 0.001, 11.689512, 1e-6, "torchvision meta"},
        Published{"resnet34", kImageNet, 3.664, 0.001, 21.797672, 1e-6, "torchvision meta"},
        // ResNet-50 paper design: He et al. 2016 "3.8 billion FLOPs (multiply-adds)"; the
        // imgclsmob v1 model lists 3.87795; 25.56 M parameters as torchvision's.
        Published{"resnet50", kImageNet, 3.86, 0.005, 25.557032, 1e-6, "He et al., imgclsmob"},
        // ResNet-101/152 paper design: He et al. 2016, "7.6" and "11.3 billion FLOPs".
        Published{"resnet101", kImageNet, 7.6, 0.01, 44.54916, 1e-6, "He et al. 2016"},
        Published{"resnet152", kImageNet, 11.3, 0.01, 60.192808, 1e-6, "He et al. 2016"},
        // v1.5 (stride on the 3x3) = torchvision resnet50/101/152: _ops 4.089 / 7.801 / 11.514.
        Published{"resnet50_v1_5", kImageNet, 4.089, 0.001, 25.557032, 1e-6, "torchvision"},
        Published{"resnet101_v1_5", kImageNet, 7.801, 0.001, 44.54916, 1e-6, "torchvision"},
        Published{"resnet152_v1_5", kImageNet, 11.514, 0.001, 60.192808, 1e-6, "torchvision"},
        // CIFAR-10 forms of kuangliu/pytorch-cifar, as torchsummary counts them: ResNet18
        // 11,173,962 parameters and 0.56 GMAC; VGG16 14,728,266; GoogLeNet 6,166,250.
        Published{"resnet18", kCifar, 0.556, 0.01, 11.173962, 1e-6, "kuangliu/pytorch-cifar"},
        Published{"vgg16", kCifar, 0.313, 0.01, 14.728266, 1e-6, "kuangliu/pytorch-cifar"},
        Published{"googlenet", kCifar, 1.53, 0.01, 6.16625, 1e-6, "kuangliu/pytorch-cifar"}));

// ResNet-18 and -34 have no bottleneck, so the paper's and torchvision's stride placements are
// the same network: the two published counts must agree with one build.
TEST(PublishedTotals, BasicBlockResNetsHaveNoStrideVariant) {
  const auto macs = [](const char* name) {
    return totals_of(build_network(name, {}), DType::fp32).macs;
  };
  // He et al. 2016, Table 1: 1.8 and 3.6 x 10^9 FLOPs (multiply-adds).
  EXPECT_NEAR(static_cast<double>(macs("resnet18")) / 1e9, 1.8, 0.02);
  EXPECT_NEAR(static_cast<double>(macs("resnet34")) / 1e9, 3.6, 0.07);
}

// The stride placement alone moves ResNet-50 from 3.86 to 4.09 GMAC (the rows above): the
// 3x3 of each downsampling block runs at the larger resolution in v1.5.
TEST(PublishedTotals, V15CostsMoreThanThePaperDesign) {
  const auto macs = [](const char* name) {
    return static_cast<double>(totals_of(build_network(name, {}), DType::fp32).macs) / 1e9;
  };
  EXPECT_NEAR(macs("resnet50_v1_5") - macs("resnet50"), 4.089 - 3.858, 0.005);
}

// tf_cnn_benchmarks' AlexNet has no published total; its counts follow from alexnet_model.py's
// shapes by hand: conv1-5 70,276,800 + 223,948,800 + 112,140,288 + 224,280,576 + 149,520,384
// MACs and fc6-8 37,748,736 + 16,777,216 + 4,100,096 (1001 classes); 61,842,345 parameters.
// Against torchvision's one-weird-trick AlexNet, conv4's 128 extra filters add 74,760,192 MACs
// and conv5's 128 extra input channels 49,840,128 (the 124 M docs/validation.md cites for the
// K20 rows), fc8's extra class 4,096; both reach 55x55 after conv1 (227 VALID, 224 padded by 2).
TEST(PublishedTotals, TensorflowsAlexNetIsTheOneWeirdTrickWithConv4Of384) {
  const auto totals = [](const char* name) {
    return totals_of(build_network(name, {}), DType::fp32);
  };
  EXPECT_EQ(totals("alexnet_tf").macs, 838'792'896);
  EXPECT_EQ(totals("alexnet_tf").params, 61'842'345);
  EXPECT_EQ(totals("alexnet_tf").macs - totals("alexnet_owt").macs,
            74'760'192 + 49'840'128 + 4'096);
}

// Inception v3 as tf_cnn_benchmarks builds it has no auxiliary head and 1001 logits. torchvision's
// inception_v3 (the same layers, its Mixed_7c pooling by average, which moves no MACs) lists
// _ops 5.713 GMAC (evaluation: the auxiliary head does not run) and num_params 27,161,264,
// which include AuxLogits: 128 x 768 + 768 x 128 x 5 x 5 weights, 2 x (128 + 768) batch-norm
// values and a 768 -> 1000 fc, 3,326,696 in all. Without them, and with the 1001st class
// (2,048 weights and a bias), 23,836,617. Keras' InceptionV3 (the same layers, batch norm
// without scale) lists 23,817,352 trainable parameters, the same weights with one value per
// batch-norm channel instead of two and 1000 classes: 23,817,352 + 17,216 + 2,049 = 23,836,617.
TEST(PublishedTotals, InceptionV3IsTorchvisionsWithoutItsAuxiliaryHead) {
  const NetworkTotals t = totals_of(build_network("inception_v3", {}), DType::fp32);
  EXPECT_NEAR(static_cast<double>(t.macs) / 1e9, 5.713, 0.0005);
  EXPECT_EQ(t.params, 27'161'264 - 3'326'696 + 2'049);
  // torchvision's module: 94 convolutions (96 with AuxLogits), 40 of them 1x1, one fc.
  EXPECT_EQ(t.conv_layers, 94);
  EXPECT_EQ(t.conv1x1_layers, 40);
  EXPECT_EQ(t.fc_layers, 1);
}

TEST(PublishedTotals, LayerCountsOfTheArchitecturePapers) {
  struct Counts {
    const char* network;
    int conv, conv1x1, fc;
  };
  // AlexNet 5 conv + 3 fc; VGG-16 13 + 3 (the paper's "16 weight layers"); ResNet-50 53 conv
  // (49 on the main path + 4 projections), 36 of them 1x1, 1 fc.
  for (const Counts& c : {Counts{"alexnet", 5, 0, 3}, Counts{"vgg16", 13, 0, 3},
                          Counts{"vgg19", 16, 0, 3}, Counts{"resnet50", 53, 36, 1}}) {
    const NetworkTotals t = totals_of(build_network(c.network, {}), DType::fp32);
    EXPECT_EQ(t.conv_layers, c.conv) << c.network;
    EXPECT_EQ(t.conv1x1_layers, c.conv1x1) << c.network;
    EXPECT_EQ(t.fc_layers, c.fc) << c.network;
  }
}

}  // namespace
}  // namespace roof
