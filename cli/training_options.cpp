#include "cli/training_options.hpp"

#include <charconv>

#include "support/input_error.hpp"

namespace roof::cli {

// --images takes a number or a dataset's name (imagenet, cifar10, mnist, kmnist).
std::int64_t images_per_epoch(const std::string& images, const std::string& dataset) {
  if (images.empty()) return dataset_images(dataset);
  std::int64_t count = 0;
  const auto [end, ec] = std::from_chars(images.data(), images.data() + images.size(), count);
  if (ec == std::errc() && end == images.data() + images.size()) {
    if (count <= 0) throw InputError("--images must be at least 1, got " + images);
    return count;
  }
  return dataset_images(images);
}

TrainingOptions training_options(const NetworkArgs& network, const DeviceArgs& devices,
                                 std::int64_t epochs, const std::string& images) {
  TrainingOptions options;
  options.placement = placement_options(devices, chosen_dtype(network));
  options.images_per_epoch = images_per_epoch(images, network.dataset);
  if (epochs <= 0) throw InputError("--epochs must be at least 1, got " + std::to_string(epochs));
  options.epochs = epochs;
  return options;
}

}  // namespace roof::cli
