#include "kernels/cpu/blocked_direct_runner.hpp"

#include <omp.h>

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

std::string BlockedDirectRunner::description() const {
  return std::string("our cache-blocked direct convolution, ") + best_blocked_kernels().name +
         " (16-channel blocks as vectors): nChw16c activations holding their padding, "
         "OIhw16i16o weights, reorders not timed, " +
         std::to_string(omp_get_max_threads()) + " OpenMP threads";
}

bool BlockedDirectRunner::supports(const Layer& layer, Pass pass) const {
  if (layer.op != Op::conv || !is_runnable(layer) || layer.shape.groups != 1) return false;
  const Shape& s = layer.shape;
  if (pass != Pass::bwd_data) return true;
  return s.stride_h == 1 && s.stride_w == 1 && transposed_pad(s.R, s.dilation_h, s.pad_h) >= 0 &&
         transposed_pad(s.S, s.dilation_w, s.pad_w) >= 0;
}

void BlockedDirectRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  if (!supports(layer, pass)) {
    throw std::runtime_error("blocked_direct: layer '" + layer.name +
                             "' is not an ungrouped convolution this pass can run");
  }
  require_runnable(layer, pass, inputs, name());
  layer_ = layer;
  pass_ = pass;
  const Shape& s = layer.shape;
  BlockedCorrelation& c = correlation_;
  c = {};
  c.r = s.R;
  c.s = s.S;
  c.step_h = s.dilation_h + 1;
  c.step_w = s.dilation_w + 1;
  c.n = s.N;
  bias_.clear();
  switch (pass) {
    case Pass::fwd:
      c.in_blocks = channel_blocks(s.C);
      c.hp = s.H + 2 * s.pad_h;
      c.wp = s.W + 2 * s.pad_w;
      c.out_blocks = channel_blocks(s.K);
      c.p = s.P;
      c.q = s.Q;
      c.stride_h = s.stride_h;
      c.stride_w = s.stride_w;
      x_ = to_blocked_activations(inputs.x.data(), s.N, s.C, s.H, s.W, s.pad_h, s.pad_w);
      w_ = to_blocked_weights(inputs.w.data(), s.K, s.C, s.R, s.S, false);
      if (layer.bias) {
        bias_.assign(static_cast<std::size_t>(c.out_blocks * kChannelBlock), 0.0f);
        std::copy(inputs.bias.begin(), inputs.bias.end(), bias_.begin());
      }
      break;
    case Pass::bwd_data: {
      const Index ph = transposed_pad(s.R, s.dilation_h, s.pad_h);
      const Index pw = transposed_pad(s.S, s.dilation_w, s.pad_w);
      c.in_blocks = channel_blocks(s.K);
      c.hp = s.P + 2 * ph;
      c.wp = s.Q + 2 * pw;
      c.out_blocks = channel_blocks(s.C);
      c.p = s.H;
      c.q = s.W;
      x_ = to_blocked_activations(inputs.dy.data(), s.N, s.K, s.P, s.Q, ph, pw);
      w_ = to_blocked_weights(inputs.w.data(), s.K, s.C, s.R, s.S, true);
      break;
    }
    case Pass::bwd_weights:
      c.in_blocks = channel_blocks(s.C);
      c.hp = s.H + 2 * s.pad_h;
      c.wp = s.W + 2 * s.pad_w;
      c.out_blocks = channel_blocks(s.K);
      c.p = s.P;
      c.q = s.Q;
      c.stride_h = s.stride_h;
      c.stride_w = s.stride_w;
      x_ = to_blocked_activations(inputs.x.data(), s.N, s.C, s.H, s.W, s.pad_h, s.pad_w);
      dy_ = to_blocked_activations(inputs.dy.data(), s.N, s.K, s.P, s.Q, 0, 0);
      break;
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
  out_.assign(static_cast<std::size_t>(out_elements), 0.0f);
  prepared_ = true;
}

void BlockedDirectRunner::run() {
  if (!prepared_) throw std::runtime_error("blocked_direct: run() before prepare()");
  const BlockedCorrelation& c = correlation_;
  const BlockedKernels& kernels = best_blocked_kernels();
  if (pass_ == Pass::bwd_weights) {
#pragma omp parallel for collapse(4) schedule(static)
    for (Index kb = 0; kb < c.out_blocks; ++kb) {
      for (Index cb = 0; cb < c.in_blocks; ++cb) {
        for (Index r = 0; r < c.r; ++r) {
          for (Index s = 0; s < c.s; ++s) {
            kernels.weights(c, x_.data(), dy_.data(), out_.data(), kb, cb, r, s);
          }
        }
      }
    }
    return;
  }
  const float* bias = bias_.empty() ? nullptr : bias_.data();
  // An (image, output block) per thread at a time, its rows in order: the block's weights stay
  // in the core's L2 while the input rows stream past.
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < c.n; ++n) {
    for (Index kb = 0; kb < c.out_blocks; ++kb) {
      for (Index row = 0; row < c.p; ++row) {
        kernels.row(c, x_.data(), w_.data(), bias, out_.data(), n, kb, row);
      }
    }
  }
}

std::vector<float> BlockedDirectRunner::result() {
  const Shape& s = layer_.shape;
  switch (pass_) {
    case Pass::fwd:
      return from_blocked_activations(out_.data(), s.N, s.K, s.P, s.Q);
    case Pass::bwd_data:
      return from_blocked_activations(out_.data(), s.N, s.C, s.H, s.W);
    case Pass::bwd_weights:
      break;
  }
  return from_blocked_weights(out_.data(), s.K, s.C, s.R, s.S);
}

}  // namespace roof::kernels
