// "Why does A beat B": the split adds up, the ratios are the devices', the seed's example has
// the intensities worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/explanation.hpp"

namespace roof {
namespace {

Explanation p100_vs_k40m(const char* network, Dataset dataset, std::int64_t batch) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  TrainingOptions options;
  options.images_per_epoch = 50000;
  return explain(build_network(network, {dataset, batch, false}), catalogue.find("P100"),
                 catalogue.find("K40m"), options);
}

TEST(Explanation, SplitAddsUpToEachDevicesIteration) {
  const Explanation e = p100_vs_k40m("googlenet", Dataset::imagenet, 16);
  double a = 0;
  double b = 0;
  int passes = 0;
  for (const TimeSplit& s : e.split) {
    a += s.seconds_a;
    b += s.seconds_b;
    passes += s.passes;
  }
  EXPECT_NEAR(a, e.a.iteration_s, 1e-12);
  EXPECT_NEAR(b, e.b.iteration_s, 1e-12);
  EXPECT_EQ(passes, static_cast<int>(e.b.placement.rows.size()) + 1);  // + the update
  EXPECT_NEAR(e.speedup, e.b.iteration_s / e.a.iteration_s, 1e-12);
  // Compute-bound work speeds up by the peak ratio, memory-bound work by the bandwidth ratio.
  EXPECT_NEAR(e.split[0].speedup(), e.peak_ratio, 1e-9);
  EXPECT_NEAR(e.split[1].speedup(), e.bandwidth_ratio, 1e-9);
  // devices.csv: 9.3 / 4.29 TFLOP/s (P100 PCIe at boost, K40m at base) and 732 / 288 GB/s.
  EXPECT_NEAR(e.peak_ratio, 9.3 / 4.29, 1e-9);
  EXPECT_NEAR(e.bandwidth_ratio, 732.0 / 288.0, 1e-9);
  EXPECT_GT(e.speedup, e.peak_ratio);  // the memory-bound part gains more
  EXPECT_LT(e.speedup, e.bandwidth_ratio);
}

// Seed 000's example: a 3x3 window on one 64x64 channel makes 62x62 outputs of 9 MACs:
// 2 x 34,596 = 69,192 FLOPs per image and pass; at batch 100 a pass moves 4 x (100 x (4096 +
// 3844) + 9) bytes (the 9 weights once), AI 2.18. A 1x1 window: 2 x 4096 = 8192 FLOPs per
// image over 4 x (100 x (4096 + 4096) + 1) bytes, AI 0.25.
TEST(Explanation, TheSeedsOwnExampleByHand) {
  const Explanation e = p100_vs_k40m("vgg16", Dataset::cifar10, 100);
  ASSERT_EQ(e.seed_example.size(), 2u);
  EXPECT_NEAR(e.seed_example[0].ai(), 100 * 69192.0 / (4 * (100 * (4096 + 3844.0) + 9)), 1e-12);
  EXPECT_NEAR(e.seed_example[1].ai(), 100 * 8192.0 / (4 * (100 * 8192.0 + 1)), 1e-12);
  // Both sit below both ridge points: memory bound, so both gain the bandwidth ratio.
  EXPECT_NEAR(e.seed_example[0].speedup(), e.bandwidth_ratio, 1e-9);
  EXPECT_NEAR(e.seed_example[1].speedup(), e.bandwidth_ratio, 1e-9);
  EXPECT_EQ(e.windows[0].layers, 0);  // VGG has no 1x1 convolutions
  EXPECT_NE(e.paragraph.find("no 1x1 convolutions"), std::string::npos) << e.paragraph;
}

TEST(Explanation, ContributorsAreTheLargestDifferencesInOrder) {
  const Explanation e = p100_vs_k40m("resnet50", Dataset::imagenet, 32);
  ASSERT_EQ(e.top_contributors.size(), 5u);
  double share = 0;
  for (std::size_t i = 0; i < e.top_contributors.size(); ++i) {
    const Contributor& c = e.top_contributors[i];
    share += c.share_of_difference;
    if (i > 0) {
      const Contributor& prev = e.top_contributors[i - 1];
      EXPECT_GE(prev.seconds_b - prev.seconds_a, c.seconds_b - c.seconds_a);
    }
  }
  EXPECT_GT(share, 0);
  EXPECT_LT(share, 1);
  EXPECT_NE(e.paragraph.find("Modelled, not measured"), std::string::npos);
}

// Layers that tie exactly share one row, so the cut at --top never splits a group of equal
// layers: VGG-16's conv4_2 and conv4_3 (the same shape, 28x28x512 -> 512 at batch 32).
// (Listed in network order: the row is named after the first of its layers.)
TEST(Explanation, EqualLayersShareAContributorRow) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  TrainingOptions options;
  options.images_per_epoch = 50000;
  const Explanation e = explain(build_network("vgg16", {Dataset::imagenet, 32, false}),
                                catalogue.find("P100"), catalogue.find("K40m"), options, 10);
  bool found = false;
  for (std::size_t i = 0; i < e.top_contributors.size(); ++i) {
    const Contributor& c = e.top_contributors[i];
    // Under the roofline model every compute-bound VGG layer of the same MACs ties (conv1_2,
    // conv2_2, conv3_2-3, conv4_2-3: VGG keeps MACs equal across stages), so the row is named
    // after the first of them, conv1_2.
    if (std::find(c.alike.begin(), c.alike.end(), "conv4_3") != c.alike.end()) {
      found = true;
      EXPECT_EQ(c.layer, "conv1_2");
    }
    for (std::size_t j = 0; j < i; ++j) {
      EXPECT_FALSE(e.top_contributors[j].seconds_a == c.seconds_a &&
                   e.top_contributors[j].seconds_b == c.seconds_b)
          << c.layer;
    }
  }
  EXPECT_TRUE(found);
}

// A device the achievable model has no calibration for keeps its bound: beside an achievable
// prediction the ratio favours it by the other's efficiency, and the explanation says so.
TEST(Explanation, ABoundAgainstAPredictionIsSaidToBeNotLikeWithLike) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  Device uncalibrated = catalogue.find("P100");
  uncalibrated.name = "P100-uncalibrated";
  uncalibrated.architecture = "a family without calibration";
  TrainingOptions options;
  options.images_per_epoch = 50000;
  options.placement.model = TimeModel::achievable;
  const Network net = build_network("resnet18", {Dataset::imagenet, 16, false});
  const Explanation mixed = explain(net, uncalibrated, catalogue.find("P100"), options);
  EXPECT_EQ(mixed.a.placement.model, TimeModel::roofline);
  EXPECT_GT(mixed.speedup, 1.0);  // the same chip, "faster" by the efficiency it was spared
  const std::string said = model_mismatch(mixed);
  EXPECT_NE(said.find("Not like with like: P100-uncalibrated keeps its roofline bound"),
            std::string::npos)
      << said;
  EXPECT_NE(mixed.paragraph.find(said), std::string::npos);
  EXPECT_EQ(model_mismatch(explain(net, catalogue.find("K80"), catalogue.find("P100"), options)),
            "");
}

}  // namespace
}  // namespace roof
