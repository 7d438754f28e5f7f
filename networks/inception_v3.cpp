// Inception v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture"), as TensorFlow's
// benchmarks build it (tensorflow/benchmarks, scripts/tf_cnn_benchmarks/inception_model.py at
// 9165a70, the version of the May 2017 runs): 299x299 input, every conv followed by batch norm
// and ReLU, no auxiliary head, 1001 logits. Layers carry torchvision's (and TF-slim's) names.
#include <string>

#include "networks/builder.hpp"
#include "networks/families.hpp"

namespace roof::families {
namespace {

// TensorFlow's conv with batch norm: no bias (the norm's offset replaces it), then ReLU.
struct ConvUnit {
  NetworkBuilder& b;

  Tensor operator()(const Tensor& x, const std::string& name, ConvSpec spec) const {
    spec.bias = false;
    Tensor y = b.conv(x, name, spec);
    y = b.batch_norm(y, name + ".bn");
    return b.relu(y, name + ".relu");
  }
};

// padding='SAME' at stride 1, which for the odd windows here pads (k - 1) / 2 on each side.
ConvSpec same(std::int64_t outputs, std::int64_t height, std::int64_t width) {
  return {.outputs = outputs,
          .kernel = height,
          .pad = (height - 1) / 2,
          .kernel_w = width,
          .pad_w = (width - 1) / 2};
}

// padding='VALID' at stride 2: the grid reductions (35 -> 17 -> 8) and the stem's first conv.
ConvSpec valid_stride2(std::int64_t outputs) {
  return {.outputs = outputs, .kernel = 3, .stride = 2};
}

// inception_v3_a: 1x1 | 1x1 -> 5x5 | 1x1 -> 3x3 -> 3x3 | 3x3 average pool -> 1x1 (35x35).
Tensor module_a(NetworkBuilder& b, const Tensor& x, const std::string& name,
                std::int64_t pool_features) {
  const ConvUnit unit{b};
  const std::string p = name + ".";
  const Tensor b1 = unit(x, p + "branch1x1", same(64, 1, 1));
  Tensor b2 = unit(x, p + "branch5x5_1", same(48, 1, 1));
  b2 = unit(b2, p + "branch5x5_2", same(64, 5, 5));
  Tensor b3 = unit(x, p + "branch3x3dbl_1", same(64, 1, 1));
  b3 = unit(b3, p + "branch3x3dbl_2", same(96, 3, 3));
  b3 = unit(b3, p + "branch3x3dbl_3", same(96, 3, 3));
  Tensor b4 = b.avg_pool(x, p + "branch_pool.avgpool", 3, 1, 1);
  b4 = unit(b4, p + "branch_pool", same(pool_features, 1, 1));
  return b.concat({b1, b2, b3, b4}, p + "concat");
}

// inception_v3_b, the reduction to 17x17: 3x3/2 | 1x1 -> 3x3 -> 3x3/2 | 3x3/2 max pool.
Tensor module_b(NetworkBuilder& b, const Tensor& x, const std::string& name) {
  const ConvUnit unit{b};
  const std::string p = name + ".";
  const Tensor b1 = unit(x, p + "branch3x3", valid_stride2(384));
  Tensor b2 = unit(x, p + "branch3x3dbl_1", same(64, 1, 1));
  b2 = unit(b2, p + "branch3x3dbl_2", same(96, 3, 3));
  b2 = unit(b2, p + "branch3x3dbl_3", valid_stride2(96));
  const Tensor b3 = b.max_pool(x, p + "branch_pool", 3, 2);
  return b.concat({b1, b2, b3}, p + "concat");
}

// inception_v3_c, the factorised 7x7 (17x17): 1x1 | 1x1 -> 1x7 -> 7x1 |
// 1x1 -> 7x1 -> 1x7 -> 7x1 -> 1x7 | 3x3 average pool -> 1x1, the inner widths n.
Tensor module_c(NetworkBuilder& b, const Tensor& x, const std::string& name, std::int64_t n) {
  const ConvUnit unit{b};
  const std::string p = name + ".";
  const Tensor b1 = unit(x, p + "branch1x1", same(192, 1, 1));
  Tensor b2 = unit(x, p + "branch7x7_1", same(n, 1, 1));
  b2 = unit(b2, p + "branch7x7_2", same(n, 1, 7));
  b2 = unit(b2, p + "branch7x7_3", same(192, 7, 1));
  Tensor b3 = unit(x, p + "branch7x7dbl_1", same(n, 1, 1));
  b3 = unit(b3, p + "branch7x7dbl_2", same(n, 7, 1));
  b3 = unit(b3, p + "branch7x7dbl_3", same(n, 1, 7));
  b3 = unit(b3, p + "branch7x7dbl_4", same(n, 7, 1));
  b3 = unit(b3, p + "branch7x7dbl_5", same(192, 1, 7));
  Tensor b4 = b.avg_pool(x, p + "branch_pool.avgpool", 3, 1, 1);
  b4 = unit(b4, p + "branch_pool", same(192, 1, 1));
  return b.concat({b1, b2, b3, b4}, p + "concat");
}

// inception_v3_d, the reduction to 8x8: 1x1 -> 3x3/2 | 1x1 -> 1x7 -> 7x1 -> 3x3/2 | 3x3/2 max
// pool.
Tensor module_d(NetworkBuilder& b, const Tensor& x, const std::string& name) {
  const ConvUnit unit{b};
  const std::string p = name + ".";
  Tensor b1 = unit(x, p + "branch3x3_1", same(192, 1, 1));
  b1 = unit(b1, p + "branch3x3_2", valid_stride2(320));
  Tensor b2 = unit(x, p + "branch7x7x3_1", same(192, 1, 1));
  b2 = unit(b2, p + "branch7x7x3_2", same(192, 1, 7));
  b2 = unit(b2, p + "branch7x7x3_3", same(192, 7, 1));
  b2 = unit(b2, p + "branch7x7x3_4", valid_stride2(192));
  const Tensor b3 = b.max_pool(x, p + "branch_pool", 3, 2);
  return b.concat({b1, b2, b3}, p + "concat");
}

// inception_v3_e (8x8), whose 3x3s end in a 1x3 and a 3x1 that read the same tensor
// (inception_module's 'share'): six tensors join, 320 + 2 x 384 + 2 x 384 + 192 = 2048.
// TensorFlow's last module pools by max, the one before by average.
Tensor module_e(NetworkBuilder& b, const Tensor& x, const std::string& name, Op pool) {
  const ConvUnit unit{b};
  const std::string p = name + ".";
  const Tensor b1 = unit(x, p + "branch1x1", same(320, 1, 1));
  const Tensor b2 = unit(x, p + "branch3x3_1", same(384, 1, 1));
  const Tensor b2a = unit(b2, p + "branch3x3_2a", same(384, 1, 3));
  const Tensor b2b = unit(b2, p + "branch3x3_2b", same(384, 3, 1));
  Tensor b3 = unit(x, p + "branch3x3dbl_1", same(448, 1, 1));
  b3 = unit(b3, p + "branch3x3dbl_2", same(384, 3, 3));
  const Tensor b3a = unit(b3, p + "branch3x3dbl_3a", same(384, 1, 3));
  const Tensor b3b = unit(b3, p + "branch3x3dbl_3b", same(384, 3, 1));
  Tensor b4 = pool == Op::max_pool ? b.max_pool(x, p + "branch_pool.maxpool", 3, 1, 1)
                                   : b.avg_pool(x, p + "branch_pool.avgpool", 3, 1, 1);
  b4 = unit(b4, p + "branch_pool", same(192, 1, 1));
  return b.concat({b1, b2a, b2b, b3a, b3b, b4}, p + "concat");
}

}  // namespace

Network inception_v3(const BuildOptions& options) {
  require_imagenet(options, "inception_v3");
  NetworkBuilder b("inception_v3", options);
  const ConvUnit unit{b};
  Tensor x = b.input(3, 299, 299);
  x = unit(x, "Conv2d_1a_3x3", valid_stride2(32));             // 149x149
  x = unit(x, "Conv2d_2a_3x3", {.outputs = 32, .kernel = 3});  // 147x147, VALID
  x = unit(x, "Conv2d_2b_3x3", same(64, 3, 3));
  x = b.max_pool(x, "maxpool1", 3, 2);  // 73x73
  x = unit(x, "Conv2d_3b_1x1", same(80, 1, 1));
  x = unit(x, "Conv2d_4a_3x3", {.outputs = 192, .kernel = 3});  // 71x71, VALID
  x = b.max_pool(x, "maxpool2", 3, 2);                          // 35x35
  x = module_a(b, x, "Mixed_5b", 32);                           // 256 channels
  x = module_a(b, x, "Mixed_5c", 64);                           // 288
  x = module_a(b, x, "Mixed_5d", 64);
  x = module_b(b, x, "Mixed_6a");  // 17x17x768
  x = module_c(b, x, "Mixed_6b", 128);
  x = module_c(b, x, "Mixed_6c", 160);
  x = module_c(b, x, "Mixed_6d", 160);
  x = module_c(b, x, "Mixed_6e", 192);
  x = module_d(b, x, "Mixed_7a");  // 8x8x1280
  x = module_e(b, x, "Mixed_7b", Op::avg_pool);
  x = module_e(b, x, "Mixed_7c", Op::max_pool);  // 8x8x2048
  x = b.avg_pool(x, "avgpool", 8, 1);
  x = b.fc(x, "fc", 1001);
  b.softmax_loss(x, "loss");
  return std::move(b).finish();
}

}  // namespace roof::families
