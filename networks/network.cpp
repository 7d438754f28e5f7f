#include "networks/network.hpp"

#include "networks/input_error.hpp"

namespace roof {

std::string_view to_string(Dataset dataset) {
  return dataset == Dataset::cifar10 ? "cifar10" : "imagenet";
}

Dataset parse_dataset(std::string_view text) {
  if (text == "imagenet") return Dataset::imagenet;
  if (text == "cifar10") return Dataset::cifar10;
  throw InputError("unknown dataset '" + std::string(text) + "' (expected imagenet or cifar10)");
}

}  // namespace roof
