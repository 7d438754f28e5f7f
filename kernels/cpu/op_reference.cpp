#include "kernels/cpu/op_reference.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kernels/op_tensors.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;
using Points = std::vector<ReferencePoint>;

Points sized(Index n) {
  return Points(static_cast<std::size_t>(n));
}

// The window of output (p, q) in one plane: rows [h0, h1) and columns [w0, w1) of the input,
// clipped to it (padding and a ceil-mode overhang hold nothing).
struct Window {
  Index h0, h1, w0, w1;
  Index count() const { return (h1 - h0) * (w1 - w0); }
};
Window window_of(const Shape& s, Index p, Index q) {
  const Index h = p * s.stride_h - s.pad_h, w = q * s.stride_w - s.pad_w;
  const Index h0 = std::max<Index>(h, 0), w0 = std::max<Index>(w, 0);
  // A window wholly on the padding is empty, not negative on both axes.
  return {h0, std::max(h0, std::min(h + s.R, s.H)), w0, std::max(w0, std::min(w + s.S, s.W))};
}

Points pool_forward(const Layer& layer, const std::vector<float>& x) {
  const Shape& s = layer.shape;
  Points y = sized(s.N * s.K * s.P * s.Q);
  for (Index plane = 0; plane < s.N * s.C; ++plane) {
    const float* in = x.data() + plane * s.H * s.W;
    for (Index p = 0; p < s.P; ++p) {
      for (Index q = 0; q < s.Q; ++q) {
        const Window win = window_of(s, p, q);
        double best = -INFINITY, sum = 0, magnitude = 0;
        for (Index h = win.h0; h < win.h1; ++h) {
          for (Index w = win.w0; w < win.w1; ++w) {
            best = std::max<double>(best, in[h * s.W + w]);
            sum += in[h * s.W + w];
            magnitude += std::abs(in[h * s.W + w]);
          }
        }
        ReferencePoint& out = y[static_cast<std::size_t>((plane * s.P + p) * s.Q + q)];
        if (layer.op == Op::max_pool) {
          out = {win.count() > 0 ? best : 0.0, std::abs(best)};
        } else {
          const double n = static_cast<double>(std::max<Index>(win.count(), 1));
          out = {sum / n, magnitude / n};
        }
      }
    }
  }
  return y;
}

// Each output's gradient goes to its window's first maximum (rows, then columns) for max
// pooling, in equal shares to every element of its window for average pooling.
Points pool_backward(const Layer& layer, const PassTensors& t) {
  const Shape& s = layer.shape;
  Points dx = sized(s.N * s.C * s.H * s.W);
  for (Index plane = 0; plane < s.N * s.C; ++plane) {
    const float* in = layer.op == Op::max_pool ? t.x.data() + plane * s.H * s.W : nullptr;
    const float* g = t.dy.data() + plane * s.P * s.Q;
    ReferencePoint* out = dx.data() + plane * s.H * s.W;
    for (Index p = 0; p < s.P; ++p) {
      for (Index q = 0; q < s.Q; ++q) {
        const Window win = window_of(s, p, q);
        const double grad = g[p * s.Q + q];
        if (layer.op == Op::max_pool) {
          Index at = -1;
          for (Index h = win.h0; h < win.h1; ++h) {
            for (Index w = win.w0; w < win.w1; ++w) {
              if (at < 0 || in[h * s.W + w] > in[at]) at = h * s.W + w;
            }
          }
          if (at >= 0) {
            out[at].value += grad;
            out[at].magnitude += std::abs(grad);
          }
        } else {
          const double share = grad / static_cast<double>(std::max<Index>(win.count(), 1));
          for (Index h = win.h0; h < win.h1; ++h) {
            for (Index w = win.w0; w < win.w1; ++w) {
              out[h * s.W + w].value += share;
              out[h * s.W + w].magnitude += std::abs(share);
            }
          }
        }
      }
    }
  }
  return dx;
}

// Caffe's across-channel LRN: scale = k + alpha / n x (sum of x^2 over the n channels around
// c), y = x scale^-beta.
std::vector<double> lrn_scale(const Shape& s, const std::vector<float>& x) {
  const Index plane = s.H * s.W, half = s.R / 2;
  std::vector<double> scale(x.size());
  for (Index n = 0; n < s.N; ++n) {
    for (Index c = 0; c < s.C; ++c) {
      for (Index i = 0; i < plane; ++i) {
        double sum = 0;
        for (Index j = std::max<Index>(c - half, 0); j <= std::min(c + half, s.C - 1); ++j) {
          const double v = x[static_cast<std::size_t>((n * s.C + j) * plane + i)];
          sum += v * v;
        }
        scale[static_cast<std::size_t>((n * s.C + c) * plane + i)] =
            kLrnK + kLrnAlpha / static_cast<double>(s.R) * sum;
      }
    }
  }
  return scale;
}

Points lrn(const Layer& layer, Pass pass, const PassTensors& t) {
  const Shape& s = layer.shape;
  const std::vector<double> scale = lrn_scale(s, t.x);
  Points out = sized(static_cast<Index>(t.x.size()));
  if (pass == Pass::fwd) {
    for (std::size_t i = 0; i < t.x.size(); ++i) {
      const double y = t.x[i] * std::pow(scale[i], -kLrnBeta);
      out[i] = {y, std::abs(y)};
    }
    return out;
  }
  // dx_c = dy_c scale_c^-beta - 2 alpha beta / n x_c sum_j dy_j y_j / scale_j over the
  // channels j whose window holds c (the same n channels around c).
  const Index plane = s.H * s.W, half = s.R / 2;
  const double factor = 2 * kLrnAlpha * kLrnBeta / static_cast<double>(s.R);
  for (Index n = 0; n < s.N; ++n) {
    for (Index c = 0; c < s.C; ++c) {
      for (Index i = 0; i < plane; ++i) {
        const auto at = static_cast<std::size_t>((n * s.C + c) * plane + i);
        double sum = 0, sum_magnitude = 0;
        for (Index j = std::max<Index>(c - half, 0); j <= std::min(c + half, s.C - 1); ++j) {
          const auto aj = static_cast<std::size_t>((n * s.C + j) * plane + i);
          const double yj = t.x[aj] * std::pow(scale[aj], -kLrnBeta);
          sum += t.dy[aj] * yj / scale[aj];
          sum_magnitude += std::abs(t.dy[aj] * yj / scale[aj]);
        }
        const double direct = t.dy[at] * std::pow(scale[at], -kLrnBeta);
        const double cross = factor * t.x[at] * sum;
        out[at] = {direct - cross, std::abs(direct) + factor * std::abs(t.x[at]) * sum_magnitude};
      }
    }
  }
  return out;
}

// Training-mode batch norm over N H W per channel, biased variance, gamma and beta in w.
Points batch_norm(const Layer& layer, Pass pass, const PassTensors& t) {
  const Shape& s = layer.shape;
  const Index plane = s.H * s.W;
  const double m = static_cast<double>(s.N * plane);
  Points out = sized(static_cast<Index>(t.x.size()));
  for (Index c = 0; c < s.C; ++c) {
    const auto each = [&](auto&& body) {
      for (Index n = 0; n < s.N; ++n) {
        for (Index i = 0; i < plane; ++i) body(static_cast<std::size_t>((n * s.C + c) * plane + i));
      }
    };
    double mean = 0, var = 0;
    each([&](std::size_t i) { mean += t.x[i]; });
    mean /= m;
    each([&](std::size_t i) { var += (t.x[i] - mean) * (t.x[i] - mean); });
    var /= m;
    const double invstd = 1 / std::sqrt(var + kBatchNormEpsilon);
    const double gamma = t.w[static_cast<std::size_t>(c)];
    const double beta = t.w[static_cast<std::size_t>(s.C + c)];
    if (pass == Pass::fwd) {
      each([&](std::size_t i) {
        const double xhat = (t.x[i] - mean) * invstd;
        out[i] = {gamma * xhat + beta,
                  std::abs(gamma) * invstd * (std::abs(t.x[i]) + std::abs(mean)) + std::abs(beta)};
      });
      continue;
    }
    // dx = gamma invstd (dy - mean(dy) - xhat mean(dy xhat)).
    double mean_dy = 0, mean_dy_xhat = 0, abs_dy = 0, abs_dy_xhat = 0;
    each([&](std::size_t i) {
      const double xhat = (t.x[i] - mean) * invstd;
      mean_dy += t.dy[i];
      mean_dy_xhat += t.dy[i] * xhat;
      abs_dy += std::abs(t.dy[i]);
      abs_dy_xhat += std::abs(t.dy[i] * xhat);
    });
    mean_dy /= m;
    mean_dy_xhat /= m;
    each([&](std::size_t i) {
      const double xhat = (t.x[i] - mean) * invstd;
      const double scale = std::abs(gamma) * invstd;
      out[i] = {gamma * invstd * (t.dy[i] - mean_dy - xhat * mean_dy_xhat),
                scale * (std::abs(t.dy[i]) + abs_dy / m + std::abs(xhat) * abs_dy_xhat / m)};
    });
  }
  return out;
}

// concat: part g's channels land after the channels of the parts before it; its backward
// splits the gradient the same way (the parts one after another, each NCHW).
Points concat(const Layer& layer, Pass pass, const PassTensors& t) {
  const Shape& s = layer.shape;
  const Index plane = s.H * s.W;
  const std::vector<float>& from = pass == Pass::fwd ? t.x : t.dy;
  Points out = sized(static_cast<Index>(from.size()));
  Index part_offset = 0, channel_offset = 0;
  for (const Index channels : concat_channels(layer)) {
    for (Index n = 0; n < s.N; ++n) {
      for (Index c = 0; c < channels; ++c) {
        for (Index i = 0; i < plane; ++i) {
          const Index in_part = part_offset + (n * channels + c) * plane + i;
          const Index joined = (n * s.C + channel_offset + c) * plane + i;
          const Index src = pass == Pass::fwd ? in_part : joined;
          const Index dst = pass == Pass::fwd ? joined : in_part;
          const double v = from[static_cast<std::size_t>(src)];
          out[static_cast<std::size_t>(dst)] = {v, std::abs(v)};
        }
      }
    }
    part_offset += s.N * channels * plane;
    channel_offset += channels;
  }
  return out;
}

Points softmax_loss(const Layer& layer, Pass pass, const PassTensors& t) {
  const Shape& s = layer.shape;
  const Index classes = s.C * s.H * s.W;
  Points out = sized(s.N * classes);
  for (Index n = 0; n < s.N; ++n) {
    const float* logits = t.x.data() + n * classes;
    const double top = *std::max_element(logits, logits + classes);
    double sum = 0;
    for (Index k = 0; k < classes; ++k) sum += std::exp(logits[k] - top);
    for (Index k = 0; k < classes; ++k) {
      const double p = std::exp(logits[k] - top) / sum;
      auto& point = out[static_cast<std::size_t>(n * classes + k)];
      if (pass == Pass::fwd) {
        point = {p, p};
      } else {
        // The gradient of the batch's mean cross-entropy loss.
        const double label = softmax_label(n, classes) == k ? 1.0 : 0.0;
        point = {(p - label) / static_cast<double>(s.N), (p + label) / static_cast<double>(s.N)};
      }
    }
  }
  return out;
}

}  // namespace

std::vector<ReferencePoint> op_reference(const Layer& layer, Pass pass,
                                         const PassTensors& tensors) {
  if (!is_memory_op(layer) || pass == Pass::bwd_weights) {
    throw std::invalid_argument("op_reference: " + std::string(to_string(layer.op)) + " has no " +
                                std::string(to_string(pass)) + " here");
  }
  const bool fwd = pass == Pass::fwd;
  const auto& x = tensors.x;
  const auto& dy = tensors.dy;
  switch (layer.op) {
    case Op::relu: {
      Points out = sized(static_cast<Index>(x.size()));
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double v = fwd ? std::max<double>(x[i], 0) : (x[i] > 0 ? dy[i] : 0.0);
        out[i] = {v, std::abs(v)};
      }
      return out;
    }
    case Op::max_pool:
    case Op::avg_pool:
      return fwd ? pool_forward(layer, x) : pool_backward(layer, tensors);
    case Op::lrn:
      return lrn(layer, pass, tensors);
    case Op::batch_norm:
      return batch_norm(layer, pass, tensors);
    case Op::concat:
      return concat(layer, pass, tensors);
    case Op::add: {
      const std::vector<float>& pair = fwd ? x : dy;
      const std::size_t half = pair.size() / 2;
      Points out = sized(static_cast<Index>(half));
      for (std::size_t i = 0; i < half; ++i) {
        out[i] = {static_cast<double>(pair[i]) + pair[half + i],
                  std::abs(pair[i]) + std::abs(pair[half + i])};
      }
      return out;
    }
    case Op::dropout: {
      const std::vector<float>& in = fwd ? x : dy;
      Points out = sized(static_cast<Index>(in.size()));
      for (std::size_t i = 0; i < in.size(); ++i) {
        const double v = dropout_keeps(static_cast<Index>(i)) ? kDropoutScale * in[i] : 0.0;
        out[i] = {v, std::abs(v)};
      }
      return out;
    }
    case Op::softmax_loss:
      return softmax_loss(layer, pass, tensors);
    case Op::conv:
    case Op::fc:
      break;
  }
  return {};
}

}  // namespace roof::kernels
