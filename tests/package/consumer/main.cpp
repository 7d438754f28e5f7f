// Counts AlexNet's work and predicts a P100 iteration through the installed libraries.
#include <iostream>

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"

int main() {
  const roof::Network network =
      roof::build_network("alexnet_owt", {roof::Dataset::imagenet, 1, false});
  const roof::NetworkTotals totals = roof::totals_of(network, roof::DType::fp32);
  const roof::Device& p100 = roof::DeviceCatalogue::builtin().find("P100");
  roof::TrainingOptions options;
  options.images_per_epoch = 1;
  const roof::TrainingPrediction prediction = roof::predict_training(network, p100, options);
  std::cout << "alexnet_owt forward GMAC " << static_cast<double>(totals.macs) / 1e9 << ", P100 iteration "
            << prediction.iteration_s * 1e3 << " ms\n";
  return 0;
}
