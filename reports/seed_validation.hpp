#pragma once

#include <string>
#include <vector>

#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"

namespace roof::report {

// One run a seed document timed on two devices, beside the model's prediction for the same
// setup (docs/validation.md, "The seed measurements against the model"). The measured side is
// the seed's own numbers, constants here with their source; the model's is computed.
struct SeedComparison {
  std::string seed;   // "seed 000"
  std::string setup;  // network, data, batch, epochs
  std::string fast;   // device names as the catalogue has them
  std::string slow;
  double measured_fast_s = 0;
  double measured_slow_s = 0;
  std::string source;
  double theoretical_fast_s = 0;  // the model at each device's clock under load
  double theoretical_slow_s = 0;
  double sustained_fast_s = 0;  // the model with published sustained ceilings
  double sustained_slow_s = 0;

  double measured_ratio() const { return measured_slow_s / measured_fast_s; }
  double theoretical_ratio() const { return theoretical_slow_s / theoretical_fast_s; }
  double sustained_ratio() const { return sustained_slow_s / sustained_fast_s; }
};

// Seed 000 (VGG on CIFAR-10, P100 against K40m) and seed 001 (GoogLeNet and ResNet-18 at
// 224x224 on CIFAR-10 and MNIST, P100 against one K80 die), modelled with the catalogue's P100,
// K40m and K80 entries, fp32, direct convolution.
std::vector<SeedComparison> seed_comparisons(const DeviceCatalogue& catalogue);

// The seed measurements of `network` on devices a and b (either order; catalogue names), each
// as a sentence with the model's prediction for the seed's own setup (its form, batch and
// images, under `options`) and the miss in percent. Empty when no seed timed that pair.
std::vector<std::string> seed_measurements_of(const std::string& network, const Device& a,
                                              const Device& b, const TrainingOptions& options);

}  // namespace roof::report
