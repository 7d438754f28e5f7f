#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "networks/layer.hpp"

namespace roof {

enum class Dataset { imagenet, cifar10 };

std::string_view to_string(Dataset dataset);
Dataset parse_dataset(std::string_view text);  // throws InputError

// What a builder is asked for. Batch is int64 so that the counts of any batch up to 65536
// (and beyond, until a count would overflow) are exact.
struct BuildOptions {
  Dataset dataset = Dataset::imagenet;
  std::int64_t batch = 1;
  // GoogLeNet's two auxiliary classifiers (after inception 4a and 4d), training-only heads.
  bool googlenet_aux = false;
};

// For the networks the catalogue has at ImageNet's resolution only (the AlexNets, Inception v3):
// throws InputError naming the network when another dataset is asked for.
void require_imagenet(const BuildOptions& options, const std::string& network);

// The ordered list of layers one forward pass runs, each named as the reference
// implementation names it. Branches (inception, residual) appear in execution order.
struct Network {
  std::string name;
  std::optional<Dataset> dataset;  // empty for layers read from benchdnn descriptors
  std::int64_t batch = 1;
  std::vector<Layer> layers;
  // For each layer, the index of the layer whose output it reads (a concat's or an add's first
  // input), -1 for the image. Builders fill it; it is empty for layers read from descriptors,
  // which carry no graph. Model parallelism uses it to gather a tensor once for all its readers.
  std::vector<int> input_of;
};

// The same layers at another batch: every shape's N is the batch, so nothing else changes.
// Multi-GPU predictions run one network at the per-GPU and at the global batch. Throws
// InputError for a batch below 1.
Network with_batch(Network network, std::int64_t batch);

}  // namespace roof
