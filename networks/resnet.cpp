// ResNet, He et al. 2016, Table 1: basic blocks for 18 and 34 layers, bottlenecks for 50, 101
// and 152, projection shortcuts (option B) where the shape changes.
#include <array>
#include <string>

#include "networks/builder.hpp"
#include "networks/families.hpp"
#include "support/input_error.hpp"

namespace roof::families {
namespace {

struct Stages {
  bool bottleneck;
  std::array<int, 4> blocks;
};

Stages stages_for(int depth) {
  switch (depth) {
    case 18:
      return {false, {2, 2, 2, 2}};
    case 34:
      return {false, {3, 4, 6, 3}};
    case 50:
      return {true, {3, 4, 6, 3}};
    case 101:
      return {true, {3, 4, 23, 3}};
    case 152:
      return {true, {3, 8, 36, 3}};
    default:
      throw InputError("ResNet depth " + std::to_string(depth) + " is not 18, 34, 50, 101 or 152");
  }
}

// The layers of one residual block, named as torchvision names its modules
// ("layer1.0.conv2", "layer2.0.downsample.0").
class BlockBuilder {
 public:
  BlockBuilder(NetworkBuilder& b, std::string prefix) : b_(b), p_(std::move(prefix)) {}

  Tensor conv_bn(const Tensor& x, int index, const ConvSpec& spec) {
    const std::string id = std::to_string(index);
    return b_.batch_norm(b_.conv(x, p_ + "conv" + id, spec), p_ + "bn" + id);
  }
  Tensor relu(const Tensor& x, int index) {
    return b_.relu(x, p_ + "relu" + std::to_string(index));
  }

  // Identity, or a strided 1x1 projection with batch norm when the shape changes.
  Tensor shortcut(const Tensor& x, std::int64_t outputs, std::int64_t stride) {
    if (stride == 1 && x.C == outputs) return x;
    const Tensor y =
        b_.conv(x, p_ + "downsample.0", {.outputs = outputs, .stride = stride, .bias = false});
    return b_.batch_norm(y, p_ + "downsample.1");
  }
  Tensor join(const Tensor& residual, const Tensor& shortcut, int relu_index) {
    return relu(b_.add(residual, shortcut, p_ + "add"), relu_index);
  }

 private:
  NetworkBuilder& b_;
  std::string p_;
};

Tensor basic_block(BlockBuilder& blk, const Tensor& x, std::int64_t width, std::int64_t stride) {
  Tensor y =
      blk.conv_bn(x, 1, {.outputs = width, .kernel = 3, .stride = stride, .pad = 1, .bias = false});
  y = blk.relu(y, 1);
  y = blk.conv_bn(y, 2, {.outputs = width, .kernel = 3, .pad = 1, .bias = false});
  return blk.join(y, blk.shortcut(x, width, stride), 2);
}

Tensor bottleneck(BlockBuilder& blk, const Tensor& x, std::int64_t width, std::int64_t stride,
                  BottleneckStride where) {
  const std::int64_t stride_1x1 = where == BottleneckStride::first_1x1 ? stride : 1;
  const std::int64_t stride_3x3 = where == BottleneckStride::on_3x3 ? stride : 1;
  Tensor y = blk.conv_bn(x, 1, {.outputs = width, .stride = stride_1x1, .bias = false});
  y = blk.relu(y, 1);
  y = blk.conv_bn(y, 2,
                  {.outputs = width, .kernel = 3, .stride = stride_3x3, .pad = 1, .bias = false});
  y = blk.relu(y, 2);
  y = blk.conv_bn(y, 3, {.outputs = 4 * width, .bias = false});
  return blk.join(y, blk.shortcut(x, 4 * width, stride), 3);
}

}  // namespace

// ImageNet: the paper's 7x7 stride-2 stem and 3x3 max pool, global average pool, fc 1000
// (torchvision.models.resnet with the stride placement the name asks for).
// CIFAR-10: kuangliu/pytorch-cifar models/resnet.py: a 3x3 stride-1 stem without max pool,
// 4x4 average pool, fc 10 (its bottleneck strides on the 3x3; the paper's placement is kept for
// resnet50/101/152 so that the two variants differ the same way on both datasets).
Network resnet(int depth, BottleneckStride stride_at, const std::string& name,
               const BuildOptions& options) {
  const Stages stages = stages_for(depth);
  const bool cifar = options.dataset == Dataset::cifar10;
  NetworkBuilder b(name, options);
  Tensor x = cifar ? b.input(3, 32, 32) : b.input(3, 224, 224);
  if (cifar) {
    x = b.conv(x, "conv1", {.outputs = 64, .kernel = 3, .pad = 1, .bias = false});
  } else {
    x = b.conv(x, "conv1", {.outputs = 64, .kernel = 7, .stride = 2, .pad = 3, .bias = false});
  }
  x = b.batch_norm(x, "bn1");
  x = b.relu(x, "relu");
  if (!cifar) x = b.max_pool(x, "maxpool", 3, 2, 1);

  for (int stage = 0; stage < 4; ++stage) {
    const std::int64_t width = 64LL << stage;
    for (int i = 0; i < stages.blocks[stage]; ++i) {
      const std::int64_t stride = (stage > 0 && i == 0) ? 2 : 1;
      BlockBuilder blk(b, "layer" + std::to_string(stage + 1) + "." + std::to_string(i) + ".");
      x = stages.bottleneck ? bottleneck(blk, x, width, stride, stride_at)
                            : basic_block(blk, x, width, stride);
    }
  }
  x = b.avg_pool(x, "avgpool", x.H, 1);
  x = b.fc(x, "fc", cifar ? 10 : 1000);
  b.softmax_loss(x, "loss");
  return std::move(b).finish();
}

}  // namespace roof::families
