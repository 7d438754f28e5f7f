#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "networks/network.hpp"

namespace roof {

// A feature map flowing between layers of one image: channels x height x width.
struct Tensor {
  std::int64_t C = 0;
  std::int64_t H = 0;
  std::int64_t W = 0;
  bool is_network_input = false;
  int producer = -1;  // the index of the layer that wrote it; -1 for the image
};

struct ConvSpec {
  std::int64_t outputs = 0;
  std::int64_t kernel = 1;  // the window's height, and its width unless kernel_w says otherwise
  std::int64_t stride = 1;
  std::int64_t pad = 0;  // on each side of the height, and of the width unless pad_w is set
  std::int64_t groups = 1;
  bool bias = true;
  // A rectangular window (Inception v3's 1x7, 7x1, 1x3 and 3x1): its width and the padding
  // across it.
  std::optional<std::int64_t> kernel_w;
  std::optional<std::int64_t> pad_w;
};

// Caffe and GoogLeNet's reference round pooling outputs up; PyTorch rounds down unless asked.
enum class Rounding { floor, ceil };

// Appends layers in execution order while tracking each feature map's shape, so a family file
// reads like the paper's table: say what each layer is, never compute an output size by hand.
// Every layer is validated as it is added.
class NetworkBuilder {
 public:
  NetworkBuilder(std::string network_name, const BuildOptions& options);

  Tensor input(std::int64_t channels, std::int64_t height, std::int64_t width) const;
  Tensor conv(const Tensor& x, const std::string& name, const ConvSpec& spec);
  // Flattens x: C x H x W inputs to `outputs`.
  Tensor fc(const Tensor& x, const std::string& name, std::int64_t outputs, bool bias = true);
  Tensor max_pool(const Tensor& x, const std::string& name, std::int64_t window,
                  std::int64_t stride, std::int64_t pad = 0, Rounding rounding = Rounding::floor);
  Tensor avg_pool(const Tensor& x, const std::string& name, std::int64_t window,
                  std::int64_t stride, std::int64_t pad = 0, Rounding rounding = Rounding::floor);
  Tensor relu(const Tensor& x, const std::string& name);
  Tensor lrn(const Tensor& x, const std::string& name, std::int64_t local_size);
  Tensor batch_norm(const Tensor& x, const std::string& name);
  Tensor dropout(const Tensor& x, const std::string& name);
  Tensor concat(const std::vector<Tensor>& parts, const std::string& name);
  Tensor add(const Tensor& a, const Tensor& b, const std::string& name);
  void softmax_loss(const Tensor& logits, const std::string& name);

  Network finish() &&;

 private:
  Tensor pool(Op op, const Tensor& x, const std::string& name, std::int64_t window,
              std::int64_t stride, std::int64_t pad, Rounding rounding);
  Tensor same_shape(Op op, const Tensor& x, const std::string& name);
  Tensor append(Layer layer, const Tensor& x);

  Network network_;
};

// The classifier AlexNet and VGG share: fc 4096, ReLU, dropout, fc 4096, ReLU, dropout, fc to
// `classes` (named fc6..fc8 as in Caffe), then the softmax loss.
void fc4096_classifier(NetworkBuilder& b, Tensor x, std::int64_t classes);

}  // namespace roof
