#include "networks/network.hpp"

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Dataset dataset) {
  return dataset == Dataset::cifar10 ? "cifar10" : "imagenet";
}

Dataset parse_dataset(std::string_view text) {
  if (text == "imagenet") return Dataset::imagenet;
  if (text == "cifar10") return Dataset::cifar10;
  throw InputError("unknown dataset '" + std::string(text) + "' (expected imagenet or cifar10)");
}

void require_imagenet(const BuildOptions& options, const std::string& network) {
  if (options.dataset != Dataset::imagenet) {
    throw InputError(network + " has only an imagenet form (no " +
                     std::string(to_string(options.dataset)) + " variant in the catalogue)");
  }
}

Network with_batch(Network network, std::int64_t batch) {
  if (batch < 1) throw InputError("batch must be at least 1, got " + std::to_string(batch));
  network.batch = batch;
  for (Layer& layer : network.layers) layer.shape.N = batch;
  return network;
}

}  // namespace roof
