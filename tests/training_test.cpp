// Placement and training composition on a hand-checked network: one fc layer on a device of
// round numbers (1 TFLOP/s, 100 GB/s).
#include <gtest/gtest.h>

#include "networks/catalogue.hpp"
#include "networks/descriptor.hpp"
#include "roofline/achievable_model.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"
#include "tests/roofline_test_devices.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;
using testing_helpers::round_device;

// fc 1024 -> 1024 at batch 128, with bias. Per pass 2 x 128 x 1024 x 1024 = 268,435,456 FLOPs.
// fwd bytes 4 x (131,072 + 1,048,576 + 1,024 + 131,072) = 5,246,976: AI 51.2 > ridge 10, so
// every pass is compute bound at 1 TFLOP/s: 268.435456 us each. The update moves 5 x 4 bytes
// per parameter (1,049,600 of them): 20,992,000 bytes at 100 GB/s = 209.92 us.
Network one_fc_layer() {
  return parse_descriptor_file("--ip\nmb128ic1024oc1024n\"tiny:fc\"\n", "tiny");
}

TEST(Placement, EveryPassOnTheRoofInAutogradOrder) {
  const Placement p = place(one_fc_layer(), round_device(), {});
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0].pass, Pass::fwd);
  EXPECT_EQ(p.rows[1].pass, Pass::bwd_data);
  EXPECT_EQ(p.rows[2].pass, Pass::bwd_weights);
  for (const PlacedPass& r : p.rows) {
    EXPECT_EQ(r.bound, Bound::compute);
    EXPECT_DOUBLE_EQ(r.flops, 268435456.0);
    EXPECT_NEAR(r.seconds, 268.435456e-6, 1e-15);
    EXPECT_DOUBLE_EQ(r.attainable_flops, 1e12);
    EXPECT_NEAR(r.share, 1.0 / 3, 1e-12);
  }
  EXPECT_NEAR(p.rows[0].ai, 268435456.0 / 5246976.0, 1e-12);
  EXPECT_NEAR(p.seconds, 3 * 268.435456e-6, 1e-15);
}

TEST(Training, IterationEpochAndRunByHand) {
  TrainingOptions options;
  options.images_per_epoch = 1000;  // ceil(1000 / 128) = 8 iterations
  options.epochs = 3;
  const TrainingPrediction t = predict_training(one_fc_layer(), round_device(), options);
  EXPECT_NEAR(t.fwd_s, 268.435456e-6, 1e-15);
  EXPECT_NEAR(t.bwd_s, 2 * 268.435456e-6, 1e-15);
  EXPECT_EQ(t.update.params, 1049600);
  EXPECT_DOUBLE_EQ(t.update.bytes, 20992000.0);
  EXPECT_NEAR(t.update_s, 209.92e-6, 1e-15);
  EXPECT_NEAR(t.iteration_s, 3 * 268.435456e-6 + 209.92e-6, 1e-15);
  EXPECT_EQ(t.iterations_per_epoch, 8);
  EXPECT_NEAR(t.epoch_s, 8 * t.iteration_s, 1e-15);
  EXPECT_NEAR(t.total_s, 24 * t.iteration_s, 1e-14);
}

TEST(Training, MemoryBoundLayersAndOpsUseTheBandwidth) {
  // The same fc at batch 1: AI = 2 x 1024 x 1024 / (4 x (1024 + 1,048,576 + 1024 + 1024))
  // is about 0.5 FLOP/byte, far below the ridge: time = bytes / 100 GB/s.
  const Network net = parse_descriptor_file("--ip\nmb1ic1024oc1024n\"tiny:fc\"\n", "tiny");
  const Placement p = place(net, round_device(), {});
  EXPECT_EQ(p.rows[0].bound, Bound::memory);
  EXPECT_NEAR(p.rows[0].seconds, 4.0 * (1024 + 1048576 + 1024 + 1024) / 100e9, 1e-15);
  EXPECT_NEAR(p.rows[0].attainable_flops, p.rows[0].ai * 100e9, 1e-3);
}

TEST(Training, WinogradExecutesFewerFlopsOnlyWhereItApplies) {
  const Network net = parse_descriptor_file(
      "--conv\nmb64ic64ih56oc64oh56kh3ph1n\"w:3x3\"\nmb64ic64ih56oc64oh28kh3sh2ph1n\"w:s2\"\n"
      "mb64ic3ih56oc64oh56kh3ph1n\"w:rgb\"\n",
      "w");
  PlacementOptions automatic;
  automatic.conv_algo = ConvAlgo::automatic;
  const Placement p = place(net, round_device(), automatic);
  for (const PlacedPass& r : p.rows) {
    const bool winograd = r.layer == "3x3" && r.pass != Pass::bwd_weights;
    EXPECT_EQ(r.algorithm, winograd ? "winograd F(2x2,3x3)" : "direct") << r.layer;
    EXPECT_NEAR(r.executed_flops, winograd ? r.flops / 2.25 : r.flops, 1e-3) << r.layer;
    if (winograd) {
      EXPECT_GT(r.effective_flops(), r.attainable_flops);
    }
  }
  PlacementOptions forced;
  forced.conv_algo = ConvAlgo::winograd;  // the RGB layer too, but never the strided one
  for (const PlacedPass& r : place(net, round_device(), forced).rows) {
    const bool winograd = r.layer != "s2" && r.pass != Pass::bwd_weights;
    EXPECT_EQ(r.algorithm, winograd ? "winograd F(2x2,3x3)" : "direct") << r.layer;
  }
}

// --time-update: the reported time leaves the update out (or keeps it) whatever the recipe says;
// the iteration and the epoch keep it either way. By hand: 3 x 268.435456 us of passes and the
// 209.92 us update under the roofline model.
TEST(Training, TimeUpdateChoosesWhatTheReportedTimeIncludes) {
  TrainingOptions options;
  options.images_per_epoch = 128;
  EXPECT_TRUE(predict_training(one_fc_layer(), round_device(), options).update_in_reported);
  options.time_update = false;
  const TrainingPrediction without = predict_training(one_fc_layer(), round_device(), options);
  EXPECT_FALSE(without.update_in_reported);
  EXPECT_NEAR(without.reported_s, 3 * 268.435456e-6, 1e-15);
  EXPECT_NEAR(without.iteration_s, 3 * 268.435456e-6 + 209.92e-6, 1e-15);
  EXPECT_NEAR(without.epoch_s, without.iteration_s, 1e-15);
}

// The other way round on a recipe that leaves the update and the loss out (Torch7 as
// cnn-benchmarks times it), on a calibrated GPU: --time-update on puts the update back.
TEST(Training, TimeUpdateOnPutsTheUpdateBackIntoARecipeWithoutIt) {
  TrainingOptions options;
  options.images_per_epoch = 16;
  options.placement.model = TimeModel::achievable;
  options.placement.framework = "torch7";
  const Network net = build_network("resnet18", {Dataset::imagenet, 16, false});
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  const Device& gpu = catalogue.find("GTX1080");
  const TrainingPrediction recipe = predict_training(net, gpu, options);
  EXPECT_FALSE(recipe.update_in_reported);
  EXPECT_GT(recipe.loss_s, 0);
  EXPECT_NEAR(recipe.reported_s, recipe.iteration_s - recipe.update_s - recipe.loss_s, 1e-12);
  options.time_update = true;
  const TrainingPrediction with = predict_training(net, gpu, options);
  EXPECT_TRUE(with.update_in_reported);
  EXPECT_GT(with.update_s, 0);
  EXPECT_NEAR(with.reported_s, with.iteration_s - with.loss_s, 1e-12);
}

// PyTorch 1.x's gradient bookkeeping (the pytorch1 recipe): per weight tensor one fill before
// the forward pass and one add after its gradient, 4 passes over the parameters, in the
// iteration and in the reported time even with the update left out. ResNet-18 has 62 weight
// tensors (20 convs, 20 batch norms' two each, the fc's weight and bias) and 11,689,512
// parameters (torchvision's count). The 2.x recipe has none of it, and the passes are the same.
TEST(Training, Pytorch1AddsAFillAndAnAddPerWeightTensor) {
  TrainingOptions options;
  options.images_per_epoch = 12;
  options.placement.model = TimeModel::achievable;
  options.time_update = false;
  const Network net = build_network("resnet18", {Dataset::imagenet, 12, false});
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  const Device& gpu = catalogue.find("GTX1080Ti");
  const TrainingPrediction two = predict_training(net, gpu, options);
  options.placement.framework = "pytorch1";
  const TrainingPrediction one = predict_training(net, gpu, options);
  EXPECT_EQ(two.placement.grad_bookkeeping.kernels, 0);
  EXPECT_EQ(two.grad_bookkeeping_s, 0);
  const GradBookkeeping& book = one.placement.grad_bookkeeping;
  EXPECT_EQ(book.kernels, 2 * 62);
  EXPECT_EQ(one.update.tensors, 62);
  EXPECT_DOUBLE_EQ(book.bytes, 4.0 * 11689512 * 4);
  EXPECT_DOUBLE_EQ(book.flops, 11689512.0);
  // Each kernel at least the memory-op floor, all of them at least their bytes' streaming time.
  const AchievableModel& model = AchievableModel::builtin();
  EXPECT_GE(one.grad_bookkeeping_s, 124 * model.memory_ops.floor_s);
  EXPECT_GT(one.grad_bookkeeping_s, book.bytes / (one.placement.roof.bandwidth *
                                                  model.bandwidth_fraction("relu", Pass::fwd)));
  // The 62 fills are launched 10 us apart onto an idle GPU, and run in less: the GPU waits.
  EXPECT_GT(book.host_wait_s, 0);
  EXPECT_LT(book.host_wait_s, 62 * one.placement.dispatch_s);
  ASSERT_EQ(one.placement.rows.size(), two.placement.rows.size());
  for (std::size_t r = 0; r < one.placement.rows.size(); ++r) {
    EXPECT_DOUBLE_EQ(one.placement.rows[r].seconds, two.placement.rows[r].seconds);
  }
  EXPECT_DOUBLE_EQ(one.update_s, two.update_s);
  EXPECT_NEAR(one.iteration_s,
              two.iteration_s + one.grad_bookkeeping_s + (one.host_idle_s - two.host_idle_s),
              1e-12);
  EXPECT_NEAR(one.reported_s, one.iteration_s - one.update_s, 1e-12);
  EXPECT_GE(one.host_idle_s, book.host_wait_s);  // the waits before the fills are in it
}

// Under the achievable model a clock set with --clock scales each conv and fc pass's compute
// term by the clock ratio (its plateau is a fraction of the peak at that clock) and leaves the
// memory terms, the fixed costs and the algorithm as they were: VGG-16 on a V100 at half its
// 1530 MHz boost.
TEST(Training, AClockSetInMhzScalesTheAchievableComputeTermsOnly) {
  const Network net = build_network("vgg16", {Dataset::imagenet, 32, false});
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  const Device& v100 = catalogue.find("V100-SXM2");
  PlacementOptions rated;
  rated.model = TimeModel::achievable;
  PlacementOptions half = rated;
  half.roof.clock_mhz = 765;
  const Placement a = place(net, v100, rated);
  const Placement b = place(net, v100, half);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  int convs = 0;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const AchievedPass& x = *a.rows[i].achieved;
    const AchievedPass& y = *b.rows[i].achieved;
    EXPECT_EQ(x.algorithm, y.algorithm) << i;
    EXPECT_DOUBLE_EQ(x.memory_s, y.memory_s) << i;
    EXPECT_DOUBLE_EQ(x.fixed_s, y.fixed_s) << i;
    if (!x.algorithm.empty()) {  // a conv or fc pass
      EXPECT_NEAR(y.compute_s, 2 * x.compute_s, 1e-12 * x.compute_s) << i;
      ++convs;
    }
  }
  EXPECT_EQ(convs, 16 * 3 - 1);           // 13 conv and 3 fc layers; no input gradient for conv1
  EXPECT_GT(b.seconds, 1.5 * a.seconds);  // VGG-16 at batch 32 is mostly compute bound
}

TEST(Training, DatasetSizesAndBadOptions) {
  EXPECT_EQ(dataset_images("imagenet"), 1281167);
  EXPECT_EQ(dataset_images("cifar10"), 50000);
  EXPECT_EQ(dataset_images("mnist"), 60000);
  expect_input_error([] { dataset_images("svhn"); }, "unknown dataset size 'svhn'");
  TrainingOptions options;
  options.images_per_epoch = 10;
  options.epochs = 0;
  expect_input_error([&] { predict_training(one_fc_layer(), round_device(), options); },
                     "--epochs must be at least 1");
}

}  // namespace
}  // namespace roof
