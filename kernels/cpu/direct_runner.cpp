#include "kernels/cpu/direct_runner.hpp"

#include <omp.h>

#include <stdexcept>

#include "kernels/cpu/plain_layout.hpp"
#include "kernels/op_tensors.hpp"

// Each loop nest follows its formula (reference.cpp has them written out) and gives every
// thread whole output elements, so no two threads write the same element:
//   fwd          over (n, k), each thread owning y[n][k][:][:];
//   bwd_data     over (n, channel), each thread owning the plane dx[n][channel][:][:] and
//                scattering into it the dy of every (k, p, q, r, s) whose tap read that plane
//                in the forward pass (a scatter over dy alone, across channels, would race);
//   bwd_weights  over (k, c), each thread owning dw[k][c][:][:] and summing over n, p, q.
// Accumulation is in fp32, as the benchmark's dtype is.

namespace roof::kernels {
namespace {

using Index = std::int64_t;

void conv_fwd(const Shape& d, const float* x, const float* w, const float* bias, float* y) {
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups;
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < d.N; ++n) {
    for (Index k = 0; k < d.K; ++k) {
      const Index g = k / Kg;
      for (Index p = 0; p < d.P; ++p) {
        for (Index q = 0; q < d.Q; ++q) {
          float sum = bias != nullptr ? bias[k] : 0.0f;
          for (Index c = 0; c < Cg; ++c) {
            for (Index r = 0; r < d.R; ++r) {
              const Index h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
              if (h < 0 || h >= d.H) continue;
              for (Index s = 0; s < d.S; ++s) {
                const Index iw = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
                if (iw < 0 || iw >= d.W) continue;
                sum += x[((n * d.C + g * Cg + c) * d.H + h) * d.W + iw] *
                       w[((k * Cg + c) * d.R + r) * d.S + s];
              }
            }
          }
          y[((n * d.K + k) * d.P + p) * d.Q + q] = sum;
        }
      }
    }
  }
}

void conv_bwd_data(const Shape& d, const float* dy, const float* w, float* dx) {
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups;
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < d.N; ++n) {
    for (Index channel = 0; channel < d.C; ++channel) {
      const Index g = channel / Cg, c = channel % Cg;
      float* plane = dx + (n * d.C + channel) * d.H * d.W;  // this thread's alone
      for (Index i = 0; i < d.H * d.W; ++i) plane[i] = 0.0f;
      // The forward pass read x[n][channel][h][w] for output (k, p, q) through tap (r, s);
      // the gradient flows back along the same pairs.
      for (Index k = g * Kg; k < (g + 1) * Kg; ++k) {
        for (Index p = 0; p < d.P; ++p) {
          for (Index q = 0; q < d.Q; ++q) {
            const float gradient = dy[((n * d.K + k) * d.P + p) * d.Q + q];
            for (Index r = 0; r < d.R; ++r) {
              const Index h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
              if (h < 0 || h >= d.H) continue;
              for (Index s = 0; s < d.S; ++s) {
                const Index iw = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
                if (iw < 0 || iw >= d.W) continue;
                plane[h * d.W + iw] += gradient * w[((k * Cg + c) * d.R + r) * d.S + s];
              }
            }
          }
        }
      }
    }
  }
}

void conv_bwd_weights(const Shape& d, const float* x, const float* dy, float* dw) {
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups;
#pragma omp parallel for collapse(2) schedule(static)
  for (Index k = 0; k < d.K; ++k) {
    for (Index c = 0; c < Cg; ++c) {
      const Index channel = (k / Kg) * Cg + c;
      for (Index r = 0; r < d.R; ++r) {
        for (Index s = 0; s < d.S; ++s) {
          float sum = 0.0f;
          for (Index n = 0; n < d.N; ++n) {
            for (Index p = 0; p < d.P; ++p) {
              const Index h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
              if (h < 0 || h >= d.H) continue;
              for (Index q = 0; q < d.Q; ++q) {
                const Index iw = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
                if (iw < 0 || iw >= d.W) continue;
                sum += x[((n * d.C + channel) * d.H + h) * d.W + iw] *
                       dy[((n * d.K + k) * d.P + p) * d.Q + q];
              }
            }
          }
          dw[((k * Cg + c) * d.R + r) * d.S + s] = sum;
        }
      }
    }
  }
}

// fc: x N x C, w K x C, y N x K.
void fc_fwd(const Shape& d, const float* x, const float* w, const float* bias, float* y) {
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < d.N; ++n) {
    for (Index k = 0; k < d.K; ++k) {
      float sum = bias != nullptr ? bias[k] : 0.0f;
      for (Index c = 0; c < d.C; ++c) sum += x[n * d.C + c] * w[k * d.C + c];
      y[n * d.K + k] = sum;
    }
  }
}

void fc_bwd_data(const Shape& d, const float* dy, const float* w, float* dx) {
#pragma omp parallel for collapse(2) schedule(static)
  for (Index n = 0; n < d.N; ++n) {
    for (Index c = 0; c < d.C; ++c) {
      float sum = 0.0f;
      for (Index k = 0; k < d.K; ++k) sum += dy[n * d.K + k] * w[k * d.C + c];
      dx[n * d.C + c] = sum;
    }
  }
}

void fc_bwd_weights(const Shape& d, const float* x, const float* dy, float* dw) {
#pragma omp parallel for collapse(2) schedule(static)
  for (Index k = 0; k < d.K; ++k) {
    for (Index c = 0; c < d.C; ++c) {
      float sum = 0.0f;
      for (Index n = 0; n < d.N; ++n) sum += x[n * d.C + c] * dy[n * d.K + k];
      dw[k * d.C + c] = sum;
    }
  }
}

}  // namespace

std::string DirectRunner::description() const {
  return "our OpenMP direct loops, plain NCHW/KCRS, " + std::to_string(omp_get_max_threads()) +
         " threads";
}

bool DirectRunner::supports(const Layer& layer, Pass pass) const {
  if (is_memory_op(layer)) return pass != Pass::bwd_weights && is_valid_memory_op(layer);
  return is_runnable(layer);
}

void DirectRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  if (is_memory_op(layer)) {
    layer_ = layer;
    pass_ = pass;
    inputs_ = inputs;
    output_.assign(static_cast<std::size_t>(result_elements(layer, pass)), 0.0f);
    op_loops_.prepare(layer, pass, inputs_);
    prepared_ = true;
    return;
  }
  require_runnable(layer, pass, inputs, name());
  layer_ = layer;
  pass_ = pass;
  inputs_ = inputs;
  output_.assign(static_cast<std::size_t>(result_elements(layer, pass)), 0.0f);
  prepared_ = true;
}

void DirectRunner::run() {
  if (!prepared_) throw std::runtime_error("direct: run() before prepare()");
  if (is_memory_op(layer_)) {
    op_loops_.run(output_.data());
    return;
  }
  const Shape& d = layer_.shape;
  const bool fc = layer_.op == Op::fc;
  const float* bias = layer_.bias ? inputs_.bias.data() : nullptr;
  switch (pass_) {
    case Pass::fwd:
      if (fc) {
        fc_fwd(d, inputs_.x.data(), inputs_.w.data(), bias, output_.data());
      } else {
        conv_fwd(d, inputs_.x.data(), inputs_.w.data(), bias, output_.data());
      }
      break;
    case Pass::bwd_data:
      if (fc) {
        fc_bwd_data(d, inputs_.dy.data(), inputs_.w.data(), output_.data());
      } else {
        conv_bwd_data(d, inputs_.dy.data(), inputs_.w.data(), output_.data());
      }
      break;
    case Pass::bwd_weights:
      if (fc) {
        fc_bwd_weights(d, inputs_.x.data(), inputs_.dy.data(), output_.data());
      } else {
        conv_bwd_weights(d, inputs_.x.data(), inputs_.dy.data(), output_.data());
      }
      break;
  }
}

std::vector<float> DirectRunner::result() {
  return output_;
}

}  // namespace roof::kernels
