// AlexNet in the two forms the seed studies use, and the one TensorFlow's benchmarks ran.
#include "networks/builder.hpp"
#include "networks/families.hpp"

namespace roof::families {
namespace {

// The one-tower AlexNets after conv1 (which differs in padding): ReLU and pools around conv2 (192
// filters, 5x5), conv3 (384), conv4 (the width that tells the forms apart) and conv5 (256).
Tensor one_tower_features(NetworkBuilder& b, Tensor x, std::int64_t conv4_outputs) {
  x = b.relu(x, "relu1");
  x = b.max_pool(x, "pool1", 3, 2);
  x = b.conv(x, "conv2", {.outputs = 192, .kernel = 5, .pad = 2});
  x = b.relu(x, "relu2");
  x = b.max_pool(x, "pool2", 3, 2);
  x = b.conv(x, "conv3", {.outputs = 384, .kernel = 3, .pad = 1});
  x = b.relu(x, "relu3");
  x = b.conv(x, "conv4", {.outputs = conv4_outputs, .kernel = 3, .pad = 1});
  x = b.relu(x, "relu4");
  x = b.conv(x, "conv5", {.outputs = 256, .kernel = 3, .pad = 1});
  x = b.relu(x, "relu5");
  x = b.max_pool(x, "pool5", 3, 2);
  return x;
}

}  // namespace

// Krizhevsky et al. 2012, Fig. 2, as Caffe's bvlc_alexnet writes it: 227x227 input (the paper's
// "224" does not give 55x55 after an 11x11 stride-4 conv), the two GPU towers as groups=2 on
// conv2, conv4 and conv5, LRN after conv1 and conv2, overlapping 3x3 stride-2 max pooling.
Network alexnet(const BuildOptions& options) {
  require_imagenet(options, "alexnet");
  NetworkBuilder b("alexnet", options);
  Tensor x = b.input(3, 227, 227);
  x = b.conv(x, "conv1", {.outputs = 96, .kernel = 11, .stride = 4});
  x = b.relu(x, "relu1");
  x = b.lrn(x, "norm1", 5);
  x = b.max_pool(x, "pool1", 3, 2);
  x = b.conv(x, "conv2", {.outputs = 256, .kernel = 5, .pad = 2, .groups = 2});
  x = b.relu(x, "relu2");
  x = b.lrn(x, "norm2", 5);
  x = b.max_pool(x, "pool2", 3, 2);
  x = b.conv(x, "conv3", {.outputs = 384, .kernel = 3, .pad = 1});
  x = b.relu(x, "relu3");
  x = b.conv(x, "conv4", {.outputs = 384, .kernel = 3, .pad = 1, .groups = 2});
  x = b.relu(x, "relu4");
  x = b.conv(x, "conv5", {.outputs = 256, .kernel = 3, .pad = 1, .groups = 2});
  x = b.relu(x, "relu5");
  x = b.max_pool(x, "pool5", 3, 2);
  fc4096_classifier(b, x, 1000);
  return std::move(b).finish();
}

// Krizhevsky 2014, "One weird trick for parallelizing convolutional neural networks": one tower
// of 64-192-384-256-256 filters, no LRN, as torchvision.models.alexnet implements it (including
// its 6x6 adaptive average pool, a 1x1 window at 224x224, and dropout before fc6 and fc7).
Network alexnet_owt(const BuildOptions& options) {
  require_imagenet(options, "alexnet_owt");
  NetworkBuilder b("alexnet_owt", options);
  Tensor x = b.input(3, 224, 224);
  x = b.conv(x, "conv1", {.outputs = 64, .kernel = 11, .stride = 4, .pad = 2});
  x = one_tower_features(b, x, 256);
  x = b.avg_pool(x, "avgpool", x.H / 6, x.H / 6);
  x = b.dropout(x, "drop6");
  x = b.fc(x, "fc6", 4096);
  x = b.relu(x, "relu6");
  x = b.dropout(x, "drop7");
  x = b.fc(x, "fc7", 4096);
  x = b.relu(x, "relu7");
  x = b.fc(x, "fc8", 1000);
  b.softmax_loss(x, "loss");
  return std::move(b).finish();
}

// tf_cnn_benchmarks' AlexNet (tensorflow/benchmarks, scripts/tf_cnn_benchmarks/alexnet_model.py,
// as of the May 2017 runs TensorFlow's Benchmarks guide reports): one tower of 64-192-384-384-256
// filters (torchvision's conv4 has 256; docs/networks.md on how these relate to Krizhevsky 2014),
// on a 227x227 input ("224 + 3": conv1 is VALID, the rest SAME), no LRN, dropout after fc6 and
// fc7. The benchmark's logits layer has 1001 outputs (TensorFlow's ImageNet labels count a
// background class), kept here so the fc8 GEMM is the one that ran.
Network alexnet_tf(const BuildOptions& options) {
  require_imagenet(options, "alexnet_tf");
  NetworkBuilder b("alexnet_tf", options);
  Tensor x = b.input(3, 227, 227);
  x = b.conv(x, "conv1", {.outputs = 64, .kernel = 11, .stride = 4});
  x = one_tower_features(b, x, 384);
  fc4096_classifier(b, x, 1001);
  return std::move(b).finish();
}

}  // namespace roof::families
