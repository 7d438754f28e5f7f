// GoogLeNet (Inception v1), Szegedy et al. 2015, Table 1 (reproduced in seed 000).
#include <string>

#include "networks/builder.hpp"
#include "networks/families.hpp"
#include "support/input_error.hpp"

namespace roof::families {
namespace {

// One row of Table 1: the widths of the four branches of an inception module.
struct Inception {
  const char* name;
  std::int64_t n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj;
};

constexpr Inception k3a{"3a", 64, 96, 128, 16, 32, 32};
constexpr Inception k3b{"3b", 128, 128, 192, 32, 96, 64};
constexpr Inception k4a{"4a", 192, 96, 208, 16, 48, 64};
constexpr Inception k4b{"4b", 160, 112, 224, 24, 64, 64};
constexpr Inception k4c{"4c", 128, 128, 256, 24, 64, 64};
constexpr Inception k4d{"4d", 112, 144, 288, 32, 64, 64};
constexpr Inception k4e{"4e", 256, 160, 320, 32, 128, 128};
constexpr Inception k5a{"5a", 256, 160, 320, 32, 128, 128};
constexpr Inception k5b{"5b", 384, 192, 384, 48, 128, 128};

// A conv followed by what the implementation puts after it: ReLU in the paper's network, batch
// norm and ReLU in the CIFAR-10 one.
struct ConvUnit {
  NetworkBuilder& b;
  bool batch_norm;

  Tensor operator()(const Tensor& x, const std::string& name, const ConvSpec& spec) const {
    Tensor y = b.conv(x, name, spec);
    if (batch_norm) y = b.batch_norm(y, name + ".bn");
    return b.relu(y, name + ".relu");
  }
};

// The paper's module: 1x1 | 1x1 -> 3x3 | 1x1 -> 5x5 | 3x3 max pool -> 1x1, concatenated.
// kuangliu/pytorch-cifar's module replaces the 5x5 by two 3x3 convs (n5x5_reduce -> n5x5 ->
// n5x5), with batch norm after every conv.
Tensor inception(NetworkBuilder& b, const Tensor& x, const Inception& m, bool cifar) {
  const ConvUnit unit{b, cifar};
  const std::string p = std::string("inception_") + m.name + ".";
  const Tensor b1 = unit(x, p + "1x1", {.outputs = m.n1x1});
  Tensor b2 = unit(x, p + "3x3_reduce", {.outputs = m.n3x3_reduce});
  b2 = unit(b2, p + "3x3", {.outputs = m.n3x3, .kernel = 3, .pad = 1});
  Tensor b3 = unit(x, p + "5x5_reduce", {.outputs = m.n5x5_reduce});
  if (cifar) {
    b3 = unit(b3, p + "5x5a", {.outputs = m.n5x5, .kernel = 3, .pad = 1});
    b3 = unit(b3, p + "5x5b", {.outputs = m.n5x5, .kernel = 3, .pad = 1});
  } else {
    b3 = unit(b3, p + "5x5", {.outputs = m.n5x5, .kernel = 5, .pad = 2});
  }
  Tensor b4 = b.max_pool(x, p + "pool", 3, 1, 1);
  b4 = unit(b4, p + "pool_proj", {.outputs = m.pool_proj});
  return b.concat({b1, b2, b3, b4}, p + "concat");
}

// The paper's auxiliary classifier (Sec. 5): 5x5/3 average pool, 1x1 conv with 128 filters,
// fc 1024, 70% dropout, linear 1000 with its own softmax loss. Only training runs it.
void auxiliary_classifier(NetworkBuilder& b, const Tensor& x, const std::string& name) {
  Tensor y = b.avg_pool(x, name + ".avgpool", 5, 3);
  y = b.conv(y, name + ".conv", {.outputs = 128});
  y = b.relu(y, name + ".conv.relu");
  y = b.fc(y, name + ".fc1", 1024);
  y = b.relu(y, name + ".fc1.relu");
  y = b.dropout(y, name + ".dropout");
  y = b.fc(y, name + ".fc2", 1000);
  b.softmax_loss(y, name + ".loss");
}

Network googlenet_imagenet(const BuildOptions& options) {
  NetworkBuilder b("googlenet", options);
  const ConvUnit unit{b, false};
  Tensor x = b.input(3, 224, 224);
  x = unit(x, "conv1", {.outputs = 64, .kernel = 7, .stride = 2, .pad = 3});
  x = b.max_pool(x, "pool1", 3, 2, 0, Rounding::ceil);
  x = b.lrn(x, "norm1", 5);
  x = unit(x, "conv2_reduce", {.outputs = 64});
  x = unit(x, "conv2", {.outputs = 192, .kernel = 3, .pad = 1});
  x = b.lrn(x, "norm2", 5);
  x = b.max_pool(x, "pool2", 3, 2, 0, Rounding::ceil);
  x = inception(b, x, k3a, false);
  x = inception(b, x, k3b, false);
  x = b.max_pool(x, "pool3", 3, 2, 0, Rounding::ceil);
  x = inception(b, x, k4a, false);
  if (options.googlenet_aux) auxiliary_classifier(b, x, "aux1");
  x = inception(b, x, k4b, false);
  x = inception(b, x, k4c, false);
  x = inception(b, x, k4d, false);
  if (options.googlenet_aux) auxiliary_classifier(b, x, "aux2");
  x = inception(b, x, k4e, false);
  x = b.max_pool(x, "pool4", 3, 2, 0, Rounding::ceil);
  x = inception(b, x, k5a, false);
  x = inception(b, x, k5b, false);
  x = b.avg_pool(x, "avgpool", 7, 1);
  x = b.dropout(x, "dropout");
  x = b.fc(x, "fc", 1000);
  b.softmax_loss(x, "loss");
  return std::move(b).finish();
}

// kuangliu/pytorch-cifar models/googlenet.py: a 3x3 stem of 192 filters, no pooling before
// inception 3a, 3x3 stride-2 max pools (pad 1) after 3b and 4e, an 8x8 average pool, 1024 -> 10.
Network googlenet_cifar(const BuildOptions& options) {
  NetworkBuilder b("googlenet", options);
  const ConvUnit unit{b, true};
  Tensor x = b.input(3, 32, 32);
  x = unit(x, "pre", {.outputs = 192, .kernel = 3, .pad = 1});
  x = inception(b, x, k3a, true);
  x = inception(b, x, k3b, true);
  x = b.max_pool(x, "pool3", 3, 2, 1);
  for (const Inception& m : {k4a, k4b, k4c, k4d, k4e}) x = inception(b, x, m, true);
  x = b.max_pool(x, "pool4", 3, 2, 1);
  x = inception(b, x, k5a, true);
  x = inception(b, x, k5b, true);
  x = b.avg_pool(x, "avgpool", 8, 1);
  x = b.fc(x, "fc", 10);
  b.softmax_loss(x, "loss");
  return std::move(b).finish();
}

}  // namespace

Network googlenet(const BuildOptions& options) {
  if (options.dataset == Dataset::cifar10) {
    if (options.googlenet_aux) {
      throw InputError(
          "the cifar10 googlenet (kuangliu/pytorch-cifar) has no auxiliary classifiers");
    }
    return googlenet_cifar(options);
  }
  return googlenet_imagenet(options);
}

}  // namespace roof::families
