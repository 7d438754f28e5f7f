#include "kernels/op_tensors.hpp"

#include <exception>

namespace roof::kernels {
namespace {

std::int64_t input_extent(const Layer& layer) {
  const Shape& s = layer.shape;
  return s.N * s.C * s.H * s.W;
}

std::int64_t output_extent(const Layer& layer) {
  const Shape& s = layer.shape;
  return s.N * s.K * s.P * s.Q;
}

}  // namespace

bool is_memory_op(const Layer& layer) {
  return layer.op != Op::conv && layer.op != Op::fc;
}

bool is_valid_memory_op(const Layer& layer) {
  if (!is_memory_op(layer)) return false;
  try {
    validate(layer);
  } catch (const std::exception&) {
    return false;
  }
  // The loops index with 64-bit integers; a tensor past 2^40 elements is no real layer.
  return op_x_elements(layer, true) < (std::int64_t{1} << 40) &&
         (layer.op != Op::concat || layer.inputs <= layer.shape.C);
}

std::int64_t op_x_elements(const Layer& layer, bool forward) {
  switch (layer.op) {
    case Op::add:
      return forward ? 2 * input_extent(layer) : 0;
    case Op::avg_pool:
    case Op::concat:
    case Op::dropout:
      return forward ? input_extent(layer) : 0;
    case Op::relu:
    case Op::max_pool:
    case Op::lrn:
    case Op::batch_norm:
    case Op::softmax_loss:
      return input_extent(layer);
    case Op::conv:
    case Op::fc:
      break;
  }
  return 0;
}

std::int64_t op_dy_elements(const Layer& layer, bool forward) {
  if (forward || layer.op == Op::softmax_loss) return 0;
  return layer.op == Op::add ? 2 * output_extent(layer) : output_extent(layer);
}

std::int64_t op_w_elements(const Layer& layer) {
  return layer.op == Op::batch_norm ? 2 * layer.shape.C : 0;
}

std::vector<std::int64_t> concat_channels(const Layer& layer) {
  const std::int64_t parts = layer.inputs > 0 ? layer.inputs : 1;
  std::vector<std::int64_t> channels(static_cast<std::size_t>(parts), layer.shape.C / parts);
  channels[0] += layer.shape.C % parts;
  return channels;
}

std::int64_t softmax_label(std::int64_t n, std::int64_t classes) {
  return (n * 7919 + 13) % classes;
}

bool dropout_keeps(std::int64_t index) {
  // splitmix64's finaliser of the index: a fixed, well-mixed bit per element.
  auto z = static_cast<std::uint64_t>(index) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return ((z ^ (z >> 31)) >> 63) != 0;
}

}  // namespace roof::kernels
