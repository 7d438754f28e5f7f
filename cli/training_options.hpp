#pragma once

#include <cstdint>
#include <string>

#include "cli/device_options.hpp"
#include "cli/network_options.hpp"
#include "roofline/training.hpp"

namespace roof::cli {

// --images takes a number or a dataset's name (imagenet, cifar10, mnist, kmnist); empty means
// the training set of the network's --dataset.
std::int64_t images_per_epoch(const std::string& images, const std::string& dataset);

// The options train and explain predict with. Throws InputError for bad values.
TrainingOptions training_options(const NetworkArgs& network, const DeviceArgs& devices,
                                 std::int64_t epochs, const std::string& images);

}  // namespace roof::cli
