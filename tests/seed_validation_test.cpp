// The seed studies' measurements against the model's predictions for the same setups
// (docs/validation.md explains each row and every miss). The model predicts compute only, so
// absolute times are not pinned; speedups between devices are.
#include <gtest/gtest.h>

#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
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

}  // namespace
}  // namespace roof
