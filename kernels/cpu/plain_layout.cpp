#include "kernels/cpu/plain_layout.hpp"

#include <exception>
#include <stdexcept>

namespace roof::kernels {

std::int64_t PlainShape::elements() const {
  std::int64_t count = 1;
  for (int d = 0; d < rank; ++d) count *= extent[d];
  return count;
}

std::array<std::int64_t, 4> PlainShape::coordinates(std::int64_t index) const {
  std::array<std::int64_t, 4> coordinate{};
  for (int d = rank - 1; d >= 0; --d) {
    coordinate[d] = index % extent[d];
    index /= extent[d];
  }
  return coordinate;
}

std::string PlainShape::describe(std::int64_t index) const {
  const std::array<std::int64_t, 4> coordinate = coordinates(index);
  std::string text;
  for (int d = 0; d < rank; ++d) {
    if (d > 0) text += ' ';
    text += letter[d];
    text += '=' + std::to_string(coordinate[d]);
  }
  return text;
}

PlainShape result_shape(const Layer& layer, Pass pass) {
  const Shape& s = layer.shape;
  if (layer.op == Op::fc) {
    switch (pass) {
      case Pass::fwd:
        return {2, {s.N, s.K, 1, 1}, {'n', 'k'}};
      case Pass::bwd_data:
        return {2, {s.N, s.C, 1, 1}, {'n', 'c'}};
      case Pass::bwd_weights:
        return {2, {s.K, s.C, 1, 1}, {'k', 'c'}};
    }
  }
  switch (pass) {
    case Pass::fwd:
      return {4, {s.N, s.K, s.P, s.Q}, {'n', 'k', 'p', 'q'}};
    case Pass::bwd_data:
      return {4, {s.N, s.C, s.H, s.W}, {'n', 'c', 'h', 'w'}};
    case Pass::bwd_weights:
      return {4, {s.K, s.C / s.groups, s.R, s.S}, {'k', 'c', 'r', 's'}};
  }
  return {};
}

bool is_runnable(const Layer& layer) {
  try {
    validate(layer);
  } catch (const std::exception&) {
    return false;
  }
  if (layer.op == Op::conv) return true;
  if (layer.op != Op::fc) return false;
  const Shape& s = layer.shape;
  return s.stride_h == 1 && s.stride_w == 1 && s.pad_h == 0 && s.pad_w == 0 && s.dilation_h == 0 &&
         s.dilation_w == 0;
}

namespace {

void require_size(const std::vector<float>& tensor, std::int64_t elements, const char* what,
                  std::string_view runner) {
  if (static_cast<std::int64_t>(tensor.size()) == elements) return;
  throw std::runtime_error(std::string(runner) + ": " + what + " has " +
                           std::to_string(tensor.size()) + " elements, the layer needs " +
                           std::to_string(elements));
}

}  // namespace

void require_runnable(const Layer& layer, Pass pass, const PassTensors& inputs,
                      std::string_view runner) {
  if (!is_runnable(layer)) {
    throw std::runtime_error(std::string(runner) + ": layer '" + layer.name +
                             "' is not a conv or fc layer this runner can run");
  }
  if (pass == Pass::fwd || pass == Pass::bwd_weights) {
    require_size(inputs.x, input_elements(layer), "x", runner);
  }
  if (pass == Pass::fwd || pass == Pass::bwd_data) {
    require_size(inputs.w, weight_elements(layer), "w", runner);
  }
  if (pass == Pass::fwd && layer.bias) require_size(inputs.bias, layer.shape.K, "bias", runner);
  if (pass == Pass::bwd_data || pass == Pass::bwd_weights) {
    require_size(inputs.dy, output_elements(layer), "dy", runner);
  }
}

}  // namespace roof::kernels
