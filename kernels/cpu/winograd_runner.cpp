#include "kernels/cpu/winograd_runner.hpp"

#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "kernels/cpu/gemm_operands.hpp"
#include "kernels/cpu/plain_layout.hpp"
#include "kernels/cpu/winograd_f2x3.hpp"

namespace roof::kernels {
namespace {

using Index = std::int64_t;
constexpr Index kPositions = 16;  // the 4x4 transformed tile

}  // namespace

std::string WinogradRunner::description() const {
  return "our Winograd F(2x2,3x3) (Lavin and Gray 2016): 16 transformed-domain products on our "
         "packed SGEMM (" +
         std::string(best_micro_kernel().name) +
         "), tile transforms as OpenMP loops, filter transform timed, plain NCHW/KCRS, " +
         std::to_string(omp_get_max_threads()) + " threads";
}

bool WinogradRunner::supports(const Layer& layer, Pass) const {
  if (layer.op != Op::conv || !is_runnable(layer)) return false;
  const Shape& s = layer.shape;
  return s.R == 3 && s.S == 3 && s.stride_h == 1 && s.stride_w == 1 && s.dilation_h == 0 &&
         s.dilation_w == 0 && s.groups == 1 && s.pad_h >= 0 && s.pad_h <= 2 && s.pad_w >= 0 &&
         s.pad_w <= 2;
}

double WinogradRunner::executed_flops(const Layer& layer, Pass pass) const {
  const Shape& s = layer.shape;
  const Index out_h = pass == Pass::bwd_data ? s.H : s.P,
              out_w = pass == Pass::bwd_data ? s.W : s.Q;
  const double tiles = static_cast<double>(s.N * ((out_h + 1) / 2) * ((out_w + 1) / 2));
  const double products = 2.0 * kPositions * static_cast<double>(s.K * s.C) * tiles;
  // Additions and multiplies per transform, counted from winograd_f2x3.cpp: input 32, output
  // 24, filter 28, output gradient 16, filter gradient 30.
  const double kc = static_cast<double>(s.K * s.C);
  switch (pass) {
    case Pass::fwd:
      return products + 32 * static_cast<double>(s.C) * tiles +
             24 * static_cast<double>(s.K) * tiles + 28 * kc;
    case Pass::bwd_data:
      return products + 32 * static_cast<double>(s.K) * tiles +
             24 * static_cast<double>(s.C) * tiles + 28 * kc;
    case Pass::bwd_weights:
      return products + 32 * static_cast<double>(s.C) * tiles +
             16 * static_cast<double>(s.K) * tiles + 30 * kc;
  }
  return 0;
}

void WinogradRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  if (!supports(layer, pass)) {
    throw std::runtime_error("winograd_f2x3: layer '" + layer.name +
                             "' is not a 3x3, stride-1, dense, ungrouped convolution with padding "
                             "0 to 2");
  }
  require_runnable(layer, pass, inputs, name());
  layer_ = layer;
  pass_ = pass;
  inputs_ = inputs;
  output_.assign(static_cast<std::size_t>(result_elements(layer, pass)), 0.0f);
  const Shape& s = layer.shape;
  // Tiles over the pass's output: y (P x Q) for fwd and bwd_weights, dx (H x W) for bwd_data.
  const Index tiles = pass == Pass::bwd_data ? s.N * ((s.H + 1) / 2) * ((s.W + 1) / 2)
                                             : s.N * ((s.P + 1) / 2) * ((s.Q + 1) / 2);
  u_.assign(static_cast<std::size_t>(kPositions * s.K * s.C), 0.0f);
  v_.assign(static_cast<std::size_t>(kPositions * std::max(s.C, s.K) * tiles), 0.0f);
  m_.assign(static_cast<std::size_t>(kPositions * std::max(s.C, s.K) * tiles), 0.0f);
  prepared_ = true;
}

// V_e[c][t] = (B^T d B)_e for the 4x4 input block d of tile t = (n, i, j), rows 2i - pad_h ..
// + 3 and columns 2j - pad_w .. + 3 of channel c, 0 outside the image. Per (n, c) and row of
// tiles i, the 4 input rows the tiles read are copied, zero-padded, into a buffer of 2 tw + 2
// columns; then every tile of the row is transformed at once, each of the 16 outputs a run of
// tw consecutive values in V. No bounds check per element, and the loop over the tiles
// vectorises (one tile at a time, with a check per element and 16 scattered stores, the
// transforms took half of conv3_2's time).
void WinogradRunner::transform_input(const Correlation& c, const float* x) {
  const Index th = c.tiles_h(), tw = c.tiles_w(), tiles = c.tiles();
  const Index width = 2 * tw + 2;
  float* v = v_.data();
  // Each thread's row buffer, allocated here: an exception must not leave the parallel region.
  std::vector<float> buffers(static_cast<std::size_t>(omp_get_max_threads() * 4 * width));
#pragma omp parallel
  {
    float* const rows = buffers.data() + omp_get_thread_num() * 4 * width;
#pragma omp for collapse(2) schedule(static)
    for (Index n = 0; n < c.n; ++n) {
      for (Index ch = 0; ch < c.cin; ++ch) {
        const float* plane = x + (n * c.cin + ch) * c.h * c.w;
        for (Index i = 0; i < th; ++i) {
          for (Index r = 0; r < 4; ++r) {
            float* row = rows + r * width;
            std::fill(row, row + width, 0.0f);
            const Index h = 2 * i - c.pad_h + r;
            if (h < 0 || h >= c.h) continue;
            // Buffer column b holds image column b - pad_w.
            const Index first = std::max<Index>(c.pad_w, 0);
            const Index last = std::min(width, c.w + c.pad_w);
            std::copy(plane + h * c.w + (first - c.pad_w), plane + h * c.w + (last - c.pad_w),
                      row + first);
          }
          const float* d0 = rows;
          const float* d1 = d0 + width;
          const float* d2 = d1 + width;
          const float* d3 = d2 + width;
          float* out[16];
          for (Index e = 0; e < kPositions; ++e) {
            out[e] = v + (e * c.cin + ch) * tiles + (n * th + i) * tw;
          }
          winograd::input_transform_row(d0, d1, d2, d3, tw, out);
        }
      }
    }
  }
}

void WinogradRunner::forward(const Correlation& c, const float* x, const float* bias, float* y) {
  const Index th = c.tiles_h(), tw = c.tiles_w(), tiles = c.tiles();
  transform_input(c, x);
  for (Index e = 0; e < kPositions; ++e) {
    const StridedA u({u_.data() + e * c.cout * c.cin, c.cin, 1});
    const StridedB v({v_.data() + e * c.cin * tiles, tiles, 1});
    packed_sgemm(c.cout, tiles, c.cin, u, v, m_.data() + e * c.cout * tiles, tiles, false,
                 workspace_);
  }
  // Per (n, k) and row of tiles: the 2 x 2 tw output values of the row into a buffer, every
  // tile at once from 16 runs of M, then the rows inside the output copied out (with the bias).
  const float* m = m_.data();
  std::vector<float> buffers(static_cast<std::size_t>(omp_get_max_threads() * 4 * tw));
#pragma omp parallel
  {
    float* const rows = buffers.data() + omp_get_thread_num() * 4 * tw;
#pragma omp for collapse(2) schedule(static)
    for (Index n = 0; n < c.n; ++n) {
      for (Index k = 0; k < c.cout; ++k) {
        float* plane = y + (n * c.cout + k) * c.p * c.q;
        const float b = bias != nullptr ? bias[k] : 0.0f;
        for (Index i = 0; i < th; ++i) {
          const float* in[16];
          for (Index e = 0; e < kPositions; ++e) {
            in[e] = m + (e * c.cout + k) * tiles + (n * th + i) * tw;
          }
          float* y0 = rows;
          float* y1 = y0 + 2 * tw;
          winograd::output_transform_row(in, tw, b, y0, y1);
          std::copy(y0, y0 + c.q, plane + 2 * i * c.q);
          if (2 * i + 1 < c.p) std::copy(y1, y1 + c.q, plane + (2 * i + 1) * c.q);
        }
      }
    }
  }
}

void WinogradRunner::weight_gradient() {
  const Shape& s = layer_.shape;
  const Correlation c{s.N, s.C, s.H, s.W, s.K, s.P, s.Q, s.pad_h, s.pad_w};
  const Index th = c.tiles_h(), tw = c.tiles_w(), tiles = c.tiles();
  transform_input(c, inputs_.x.data());
  // Z_e[k][t] = (A dY A^T)_e for the 2x2 block of dy at tile t, 0 past the output's edge: per
  // (n, k) and row of tiles, the two dy rows zero-padded to 2 tw columns, then the whole row.
  float* z = m_.data();
  const float* dy = inputs_.dy.data();
  std::vector<float> buffers(static_cast<std::size_t>(omp_get_max_threads() * 4 * tw));
#pragma omp parallel
  {
    float* const rows = buffers.data() + omp_get_thread_num() * 4 * tw;
#pragma omp for collapse(2) schedule(static)
    for (Index n = 0; n < s.N; ++n) {
      for (Index k = 0; k < s.K; ++k) {
        const float* plane = dy + (n * s.K + k) * s.P * s.Q;
        for (Index i = 0; i < th; ++i) {
          float* dy0 = rows;
          float* dy1 = dy0 + 2 * tw;
          std::fill(rows, rows + 4 * tw, 0.0f);
          std::copy(plane + 2 * i * s.Q, plane + (2 * i + 1) * s.Q, dy0);
          if (2 * i + 1 < s.P) std::copy(plane + (2 * i + 1) * s.Q, plane + (2 * i + 2) * s.Q, dy1);
          float* out[16];
          for (Index e = 0; e < kPositions; ++e)
            out[e] = z + (e * s.K + k) * tiles + (n * th + i) * tw;
          winograd::output_gradient_transform_row(dy0, dy1, tw, out);
        }
      }
    }
  }
  // S_e (K x C) = Z_e (K x T) V_e^T (T x C), into u_.
  for (Index e = 0; e < kPositions; ++e) {
    const StridedA ze({z + e * s.K * tiles, tiles, 1});
    const StridedB ve({v_.data() + e * s.C * tiles, 1, tiles});
    packed_sgemm(s.K, s.C, tiles, ze, ve, u_.data() + e * s.K * s.C, s.C, false, workspace_);
  }
  float* dw = output_.data();
  const float* sums = u_.data();
#pragma omp parallel for collapse(2) schedule(static)
  for (Index k = 0; k < s.K; ++k) {
    for (Index ch = 0; ch < s.C; ++ch) {
      float tile[16];
      for (Index e = 0; e < kPositions; ++e) tile[e] = sums[(e * s.K + k) * s.C + ch];
      winograd::filter_gradient_transform(tile, dw + (k * s.C + ch) * 9);
    }
  }
}

void WinogradRunner::run() {
  if (!prepared_) throw std::runtime_error("winograd_f2x3: run() before prepare()");
  const Shape& s = layer_.shape;
  const float* w = inputs_.w.data();
  switch (pass_) {
    case Pass::fwd: {
      // U_e[k][c] from W[k][c].
#pragma omp parallel for collapse(2) schedule(static)
      for (Index k = 0; k < s.K; ++k) {
        for (Index c = 0; c < s.C; ++c) {
          float u[16];
          winograd::filter_transform(w + (k * s.C + c) * 9, u);
          for (Index e = 0; e < kPositions; ++e)
            u_[static_cast<std::size_t>((e * s.K + k) * s.C + c)] = u[e];
        }
      }
      const Correlation c{s.N, s.C, s.H, s.W, s.K, s.P, s.Q, s.pad_h, s.pad_w};
      forward(c, inputs_.x.data(), layer_.bias ? inputs_.bias.data() : nullptr, output_.data());
      break;
    }
    case Pass::bwd_data: {
      // The data gradient is the correlation of dy with W mirrored (taps reversed) and
      // transposed (channels swapped): U_e[c][k] from W[k][c][2 - r][2 - s].
#pragma omp parallel for collapse(2) schedule(static)
      for (Index c = 0; c < s.C; ++c) {
        for (Index k = 0; k < s.K; ++k) {
          const float* g = w + (k * s.C + c) * 9;
          float mirrored[9], u[16];
          for (Index t = 0; t < 9; ++t) mirrored[t] = g[8 - t];
          winograd::filter_transform(mirrored, u);
          for (Index e = 0; e < kPositions; ++e)
            u_[static_cast<std::size_t>((e * s.C + c) * s.K + k)] = u[e];
        }
      }
      const Correlation c{s.N, s.K, s.P, s.Q, s.C, s.H, s.W, 2 - s.pad_h, 2 - s.pad_w};
      forward(c, inputs_.dy.data(), nullptr, output_.data());
      break;
    }
    case Pass::bwd_weights:
      weight_gradient();
      break;
  }
}

std::vector<float> WinogradRunner::result() {
  return output_;
}

}  // namespace roof::kernels
