#include "kernels/cpu/op_loops.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "kernels/op_tensors.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;

// The window of output (p, q) in one plane, clipped to the input (op_reference.cpp).
struct Window {
  Index h0, h1, w0, w1;
};
Window window_of(const Shape& s, Index p, Index q) {
  const Index h = p * s.stride_h - s.pad_h, w = q * s.stride_w - s.pad_w;
  const Index h0 = std::max<Index>(h, 0), w0 = std::max<Index>(w, 0);
  // A window wholly on the padding is empty, not negative on both axes.
  return {h0, std::max(h0, std::min(h + s.R, s.H)), w0, std::max(w0, std::min(w + s.S, s.W))};
}

void pool_forward(const Layer& layer, const float* x, float* y) {
  const Shape& s = layer.shape;
  const bool max = layer.op == Op::max_pool;
#pragma omp parallel for schedule(static)
  for (Index plane = 0; plane < s.N * s.C; ++plane) {
    const float* in = x + plane * s.H * s.W;
    float* out = y + plane * s.P * s.Q;
    for (Index p = 0; p < s.P; ++p) {
      for (Index q = 0; q < s.Q; ++q) {
        const Window win = window_of(s, p, q);
        float best = -std::numeric_limits<float>::infinity(), sum = 0;
        for (Index h = win.h0; h < win.h1; ++h) {
          for (Index w = win.w0; w < win.w1; ++w) {
            best = std::max(best, in[h * s.W + w]);
            sum += in[h * s.W + w];
          }
        }
        const Index count = (win.h1 - win.h0) * (win.w1 - win.w0);
        out[p * s.Q + q] =
            max ? (count > 0 ? best : 0.0f) : sum / static_cast<float>(std::max<Index>(count, 1));
      }
    }
  }
}

// A thread per plane: the windows of one plane overlap, different planes never do.
void pool_backward(const Layer& layer, const float* x, const float* dy, float* dx) {
  const Shape& s = layer.shape;
  const bool max = layer.op == Op::max_pool;
#pragma omp parallel for schedule(static)
  for (Index plane = 0; plane < s.N * s.C; ++plane) {
    const float* in = max ? x + plane * s.H * s.W : nullptr;
    const float* g = dy + plane * s.P * s.Q;
    float* out = dx + plane * s.H * s.W;
    std::fill(out, out + s.H * s.W, 0.0f);
    for (Index p = 0; p < s.P; ++p) {
      for (Index q = 0; q < s.Q; ++q) {
        const Window win = window_of(s, p, q);
        if (max) {
          // The window's first maximum, found again in x, as cuDNN's backward does.
          Index at = -1;
          for (Index h = win.h0; h < win.h1; ++h) {
            for (Index w = win.w0; w < win.w1; ++w) {
              if (at < 0 || in[h * s.W + w] > in[at]) at = h * s.W + w;
            }
          }
          if (at >= 0) out[at] += g[p * s.Q + q];
        } else {
          const Index count = (win.h1 - win.h0) * (win.w1 - win.w0);
          const float share = g[p * s.Q + q] / static_cast<float>(std::max<Index>(count, 1));
          for (Index h = win.h0; h < win.h1; ++h) {
            for (Index w = win.w0; w < win.w1; ++w) out[h * s.W + w] += share;
          }
        }
      }
    }
  }
}

// scale = k + alpha / n x (sum of the squares of the n channels around c); y = x scale^-beta.
// A thread per (image, channel), the window summed plane-wide so the inner loop vectorises.
void lrn_forward(const Shape& s, const float* x, float* scale, float* y) {
  const Index plane = s.H * s.W, half = s.R / 2;
  const auto alpha_over_n = static_cast<float>(kLrnAlpha / static_cast<double>(s.R));
  const auto beta = static_cast<float>(kLrnBeta);
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < s.N; ++n) {
    for (Index c = 0; c < s.C; ++c) {
      float* sc = scale + (n * s.C + c) * plane;
      std::fill(sc, sc + plane, 0.0f);
      for (Index j = std::max<Index>(c - half, 0); j <= std::min(c + half, s.C - 1); ++j) {
        const float* xj = x + (n * s.C + j) * plane;
        for (Index i = 0; i < plane; ++i) sc[i] += xj[i] * xj[i];
      }
      const float* xc = x + (n * s.C + c) * plane;
      float* yc = y + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) {
        sc[i] = static_cast<float>(kLrnK) + alpha_over_n * sc[i];
        yc[i] = xc[i] * std::pow(sc[i], -beta);
      }
    }
  }
}

// dx_c = dy_c scale_c^-beta - 2 alpha beta / n x_c sum_j dy_j y_j / scale_j (Caffe's).
void lrn_backward(const Shape& s, const float* x, const float* dy, const float* scale,
                  const float* y, float* dx) {
  const Index plane = s.H * s.W, half = s.R / 2;
  const auto factor = static_cast<float>(2 * kLrnAlpha * kLrnBeta / static_cast<double>(s.R));
  const auto beta = static_cast<float>(kLrnBeta);
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < s.N; ++n) {
    for (Index c = 0; c < s.C; ++c) {
      const Index at = (n * s.C + c) * plane;
      float* out = dx + at;
      std::fill(out, out + plane, 0.0f);
      for (Index j = std::max<Index>(c - half, 0); j <= std::min(c + half, s.C - 1); ++j) {
        const Index aj = (n * s.C + j) * plane;
        for (Index i = 0; i < plane; ++i) out[i] += dy[aj + i] * y[aj + i] / scale[aj + i];
      }
      for (Index i = 0; i < plane; ++i) {
        out[i] = dy[at + i] * std::pow(scale[at + i], -beta) - factor * x[at + i] * out[i];
      }
    }
  }
}

// A thread per channel. The statistics are summed in double: a channel of ResNet-50's first
// batch norm holds 100,352 values at batch 8, and a float sum of them would lose digits the
// verification's tolerance does not allow.
void batch_norm_statistics(const Shape& s, const float* x, float* mean, float* invstd) {
  const Index plane = s.H * s.W;
  const double m = static_cast<double>(s.N * plane);
#pragma omp parallel for schedule(static)
  for (Index c = 0; c < s.C; ++c) {
    double sum = 0, squares = 0;
    for (Index n = 0; n < s.N; ++n) {
      const float* xc = x + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) sum += xc[i];
    }
    const double mu = sum / m;
    for (Index n = 0; n < s.N; ++n) {
      const float* xc = x + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) squares += (xc[i] - mu) * (xc[i] - mu);
    }
    mean[c] = static_cast<float>(mu);
    invstd[c] = static_cast<float>(1 / std::sqrt(squares / m + kBatchNormEpsilon));
  }
}

void batch_norm_normalise(const Shape& s, const float* x, const float* gamma_beta,
                          const float* mean, const float* invstd, float* y) {
  const Index plane = s.H * s.W;
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < s.N; ++n) {
    for (Index c = 0; c < s.C; ++c) {
      const float scale = gamma_beta[c] * invstd[c];
      const float shift = gamma_beta[s.C + c] - mean[c] * scale;
      const float* xc = x + (n * s.C + c) * plane;
      float* yc = y + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) yc[i] = xc[i] * scale + shift;
    }
  }
}

// dx = gamma invstd (dy - mean(dy) - xhat mean(dy xhat)); d(gamma) and d(beta) are the two
// sums, computed and dropped (the result is dx).
void batch_norm_backward(const Shape& s, const float* x, const float* dy, const float* gamma_beta,
                         const float* mean, const float* invstd, float* dx) {
  const Index plane = s.H * s.W;
  const double m = static_cast<double>(s.N * plane);
#pragma omp parallel for schedule(static)
  for (Index c = 0; c < s.C; ++c) {
    double sum_dy = 0, sum_dy_xhat = 0;
    for (Index n = 0; n < s.N; ++n) {
      const float* xc = x + (n * s.C + c) * plane;
      const float* gc = dy + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) {
        sum_dy += gc[i];
        sum_dy_xhat += gc[i] * (xc[i] - mean[c]) * invstd[c];
      }
    }
    const auto mean_dy = static_cast<float>(sum_dy / m);
    const auto mean_dy_xhat = static_cast<float>(sum_dy_xhat / m);
    const float scale = gamma_beta[c] * invstd[c];
    for (Index n = 0; n < s.N; ++n) {
      const float* xc = x + (n * s.C + c) * plane;
      const float* gc = dy + (n * s.C + c) * plane;
      float* out = dx + (n * s.C + c) * plane;
      for (Index i = 0; i < plane; ++i) {
        const float xhat = (xc[i] - mean[c]) * invstd[c];
        out[i] = scale * (gc[i] - mean_dy - xhat * mean_dy_xhat);
      }
    }
  }
}

// Part g's channel block of every image, copied whole (fwd: into y; bwd: out of dy).
void concat_copy(const Layer& layer, bool forward, const float* from, float* to) {
  const Shape& s = layer.shape;
  const Index plane = s.H * s.W;
  const std::vector<Index> channels = concat_channels(layer);
  const auto parts = static_cast<Index>(channels.size());
  std::vector<Index> part_offset(channels.size()), channel_offset(channels.size());
  for (std::size_t g = 1; g < channels.size(); ++g) {
    part_offset[g] = part_offset[g - 1] + s.N * channels[g - 1] * plane;
    channel_offset[g] = channel_offset[g - 1] + channels[g - 1];
  }
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < s.N; ++n) {
    for (Index g = 0; g < parts; ++g) {
      const auto at = static_cast<std::size_t>(g);
      const Index block = channels[at] * plane;
      const Index in_part = part_offset[at] + n * block;
      const Index joined = (n * s.C + channel_offset[at]) * plane;
      const float* src = from + (forward ? in_part : joined);
      float* dst = to + (forward ? joined : in_part);
      std::memcpy(dst, src, static_cast<std::size_t>(block) * sizeof(float));
    }
  }
}

// Probabilities per image (max subtracted first), and the mean cross-entropy of the labels.
double softmax_forward(const Shape& s, const float* x, float* probs) {
  const Index classes = s.C * s.H * s.W;
  double loss = 0;
#pragma omp parallel for schedule(static) reduction(+ : loss)
  for (Index n = 0; n < s.N; ++n) {
    const float* logits = x + n * classes;
    float* p = probs + n * classes;
    const float top = *std::max_element(logits, logits + classes);
    float sum = 0;
    for (Index k = 0; k < classes; ++k) sum += p[k] = std::exp(logits[k] - top);
    const float inverse = 1.0f / sum;
    for (Index k = 0; k < classes; ++k) p[k] *= inverse;
    loss -= std::log(std::max(p[softmax_label(n, classes)], 1e-30f));
  }
  return loss / static_cast<double>(s.N);
}

// The element-wise loops, with restrict-qualified pointers and no branches, so that GCC
// vectorises them (with std::max or a branch per element it did not, and ReLU ran at 4 GB/s: a
// mispredicted branch for every other element of random signs).
void relu_forward(const float* __restrict x, float* __restrict y, Index n) {
#pragma omp parallel for simd schedule(static)
  for (Index i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void relu_backward(const float* __restrict x, const float* __restrict dy, float* __restrict dx,
                   Index n) {
#pragma omp parallel for simd schedule(static)
  for (Index i = 0; i < n; ++i) {
    const float g = dy[i];  // loaded whatever x holds, so the select needs no branch
    dx[i] = x[i] > 0.0f ? g : 0.0f;
  }
}

void sum_halves(const float* __restrict a, const float* __restrict b, float* __restrict out,
                Index n) {
#pragma omp parallel for simd schedule(static)
  for (Index i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

void apply_mask(const std::uint8_t* __restrict mask, const float* __restrict in,
                float* __restrict out, Index n) {
#pragma omp parallel for simd schedule(static)
  for (Index i = 0; i < n; ++i) out[i] = static_cast<float>(mask[i]) * kDropoutScale * in[i];
}

Index elements(const std::vector<float>& v) {
  return static_cast<Index>(v.size());
}

}  // namespace

void OpLoops::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  if (!is_memory_op(layer) || pass == Pass::bwd_weights) {
    throw std::runtime_error("direct: " + std::string(to_string(layer.op)) + " has no " +
                             std::string(to_string(pass)) + " pass");
  }
  const bool fwd = pass == Pass::fwd;
  if (elements(inputs.x) != op_x_elements(layer, fwd) ||
      elements(inputs.dy) != op_dy_elements(layer, fwd) ||
      (layer.op == Op::batch_norm && elements(inputs.w) != op_w_elements(layer))) {
    throw std::runtime_error("direct: the tensors of " + layer.name + " " +
                             std::string(to_string(pass)) + " do not have its element counts");
  }
  layer_ = layer;
  pass_ = pass;
  in_ = &inputs;
  const Shape& s = layer.shape;
  const std::size_t n = inputs.x.size();
  switch (layer.op) {
    case Op::batch_norm:
      mean_.resize(static_cast<std::size_t>(s.C));
      invstd_.resize(static_cast<std::size_t>(s.C));
      batch_norm_statistics(s, inputs.x.data(), mean_.data(), invstd_.data());
      break;
    case Op::lrn:
      lrn_scale_.resize(n);
      saved_y_.resize(n);
      lrn_forward(s, inputs.x.data(), lrn_scale_.data(), saved_y_.data());
      break;
    case Op::softmax_loss:
      saved_y_.resize(n);
      loss_ = softmax_forward(s, inputs.x.data(), saved_y_.data());
      break;
    case Op::dropout: {
      const std::size_t count = fwd ? inputs.x.size() : inputs.dy.size();
      mask_.resize(count);
      for (std::size_t i = 0; i < count; ++i) mask_[i] = dropout_keeps(static_cast<Index>(i));
      break;
    }
    default:
      break;
  }
}

void OpLoops::run(float* out) {
  if (in_ == nullptr) throw std::runtime_error("direct: run() before prepare()");
  if (pass_ == Pass::fwd) {
    forward(out);
  } else {
    backward(out);
  }
}

void OpLoops::forward(float* y) {
  const Shape& s = layer_.shape;
  const float* x = in_->x.data();
  const Index n = elements(in_->x);
  switch (layer_.op) {
    case Op::relu:
      relu_forward(x, y, n);
      break;
    case Op::max_pool:
    case Op::avg_pool:
      pool_forward(layer_, x, y);
      break;
    case Op::lrn:
      lrn_forward(s, x, lrn_scale_.data(), y);
      break;
    case Op::batch_norm:
      batch_norm_statistics(s, x, mean_.data(), invstd_.data());
      batch_norm_normalise(s, x, in_->w.data(), mean_.data(), invstd_.data(), y);
      break;
    case Op::concat:
      concat_copy(layer_, true, x, y);
      break;
    case Op::add:
      sum_halves(x, x + n / 2, y, n / 2);
      break;
    case Op::dropout: {
      // The mask drawn and stored, as a framework's forward pass does, then applied.
      std::uint8_t* mask = mask_.data();
#pragma omp parallel for schedule(static)
      for (Index i = 0; i < n; ++i) mask[i] = dropout_keeps(i);
      apply_mask(mask, x, y, n);
      break;
    }
    case Op::softmax_loss:
      loss_ = softmax_forward(s, x, y);
      break;
    case Op::conv:
    case Op::fc:
      break;
  }
}

void OpLoops::backward(float* dx) {
  const Shape& s = layer_.shape;
  const float* x = in_->x.data();
  const float* dy = in_->dy.data();
  switch (layer_.op) {
    case Op::relu:
      relu_backward(x, dy, dx, elements(in_->x));
      break;
    case Op::max_pool:
    case Op::avg_pool:
      pool_backward(layer_, x, dy, dx);
      break;
    case Op::lrn:
      lrn_backward(s, x, dy, lrn_scale_.data(), saved_y_.data(), dx);
      break;
    case Op::batch_norm:
      batch_norm_backward(s, x, dy, in_->w.data(), mean_.data(), invstd_.data(), dx);
      break;
    case Op::concat:
      concat_copy(layer_, false, dy, dx);
      break;
    case Op::add:
      sum_halves(dy, dy + elements(in_->dy) / 2, dx, elements(in_->dy) / 2);
      break;
    case Op::dropout:
      apply_mask(mask_.data(), dy, dx, elements(in_->dy));
      break;
    case Op::softmax_loss: {
      const Index classes = s.C * s.H * s.W;
      const float* probs = saved_y_.data();
      const float inverse_batch = 1.0f / static_cast<float>(s.N);
#pragma omp parallel for schedule(static)
      for (Index n = 0; n < s.N; ++n) {
        for (Index k = 0; k < classes; ++k) {
          const float label = softmax_label(n, classes) == k ? 1.0f : 0.0f;
          dx[n * classes + k] = (probs[n * classes + k] - label) * inverse_batch;
        }
      }
      break;
    }
    case Op::conv:
    case Op::fc:
      break;
  }
}

}  // namespace roof::kernels
