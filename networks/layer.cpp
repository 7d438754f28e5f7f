#include "networks/layer.hpp"

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Op op) {
  switch (op) {
    case Op::conv:
      return "conv";
    case Op::fc:
      return "fc";
    case Op::max_pool:
      return "max_pool";
    case Op::avg_pool:
      return "avg_pool";
    case Op::relu:
      return "relu";
    case Op::lrn:
      return "lrn";
    case Op::batch_norm:
      return "batch_norm";
    case Op::concat:
      return "concat";
    case Op::add:
      return "add";
    case Op::dropout:
      return "dropout";
    case Op::softmax_loss:
      return "softmax_loss";
  }
  return "unknown";
}

bool is_conv1x1(const Layer& layer) {
  const Shape& s = layer.shape;
  return layer.op == Op::conv && s.R == 1 && s.S == 1 && s.pad_h == 0 && s.pad_w == 0;
}

std::string_view compute_kind(const Layer& layer) {
  if (layer.op == Op::fc) return "fc";
  if (layer.op != Op::conv) return "";
  return is_conv1x1(layer) ? "conv1x1" : "conv";
}

std::int64_t window_extent(std::int64_t window, std::int64_t dilation) {
  if (window == 1) return 1;  // one tap spans one element whatever the dilation
  std::int64_t step = 0, span = 0;
  if (__builtin_add_overflow(dilation, 1, &step) ||
      __builtin_mul_overflow(window - 1, step, &span) || __builtin_add_overflow(span, 1, &span)) {
    throw InputError("a window of " + std::to_string(window) + " taps with dilation " +
                     std::to_string(dilation) + " spans more than 2^63 elements");
  }
  return span;
}

namespace {

// input + 2 pad, refused when it does not fit in 64 bits.
std::int64_t padded_extent(std::int64_t input, std::int64_t pad) {
  std::int64_t twice = 0, padded = 0;
  if (__builtin_mul_overflow(pad, 2, &twice) || __builtin_add_overflow(input, twice, &padded)) {
    throw InputError("an input of " + std::to_string(input) + " with padding " +
                     std::to_string(pad) + " on each side spans more than 2^63 elements");
  }
  return padded;
}

}  // namespace

std::int64_t window_output(std::int64_t input, std::int64_t window, std::int64_t stride,
                           std::int64_t pad, std::int64_t dilation) {
  return (padded_extent(input, pad) - window_extent(window, dilation)) / stride + 1;
}

namespace {

[[noreturn]] void fail(const Layer& layer, const std::string& why) {
  const std::string who = layer.name.empty() ? "" : "layer '" + layer.name + "' ";
  throw InputError(who + "(" + std::string(to_string(layer.op)) + "): " + why);
}

void require_positive(const Layer& layer, std::int64_t value, const char* field) {
  if (value <= 0)
    fail(layer, std::string(field) + " must be positive, got " + std::to_string(value));
}

// The window must fit the padded input, and the stated output extent must be the one the
// window produces. Pooling layers built in ceil mode may produce one more row than floor mode.
void check_window(const Layer& layer, std::int64_t input, std::int64_t window, std::int64_t stride,
                  std::int64_t pad, std::int64_t dilation, std::int64_t output, const char* axis) {
  const std::string a(axis);
  if (pad < 0) fail(layer, "pad_" + a + " must not be negative");
  if (dilation < 0) fail(layer, "dilation_" + a + " must not be negative");
  const std::int64_t extent = window_extent(window, dilation);
  if (extent > padded_extent(input, pad)) {
    fail(layer, "kernel " + std::to_string(extent) + " is larger than the padded input " +
                    std::to_string(input) + "+2*" + std::to_string(pad) + " along " + a);
  }
  const std::int64_t floor_out = window_output(input, window, stride, pad, dilation);
  const bool pooling = layer.op == Op::max_pool || layer.op == Op::avg_pool;
  const bool ceil_ok = pooling && output == floor_out + 1 && (output - 1) * stride < input + pad;
  if (output != floor_out && !ceil_ok) {
    fail(layer, "output extent " + std::to_string(output) + " along " + a +
                    " does not follow from input " + std::to_string(input) + ", kernel " +
                    std::to_string(window) + ", stride " + std::to_string(stride) + ", pad " +
                    std::to_string(pad) + " (expected " + std::to_string(floor_out) + ")");
  }
}

}  // namespace

void validate(const Layer& layer) {
  const Shape& s = layer.shape;
  require_positive(layer, s.N, "batch (N)");
  const std::pair<std::int64_t, const char*> extents[] = {{s.C, "C"},
                                                          {s.H, "H"},
                                                          {s.W, "W"},
                                                          {s.K, "K"},
                                                          {s.R, "R"},
                                                          {s.S, "S"},
                                                          {s.stride_h, "stride_h"},
                                                          {s.stride_w, "stride_w"},
                                                          {s.groups, "groups"}};
  for (const auto& [value, field] : extents) require_positive(layer, value, field);
  // P and Q are checked after the window, whose message says why an output is empty.

  switch (layer.op) {
    case Op::conv:
      if (s.C % s.groups != 0 || s.K % s.groups != 0) {
        fail(layer, "groups " + std::to_string(s.groups) + " must divide C " + std::to_string(s.C) +
                        " and K " + std::to_string(s.K));
      }
      check_window(layer, s.H, s.R, s.stride_h, s.pad_h, s.dilation_h, s.P, "h");
      check_window(layer, s.W, s.S, s.stride_w, s.pad_w, s.dilation_w, s.Q, "w");
      break;
    case Op::max_pool:
    case Op::avg_pool:
      if (s.K != s.C) fail(layer, "pooling keeps the channels: K must equal C");
      check_window(layer, s.H, s.R, s.stride_h, s.pad_h, s.dilation_h, s.P, "h");
      check_window(layer, s.W, s.S, s.stride_w, s.pad_w, s.dilation_w, s.Q, "w");
      break;
    case Op::fc:
      if (s.H != 1 || s.W != 1 || s.P != 1 || s.Q != 1 || s.R != 1 || s.S != 1) {
        fail(layer, "fc layers use C inputs and K outputs with unit spatial extents");
      }
      if (s.groups != 1) fail(layer, "fc layers have no groups");
      break;
    default:  // element-wise ops and concat (C = the joined channels) keep the tensor's shape
      if (s.K != s.C || s.P != s.H || s.Q != s.W) {
        fail(layer, "this op keeps the tensor's shape: K, P, Q must equal C, H, W");
      }
      break;
  }
  require_positive(layer, s.P, "P");
  require_positive(layer, s.Q, "Q");
}

}  // namespace roof
