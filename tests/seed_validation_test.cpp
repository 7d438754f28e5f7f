// The seed studies' measurements against the model's predictions for the same setups
// (docs/validation.md explains each row and every miss). The model predicts compute only, so
// absolute times are not pinned; speedups between devices are.
#include <gtest/gtest.h>

#include <string>

#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/interconnect_catalogue.hpp"
#include "roofline/parallel_explanation.hpp"
#include "roofline/parallel_training.hpp"
#include "roofline/training.hpp"

namespace roof {
namespace {

struct SeedRun {
  const char* network;
  Dataset dataset;
  std::int64_t batch;
  std::int64_t images;
  std::int64_t epochs;
};

double predicted_seconds_of(const SeedRun& run, const char* device, Ceilings ceilings) {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  TrainingOptions options;
  options.placement.roof.ceilings = ceilings;
  options.images_per_epoch = run.images;
  options.epochs = run.epochs;
  const Network net = build_network(run.network, {run.dataset, run.batch, false});
  return predict_training(net, catalogue.find(device), options).total_s;
}

double speedup(const SeedRun& run, const char* fast, const char* slow, Ceilings ceilings) {
  return predicted_seconds_of(run, slow, ceilings) / predicted_seconds_of(run, fast, ceilings);
}

// Seed 000: VGG on CIFAR-10, batch 100, 200 epochs: P100 20 min 38 s, K40m 43 min 12 s, a
// ratio of 2592 / 1238 = 2.09. The model (theoretical ceilings, default clocks: P100 PCIe at
// boost, K40m at base) predicts 2.21, within the 10% goal.
TEST(SeedValidation, Vgg16Cifar10P100VersusK40mWithinTenPercent) {
  const double measured = (43 * 60 + 12) / (20.0 * 60 + 38);
  for (const char* network : {"vgg16", "vgg19"}) {  // the seed describes both
    const SeedRun run{network, Dataset::cifar10, 100, 50000, 200};
    const double predicted = speedup(run, "P100", "K40m", Ceilings::theoretical);
    EXPECT_NEAR(predicted / measured, 1.0, 0.10) << network << ": predicted " << predicted;
  }
}

// Seed 001: torchvision GoogLeNet and ResNet-18 on CIFAR-10 resized to 224x224, batch 10,
// 10 epochs, P100 vs one K80 die: 2834.6 / 1019.2 = 2.78 and 1823.7 / 693.7 = 2.63. The
// theoretical ceilings predict about 2.3 (a 14-17% miss: a K80 die under load delivers less
// of its boost-clock peak than a P100 does of its own); the sustained ceilings (published
// SGEMM and STREAM measurements) predict about 3.6, overshooting because the K80 SGEMM burn
// loaded both dies of the board. The measurement lies between the two, which this pins, with
// the miss of the default stated as a 20% tolerance.
TEST(SeedValidation, GoogLeNetAndResNet18P100VersusK80) {
  const struct {
    const char* network;
    double measured;
  } rows[] = {{"googlenet", 2834.6030 / 1019.2370}, {"resnet18", 1823.6968 / 693.6736}};
  for (const auto& row : rows) {
    const SeedRun run{row.network, Dataset::imagenet, 10, 50000, 10};
    const double theoretical = speedup(run, "P100", "K80", Ceilings::theoretical);
    const double sustained = speedup(run, "P100", "K80", Ceilings::sustained);
    EXPECT_NEAR(theoretical / row.measured, 1.0, 0.20) << row.network << ": " << theoretical;
    EXPECT_LT(theoretical, row.measured) << row.network;
    EXPECT_GT(sustained, row.measured) << row.network << ": " << sustained;
  }
}

// The same runs on MNIST and KMNIST (60,000 images) take 1.2x the CIFAR-10 epoch in the model
// (images scale the epoch; the network is the same 224x224 one). Seed 001 measured GoogLeNet
// on P100 at 914.3 s (MNIST) against 1019.2 s (CIFAR-10): the model's 1.2x is the wrong way
// round, the first sign that data loading, not the GPU, set those times (docs/validation.md).
TEST(SeedValidation, EpochTimeScalesWithTheImagesOfTheDataset) {
  const SeedRun cifar{"googlenet", Dataset::imagenet, 10, 50000, 10};
  const SeedRun mnist{"googlenet", Dataset::imagenet, 10, 60000, 10};
  EXPECT_NEAR(predicted_seconds_of(mnist, "P100", Ceilings::theoretical) /
                  predicted_seconds_of(cifar, "P100", Ceilings::theoretical),
              1.2, 1e-9);
}

// Seed 001's epochs are not the GPU work they name. One iteration is the same 224x224 batch of
// 10 on every dataset, yet the measured iteration (epoch time over 10 x images / 10) is
// 1.3-1.6x longer on CIFAR-10 than on MNIST on both GPUs (a check of the seed's own table); and
// ResNet-18's MNIST and KMNIST iterations, data loading included, run at 85-88% (P100) and
// 72-73% (K80 die) of the fp32 roofline of the algorithms cuDNN 7 picks (the achievable
// placement's bounds plus the update's), where cnn-benchmarks' measured ResNet-18 steps at
// batch 16 on Pascal GPUs run at 44-47% of theirs. docs/validation.md, "Seed 001", says more.
TEST(SeedValidation, Seed001IterationsAreNotTheGpuWorkTheyName) {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  auto bound_ms = [](const char* network, const char* device) {
    TrainingOptions options;
    options.images_per_epoch = 10;
    options.placement.model = TimeModel::achievable;
    options.placement.library = LibraryGeneration::cudnn6_7;
    const Network net = build_network(network, {Dataset::imagenet, 10, false});
    const TrainingPrediction t = predict_training(net, catalogue.find(device), options);
    double bound = 0;
    for (const PlacedPass& r : t.placement.rows) bound += r.bound_seconds;
    return 1e3 * (bound + t.update.bytes / t.placement.roof.bandwidth);
  };
  auto per_iteration_ms = [](double seconds, double images) {
    return 1e3 * seconds / (10 * images / 10);
  };
  const struct {
    const char* network;
    const char* device;
    double cifar_s, mnist_s, kmnist_s;
  } rows[] = {{"resnet18", "P100", 693.6736, 518.9218, 505.2194},
              {"resnet18", "K80", 1823.6968, 1462.0754, 1449.1527},
              {"googlenet", "P100", 1019.2370, 914.2736, 914.4191},
              {"googlenet", "K80", 2834.6030, 2587.4574, 2582.8948}};
  for (const auto& row : rows) {
    const double cifar = per_iteration_ms(row.cifar_s, 50000);
    const double mnist = per_iteration_ms(row.mnist_s, 60000);
    EXPECT_GT(cifar / mnist, 1.3) << row.network << " on " << row.device;  // the seed's data
    if (std::string(row.network) != "resnet18") continue;
    const double bound = bound_ms(row.network, row.device);
    const double kmnist = per_iteration_ms(row.kmnist_s, 60000);
    const double at_least = std::string(row.device) == "P100" ? 0.80 : 0.65;
    EXPECT_GT(bound / mnist, at_least) << row.device << ": " << mnist << " ms, bound " << bound;
    EXPECT_GT(bound / kmnist, at_least) << row.device << ": " << kmnist << " ms, bound " << bound;
  }
}

// Several GPUs (issue 7; docs/validation.md, "Several GPUs"). Each prediction uses the
// catalogue's links as `roofline train --gpus` does: the device's own GPU link, InfiniBand
// between nodes where named.
const DeviceCatalogue& devices() {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  return catalogue;
}

Fabric fabric_of(const Device& device, int gpus, int nodes, const char* node_link) {
  static const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  return links.fabric_for(device, gpus, nodes, Ceilings::theoretical, {}, node_link);
}

ParallelPrediction owt_on_k20(int gpus) {
  const Device& k20 = devices().find("K20");
  ParallelOptions o;
  o.training.images_per_epoch = 1281167;
  o.training.epochs = 90;
  o.gpus_per_node = gpus;
  o.strategy = Strategy::owt;
  return predict_parallel(build_network("alexnet_owt", {.batch = 128}), k20,
                          fabric_of(k20, gpus, 1, "ib-edr"), o);
}

// Seed 002 quotes Krizhevsky 2014, "One weird trick", Table 1: batch (128 x GPUs) in the
// convolutions and the fc layers, 1, 2, 4, 8 GPUs: 98.05 h, 50.24 h (1.95x), 26.20 h (3.74x),
// 15.68 h (6.25x). The model (8 K20 on PCIe 2.0, theoretical ceilings) predicts 1.99x, 3.90x and
// 7.41x: within 5% up to 4 GPUs, 19% high on 8, where the paper's two groups of four GPUs
// communicate through host memory, slower than the one PCIe 2.0 ring the model assumes.
TEST(SeedValidation, OneWeirdTrickScalingOnK20) {
  const ParallelPrediction one = owt_on_k20(1);
  const struct {
    int gpus;
    double speedup;
  } rows[] = {{2, 1.95}, {4, 3.74}, {8, 6.25}};
  for (const auto& row : rows) {
    const ParallelPrediction p = owt_on_k20(row.gpus);
    // Weak scaling: the run shortens by the speedup (the epoch's last partial batch aside).
    EXPECT_NEAR(p.speedup, one.total_s / p.total_s, 1e-3 * p.speedup);
    const double tolerance = row.gpus < 8 ? 0.05 : 0.20;
    EXPECT_NEAR(p.speedup / row.speedup, 1.0, tolerance) << row.gpus << ": " << p.speedup;
    EXPECT_GT(p.speedup, row.speedup) << row.gpus;  // the model has no host-memory hop
  }
  // The absolute run: 41.7 h predicted against 98.05 h measured. cuda-convnet2 ran the K20 at
  // about 40% of its peak; the model, at 100%, says so by predicting well under half.
  const double hours = one.total_s / 3600;
  EXPECT_GT(hours / 98.05, 0.35) << hours;
  EXPECT_LT(hours / 98.05, 0.50) << hours;
}

// Seed 003: ResNet-152, batch 32, 4 nodes 1077 min, 8 nodes 696 min, a ratio of 1.55. Cyfronet
// Prometheus: 2 Tesla K40 per GPU node, InfiniBand FDR. The seed does not say whether 32 is
// the batch per GPU (weak scaling: the model predicts 1.99) or in all (strong scaling: 1.32); the
// measurement lies between the two, which this pins.
TEST(SeedValidation, ResNet152FourAgainstEightNodes) {
  const Device& k40 = devices().find("K40m");
  auto run = [&](int nodes, bool strong) {
    ParallelOptions o;
    o.training.images_per_epoch = 1281167;
    o.gpus_per_node = 2;
    o.nodes = nodes;
    if (strong) o.global_batch = 32;
    return predict_parallel(build_network("resnet152", {.batch = 32}), k40,
                            fabric_of(k40, 2, nodes, "ib-fdr"), o)
        .total_s;
  };
  const double measured = 1077.0 / 696.0;
  const double weak = run(4, false) / run(8, false);
  const double strong = run(4, true) / run(8, true);
  EXPECT_NEAR(weak, 1.99, 0.01);
  EXPECT_NEAR(strong, 1.32, 0.01);
  EXPECT_GT(weak, measured);
  EXPECT_LT(strong, measured);
}

// Seed 002's Keras runs on 2 P100 (multi_gpu_model: the batch of 32 split over the GPUs, the
// parameters held by the host), AlexNet 20 epochs, average epoch in seconds. The measured
// one-GPU epoch sets the time outside the model; the strategies add their modelled change.
ParallelExplanation keras_on_two_p100(std::int64_t images, std::map<std::string, double> epochs) {
  const Device& p100 = devices().find("P100");
  ParallelOptions o;
  o.training.images_per_epoch = images;
  o.gpus_per_node = 2;
  o.global_batch = 32;
  o.algo = CollectiveAlgo::host;
  return explain_parallel(build_network("alexnet_owt", {.batch = 32}), p100,
                          fabric_of(p100, 2, 1, "ib-edr"), o, epochs);
}

double predicted(const ParallelExplanation& e, const std::string& name) {
  for (const StrategyOutcome& o : e.outcomes) {
    if (o.name == name) return *o.predicted_epoch_s;
  }
  throw std::runtime_error("no strategy " + name);
}

// Tiny ImageNet (100,000 images): baseline 281.7 s, data parallel 304.7 s. The model: the GPU
// is busy 18% of the baseline epoch; data parallelism saves 22 s of compute and spends 97 s
// moving 244 MB of gradients and weights through the host each iteration: 356.5 s, 17% high
// (the direction right, the size too large: TensorFlow overlaps part of the copies).
TEST(SeedValidation, DataParallelSlowsTinyImageNetOnTwoP100) {
  const ParallelExplanation e = keras_on_two_p100(
      100000, {{"1gpu", 281.7}, {"data", 304.7}, {"model", 287.0}, {"owt", 296.7}});
  EXPECT_NEAR(*e.unmodelled_epoch_s, 229.8, 0.5);
  EXPECT_GT(predicted(e, "data"), 281.7);
  EXPECT_NEAR(predicted(e, "data") / 304.7, 1.17, 0.02);
  // Model parallelism and OWT were measured slower than one GPU; the model, which splits
  // channels and runs the GPUs at once, predicts them faster: a 9% and a 12% miss.
  EXPECT_NEAR(predicted(e, "model") / 287.0, 0.91, 0.02);
  EXPECT_NEAR(predicted(e, "owt") / 296.7, 0.88, 0.02);
}

// Dogs vs. Cats (25,000 images): baseline 266.6 s, OWT 210.5 s. The model's GPU time of the
// whole baseline epoch is 13.0 s; splitting it over two GPUs saves at most half of it, far less
// than OWT's measured gain of 56.1 s: the gain cannot come from splitting GPU work, and the
// explanation says so.
TEST(SeedValidation, OwtGainOnDogsVsCatsExceedsTheModelledGpuTime) {
  const ParallelExplanation e = keras_on_two_p100(
      25000, {{"1gpu", 266.6}, {"data", 314.5}, {"model", 320.4}, {"owt", 210.5}});
  const double gpu_epoch = e.outcomes.front().prediction.epoch_s;
  EXPECT_NEAR(gpu_epoch, 13.0, 0.1);
  EXPECT_GT(266.6 - 210.5, gpu_epoch);
  EXPECT_NE(e.paragraph.find("owt measured 56.1 s faster than one GPU, more than splitting the "
                             "modelled GPU work of an epoch over 2 GPUs could save (6.50 s)"),
            std::string::npos)
      << e.paragraph;
  EXPECT_GT(predicted(e, "data"), 266.6);  // data parallel slower, as measured
  EXPECT_NEAR(predicted(e, "data") / 314.5, 0.91, 0.02);
}

}  // namespace
}  // namespace roof
