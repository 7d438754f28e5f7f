#include "kernels/cpu/blocked_problem.hpp"

#include <stdexcept>

#include "kernels/cpu/blocked_layout.hpp"
#include "kernels/cpu/plain_layout.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;

// bwd_data as a correlation over dy: padding (R - 1) step - pad makes its output H x W.
Index transposed_pad(Index window, Index dilation, Index pad) {
  return (window - 1) * (dilation + 1) - pad;
}

}  // namespace

bool BlockedProblem::supports(const Layer& candidate, Pass candidate_pass) {
  if (candidate.op != Op::conv || !is_runnable(candidate) || candidate.shape.groups != 1) {
    return false;
  }
  const Shape& s = candidate.shape;
  if (candidate_pass != Pass::bwd_data) return true;
  return s.stride_h == 1 && s.stride_w == 1 && transposed_pad(s.R, s.dilation_h, s.pad_h) >= 0 &&
         transposed_pad(s.S, s.dilation_w, s.pad_w) >= 0;
}

void BlockedProblem::prepare(const Layer& new_layer, Pass new_pass, const PassTensors& inputs,
                             std::string_view runner) {
  if (!supports(new_layer, new_pass)) {
    throw std::runtime_error(std::string(runner) + ": layer '" + new_layer.name +
                             "' is not an ungrouped convolution this pass can run");
  }
  require_runnable(new_layer, new_pass, inputs, runner);
  layer = new_layer;
  pass = new_pass;
  const Shape& s = layer.shape;
  BlockedCorrelation& c = correlation;
  c = {};
  c.r = s.R;
  c.s = s.S;
  c.step_h = s.dilation_h + 1;
  c.step_w = s.dilation_w + 1;
  c.n = s.N;
  bias.clear();
  if (pass == Pass::bwd_data) {
    const Index ph = transposed_pad(s.R, s.dilation_h, s.pad_h);
    const Index pw = transposed_pad(s.S, s.dilation_w, s.pad_w);
    c.in_blocks = channel_blocks(s.K);
    c.hp = s.P + 2 * ph;
    c.wp = s.Q + 2 * pw;
    c.out_blocks = channel_blocks(s.C);
    c.p = s.H;
    c.q = s.W;
    x = to_blocked_activations(inputs.dy.data(), s.N, s.K, s.P, s.Q, ph, pw);
    w = to_blocked_weights(inputs.w.data(), s.K, s.C, s.R, s.S, true);
  } else {  // fwd and bwd_weights: the forward correlation over x
    c.in_blocks = channel_blocks(s.C);
    c.hp = s.H + 2 * s.pad_h;
    c.wp = s.W + 2 * s.pad_w;
    c.out_blocks = channel_blocks(s.K);
    c.p = s.P;
    c.q = s.Q;
    c.stride_h = s.stride_h;
    c.stride_w = s.stride_w;
    x = to_blocked_activations(inputs.x.data(), s.N, s.C, s.H, s.W, s.pad_h, s.pad_w);
    if (pass == Pass::bwd_weights) {
      dy = to_blocked_activations(inputs.dy.data(), s.N, s.K, s.P, s.Q, 0, 0);
    } else {
      w = to_blocked_weights(inputs.w.data(), s.K, s.C, s.R, s.S, false);
      if (layer.bias) {
        bias.assign(static_cast<std::size_t>(c.out_blocks * kChannelBlock), 0.0f);
        std::copy(inputs.bias.begin(), inputs.bias.end(), bias.begin());
      }
    }
  }
  // A 1x1, stride-1, unpadded correlation is a product over the plane's pixels: its rows are
  // contiguous in both blocked tensors, so the plane is one row of P Q columns, and the
  // register groups run over all of them (at 7x7 a row is one group of 7; as one row, four of
  // 12 and a tail of 1), as oneDNN's 1x1 kernels flatten the plane.
  if (c.r == 1 && c.s == 1 && c.stride_h == 1 && c.stride_w == 1 && c.hp == c.p && c.wp == c.q) {
    c.q *= c.p;
    c.wp *= c.hp;
    c.p = 1;
    c.hp = 1;
  }
  const Index out_elements =
      pass == Pass::bwd_weights
          ? c.out_blocks * c.in_blocks * c.r * c.s * kChannelBlock * kChannelBlock
          : c.n * c.out_blocks * c.p * c.q * kChannelBlock;
  out.assign(static_cast<std::size_t>(out_elements), 0.0f);
}

void BlockedProblem::run_weight_gradient() {
  const BlockedCorrelation& c = correlation;
  const BlockedKernels& kernels = best_blocked_kernels();
#pragma omp parallel for collapse(4) schedule(static)
  for (Index kb = 0; kb < c.out_blocks; ++kb) {
    for (Index cb = 0; cb < c.in_blocks; ++cb) {
      for (Index r = 0; r < c.r; ++r) {
        for (Index t = 0; t < c.s; ++t) {
          kernels.weights(c, x.data(), dy.data(), out.data(), kb, cb, r, t);
        }
      }
    }
  }
}

std::vector<float> BlockedProblem::result() const {
  const Shape& s = layer.shape;
  switch (pass) {
    case Pass::fwd:
      return from_blocked_activations(out.data(), s.N, s.K, s.P, s.Q);
    case Pass::bwd_data:
      return from_blocked_activations(out.data(), s.N, s.C, s.H, s.W);
    case Pass::bwd_weights:
      break;
  }
  return from_blocked_weights(out.data(), s.K, s.C, s.R, s.S);
}

}  // namespace roof::kernels
