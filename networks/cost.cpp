#include "networks/cost.hpp"

#include "support/checked_math.hpp"
#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Pass pass) {
  switch (pass) {
    case Pass::fwd:
      return "fwd";
    case Pass::bwd_data:
      return "bwd_data";
    case Pass::bwd_weights:
      return "bwd_weights";
  }
  return "fwd";
}

namespace {

// Overflow here is reported by cost_of(), which names the layer.
std::int64_t mul(std::int64_t a, std::int64_t b) {
  return checked_mul(a, b);
}
std::int64_t add(std::int64_t a, std::int64_t b) {
  return checked_add(a, b);
}
std::int64_t sum(std::initializer_list<std::int64_t> terms) {
  std::int64_t total = 0;
  for (std::int64_t term : terms) total = add(total, term);
  return total;
}

// Element counts of the tensors a layer touches; bytes follow by the element size.
struct Extents {
  std::int64_t in = 0;       // N x C x H x W
  std::int64_t out = 0;      // N x K x P x Q
  std::int64_t weights = 0;  // K x C/G x R x S (conv, fc)
  std::int64_t bias = 0;     // K when the layer has a bias
};

Extents extents_of(const Layer& layer) {
  const Shape& s = layer.shape;
  Extents e;
  e.in = mul(mul(mul(s.N, s.C), s.H), s.W);
  e.out = mul(mul(mul(s.N, s.K), s.P), s.Q);
  if (layer.op == Op::conv || layer.op == Op::fc) {
    e.weights = mul(mul(mul(s.K, s.C / s.groups), s.R), s.S);
    e.bias = layer.bias ? s.K : 0;
  }
  return e;
}

PassCost compute_pass(std::int64_t macs, std::int64_t elements, std::int64_t element_size) {
  return PassCost{macs, mul(2, macs), mul(elements, element_size)};
}

// conv and fc: the three passes share one MAC count (each is the same GEMM, transposed).
LayerCost weighted_layer_cost(const Layer& layer, const Extents& e, std::int64_t size) {
  const Shape& s = layer.shape;
  const std::int64_t macs = mul(mul(e.out, s.C / s.groups), mul(s.R, s.S));
  LayerCost cost;
  cost.params = add(e.weights, e.bias);
  cost.weight_tensors = {e.weights};
  if (layer.bias) cost.weight_tensors.push_back(e.bias);
  cost.passes[0] = compute_pass(macs, sum({e.in, e.weights, e.bias, e.out}), size);
  if (layer.needs_input_grad) {
    cost.passes[1] = compute_pass(macs, sum({e.out, e.weights, e.in}), size);
  }
  cost.passes[2] = compute_pass(macs, sum({e.in, e.out, e.weights, e.bias}), size);
  return cost;
}

// Ops without weights: FLOPs per element and tensors read and written, per pass. The element
// counts are in docs/metrics.md, table "other ops".
struct OpTraffic {
  std::int64_t fwd_flops = 0;
  std::int64_t fwd_elements = 0;
  std::int64_t fwd_extra_bytes = 0;  // dtype-independent traffic (dropout's byte mask, labels)
  std::int64_t bwd_flops = 0;
  std::int64_t bwd_elements = 0;
  std::int64_t bwd_extra_bytes = 0;
};

OpTraffic op_traffic(const Layer& layer, const Extents& e) {
  const Shape& s = layer.shape;
  const std::int64_t window = mul(s.R, s.S);
  switch (layer.op) {
    case Op::max_pool:
      // Backward (cuDNN's contract) reads x, y and dy to find each window's maximum again.
      return {mul(e.out, window), add(e.in, e.out), 0, e.out, mul(2, add(e.in, e.out)), 0};
    case Op::avg_pool:
      return {mul(e.out, window), add(e.in, e.out), 0, mul(e.in, 1), add(e.in, e.out), 0};
    case Op::relu:
      return {e.out, mul(2, e.out), 0, e.out, mul(3, e.out), 0};
    case Op::lrn: {
      // Sum of squares over R neighbouring channels, then scale and power.
      const std::int64_t per_element = 2 * s.R + 3;
      return {mul(e.out, per_element),     mul(2, e.out), 0,
              mul(e.out, per_element + 2), mul(4, e.out), 0};
    }
    case Op::batch_norm: {
      // Training mode: batch statistics (mean, variance) then normalise, scale and shift; the
      // backward pass also produces d(gamma) and d(beta), as cuDNN's single call does. The C
      // terms: fwd reads gamma and beta; bwd reads gamma and writes d(gamma) and d(beta). The
      // saved mean and inverse deviation (2C) are left out of both, as negligible.
      const std::int64_t channel_params = mul(2, s.C);
      return {mul(6, e.out),
              sum({e.in, e.out, channel_params}),
              0,
              mul(8, e.out),
              sum({mul(2, e.in), e.out, channel_params, s.C}),
              0};
    }
    case Op::concat:
      return {0, mul(2, e.out), 0, 0, mul(2, e.out), 0};
    case Op::add:
      // The backward counterpart is the gradient sum where the two paths forked.
      return {e.out, mul(3, e.out), 0, e.out, mul(3, e.out), 0};
    case Op::dropout:
      // The keep-mask is one byte per element whatever the dtype, as PyTorch stores it.
      return {mul(2, e.out), mul(2, e.out), e.out, e.out, mul(2, e.out), e.out};
    case Op::softmax_loss: {
      // Labels are one int32 per image.
      const std::int64_t labels = mul(4, s.N);
      return {mul(5, e.out), mul(2, e.out), labels, mul(2, e.out), mul(2, e.out), labels};
    }
    case Op::conv:
    case Op::fc:
      break;
  }
  return {};
}

LayerCost op_cost(const Layer& layer, const Extents& e, std::int64_t size) {
  const OpTraffic t = op_traffic(layer, e);
  LayerCost cost;
  if (layer.op == Op::batch_norm) {
    cost.params = mul(2, layer.shape.C);
    cost.weight_tensors = {layer.shape.C, layer.shape.C};
  }
  cost.passes[0] = PassCost{0, t.fwd_flops, add(mul(t.fwd_elements, size), t.fwd_extra_bytes)};
  if (layer.needs_input_grad) {
    cost.passes[1] = PassCost{0, t.bwd_flops, add(mul(t.bwd_elements, size), t.bwd_extra_bytes)};
  }
  return cost;
}

}  // namespace

LayerCost cost_of(const Layer& layer, DType dtype) {
  try {
    const Extents e = extents_of(layer);
    const std::int64_t size = element_bytes(dtype);
    if (layer.op == Op::conv || layer.op == Op::fc) return weighted_layer_cost(layer, e, size);
    return op_cost(layer, e, size);
  } catch (const InputError&) {
    // When the shape overflows at batch 1 too, a smaller batch cannot help.
    bool shape_alone = layer.shape.N <= 1;
    if (!shape_alone) {
      Layer one = layer;
      one.shape.N = 1;
      try {
        cost_of(one, dtype);
      } catch (const InputError&) {
        shape_alone = true;
      }
    }
    if (shape_alone) {
      throw InputError("the counts of layer '" + layer.name +
                       "' overflow 64 bits even at batch 1: its shape is too large to count");
    }
    throw InputError("the counts of layer '" + layer.name + "' overflow 64 bits at batch " +
                     std::to_string(layer.shape.N) + "; use a smaller batch");
  }
}

NetworkTotals totals_of(const Network& network, DType dtype) {
  NetworkTotals totals;
  for (const Layer& layer : network.layers) {
    const LayerCost cost = cost_of(layer, dtype);
    totals.macs = checked_add(totals.macs, cost.fwd().macs, "network MACs");
    totals.params = checked_add(totals.params, cost.params, "network parameters");
    for (Pass p : kAllPasses) {
      const auto& pass = cost.pass(p);
      if (!pass) continue;
      const auto i = static_cast<std::size_t>(p);
      totals.flops = checked_add(totals.flops, pass->flops, "network FLOPs");
      totals.flops_by_pass[i] = checked_add(totals.flops_by_pass[i], pass->flops, "FLOPs");
      totals.bytes_by_pass[i] = checked_add(totals.bytes_by_pass[i], pass->bytes, "bytes");
    }
    const std::string_view kind = compute_kind(layer);
    if (kind == "conv" || kind == "conv1x1") ++totals.conv_layers;
    if (kind == "conv1x1") ++totals.conv1x1_layers;
    if (kind == "fc") ++totals.fc_layers;
  }
  return totals;
}

}  // namespace roof
