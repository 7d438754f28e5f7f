// VGG configurations A, B, D and E (Simonyan & Zisserman 2015, Table 1), as VGG-11/13/16/19.
#include <array>
#include <string>

#include "networks/builder.hpp"
#include "networks/families.hpp"
#include "support/input_error.hpp"

namespace roof::families {
namespace {

// Convolutions per block for each configuration; every conv is 3x3, stride 1, pad 1, and each
// block ends in a 2x2 stride-2 max pool. Configuration C (with 1x1 convs) is not in the catalogue.
std::array<int, 5> convs_per_block(int depth) {
  switch (depth) {
    case 11:
      return {1, 1, 2, 2, 2};
    case 13:
      return {2, 2, 2, 2, 2};
    case 16:
      return {2, 2, 3, 3, 3};
    case 19:
      return {2, 2, 4, 4, 4};
    default:
      throw InputError("VGG depth " + std::to_string(depth) + " is not one of 11, 13, 16, 19");
  }
}

constexpr std::array<std::int64_t, 5> kBlockWidth = {64, 128, 256, 512, 512};

}  // namespace

// ImageNet: the paper's 224x224 network with its 4096-4096-1000 classifier, as
// torchvision.models.vgg* (no batch norm) builds it, whose totals the published counts use.
// CIFAR-10: kuangliu/pytorch-cifar models/vgg.py: conv + batch norm + ReLU, 32x32 input, a 1x1
// average pool and a single 512 -> 10 classifier.
Network vgg(int depth, const BuildOptions& options) {
  const std::array<int, 5> blocks = convs_per_block(depth);
  const bool cifar = options.dataset == Dataset::cifar10;
  NetworkBuilder b("vgg" + std::to_string(depth), options);
  Tensor x = cifar ? b.input(3, 32, 32) : b.input(3, 224, 224);
  for (int block = 0; block < 5; ++block) {
    for (int i = 0; i < blocks[block]; ++i) {
      const std::string id = std::to_string(block + 1) + "_" + std::to_string(i + 1);
      x = b.conv(x, "conv" + id, {.outputs = kBlockWidth[block], .kernel = 3, .pad = 1});
      if (cifar) x = b.batch_norm(x, "bn" + id);
      x = b.relu(x, "relu" + id);
    }
    x = b.max_pool(x, "pool" + std::to_string(block + 1), 2, 2);
  }
  // kuangliu's AvgPool2d(1, 1), and torchvision's adaptive 7x7 pool, which is 1x1 at 224x224.
  x = b.avg_pool(x, "avgpool", 1, 1);
  if (cifar) {
    b.softmax_loss(b.fc(x, "fc", 10), "loss");
  } else {
    fc4096_classifier(b, x, 1000);
  }
  return std::move(b).finish();
}

}  // namespace roof::families
