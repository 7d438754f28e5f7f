#include "networks/builder.hpp"

#include <numeric>
#include <utility>

#include "support/input_error.hpp"

namespace roof {

NetworkBuilder::NetworkBuilder(std::string network_name, const BuildOptions& options) {
  if (options.batch <= 0) {
    throw InputError("batch must be at least 1, got " + std::to_string(options.batch));
  }
  network_.name = std::move(network_name);
  network_.dataset = options.dataset;
  network_.batch = options.batch;
}

Tensor NetworkBuilder::input(std::int64_t channels, std::int64_t height, std::int64_t width) const {
  return Tensor{channels, height, width, true};
}

// Fills the layer's input side from x, validates it and returns its output feature map.
Tensor NetworkBuilder::append(Layer layer, const Tensor& x) {
  layer.shape.N = network_.batch;
  layer.shape.C = x.C;
  layer.shape.H = x.H;
  layer.shape.W = x.W;
  layer.needs_input_grad = !x.is_network_input;
  validate(layer);
  const Tensor out{layer.shape.K, layer.shape.P, layer.shape.Q, false,
                   static_cast<int>(network_.layers.size())};
  network_.layers.push_back(std::move(layer));
  network_.input_of.push_back(x.producer);
  return out;
}

Tensor NetworkBuilder::conv(const Tensor& x, const std::string& name, const ConvSpec& spec) {
  Layer layer{.name = name, .op = Op::conv, .bias = spec.bias};
  Shape& s = layer.shape;
  s.K = spec.outputs;
  s.R = spec.kernel;
  s.S = spec.kernel_w.value_or(spec.kernel);
  s.stride_h = s.stride_w = spec.stride;
  s.pad_h = spec.pad;
  s.pad_w = spec.pad_w.value_or(spec.pad);
  s.groups = spec.groups;
  s.P = window_output(x.H, s.R, spec.stride, s.pad_h, 0);
  s.Q = window_output(x.W, s.S, spec.stride, s.pad_w, 0);
  return append(std::move(layer), x);
}

Tensor NetworkBuilder::fc(const Tensor& x, const std::string& name, std::int64_t outputs,
                          bool bias) {
  Layer layer{.name = name, .op = Op::fc, .bias = bias};
  layer.shape.K = outputs;
  const Tensor flat{x.C * x.H * x.W, 1, 1, x.is_network_input, x.producer};
  return append(std::move(layer), flat);
}

Tensor NetworkBuilder::pool(Op op, const Tensor& x, const std::string& name, std::int64_t window,
                            std::int64_t stride, std::int64_t pad, Rounding rounding) {
  Layer layer{.name = name, .op = op};
  Shape& s = layer.shape;
  s.K = x.C;
  s.R = s.S = window;
  s.stride_h = s.stride_w = stride;
  s.pad_h = s.pad_w = pad;
  auto extent = [&](std::int64_t in) {
    std::int64_t out = window_output(in, window, stride, pad, 0);
    // Ceil mode adds the partial window at the end, unless it would start in the padding.
    if (rounding == Rounding::ceil && (in + 2 * pad - window) % stride != 0 &&
        out * stride < in + pad) {
      ++out;
    }
    return out;
  };
  s.P = extent(x.H);
  s.Q = extent(x.W);
  return append(std::move(layer), x);
}

Tensor NetworkBuilder::max_pool(const Tensor& x, const std::string& name, std::int64_t window,
                                std::int64_t stride, std::int64_t pad, Rounding rounding) {
  return pool(Op::max_pool, x, name, window, stride, pad, rounding);
}

Tensor NetworkBuilder::avg_pool(const Tensor& x, const std::string& name, std::int64_t window,
                                std::int64_t stride, std::int64_t pad, Rounding rounding) {
  return pool(Op::avg_pool, x, name, window, stride, pad, rounding);
}

Tensor NetworkBuilder::same_shape(Op op, const Tensor& x, const std::string& name) {
  Layer layer{.name = name, .op = op};
  layer.shape.K = x.C;
  layer.shape.P = x.H;
  layer.shape.Q = x.W;
  return append(std::move(layer), x);
}

Tensor NetworkBuilder::relu(const Tensor& x, const std::string& name) {
  return same_shape(Op::relu, x, name);
}

Tensor NetworkBuilder::lrn(const Tensor& x, const std::string& name, std::int64_t local_size) {
  Layer layer{.name = name, .op = Op::lrn};
  layer.shape.K = x.C;
  layer.shape.P = x.H;
  layer.shape.Q = x.W;
  layer.shape.R = local_size;  // the window runs across channels
  return append(std::move(layer), x);
}

Tensor NetworkBuilder::batch_norm(const Tensor& x, const std::string& name) {
  return same_shape(Op::batch_norm, x, name);
}

Tensor NetworkBuilder::dropout(const Tensor& x, const std::string& name) {
  return same_shape(Op::dropout, x, name);
}

Tensor NetworkBuilder::concat(const std::vector<Tensor>& parts, const std::string& name) {
  if (parts.empty()) throw InputError("concat '" + name + "' has no inputs");
  Tensor joined = parts.front();
  joined.C = 0;
  for (const Tensor& part : parts) {
    if (part.H != joined.H || part.W != joined.W) {
      throw InputError("concat '" + name + "' joins maps of different spatial extents");
    }
    joined.C += part.C;
  }
  Layer layer{.name = name, .op = Op::concat, .inputs = static_cast<int>(parts.size())};
  layer.shape.K = joined.C;
  layer.shape.P = joined.H;
  layer.shape.Q = joined.W;
  return append(std::move(layer), joined);
}

Tensor NetworkBuilder::add(const Tensor& a, const Tensor& b, const std::string& name) {
  if (a.C != b.C || a.H != b.H || a.W != b.W) {
    throw InputError("add '" + name + "' joins tensors of different shapes");
  }
  Layer layer{.name = name, .op = Op::add, .inputs = 2};
  layer.shape.K = a.C;
  layer.shape.P = a.H;
  layer.shape.Q = a.W;
  return append(std::move(layer), a);
}

void NetworkBuilder::softmax_loss(const Tensor& logits, const std::string& name) {
  const Tensor flat{logits.C * logits.H * logits.W, 1, 1, logits.is_network_input, logits.producer};
  same_shape(Op::softmax_loss, flat, name);
}

Network NetworkBuilder::finish() && {
  return std::move(network_);
}

void fc4096_classifier(NetworkBuilder& b, Tensor x, std::int64_t classes) {
  x = b.fc(x, "fc6", 4096);
  x = b.relu(x, "relu6");
  x = b.dropout(x, "drop6");
  x = b.fc(x, "fc7", 4096);
  x = b.relu(x, "relu7");
  x = b.dropout(x, "drop7");
  x = b.fc(x, "fc8", classes);
  b.softmax_loss(x, "loss");
}

}  // namespace roof
