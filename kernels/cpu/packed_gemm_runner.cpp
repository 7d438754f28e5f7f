#include "kernels/cpu/packed_gemm_runner.hpp"

#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "kernels/cpu/gemm_operands.hpp"
#include "kernels/cpu/narrow_gemm.hpp"
#include "kernels/cpu/plain_layout.hpp"

namespace roof::kernels {
namespace {

using Index = GemmIndex;

// dx[c] += the columns of channel c, for the channels of one image and group: the adjoint of
// the window (the same coordinates as WindowColumns), OpenMP over channels, each thread owning
// its planes.
void add_columns_into_image(const Shape& d, const float* columns, float* image) {
  const Index Cg = d.C / d.groups, taps = d.R * d.S, pixels = d.P * d.Q;
#pragma omp parallel for schedule(static)
  for (Index c = 0; c < Cg; ++c) {
    float* plane = image + c * d.H * d.W;
    std::fill_n(plane, d.H * d.W, 0.0f);
    for (Index rs = 0; rs < taps; ++rs) {
      const Index r = rs / d.S, s = rs % d.S;
      const float* row = columns + (c * taps + rs) * pixels;
      for (Index p = 0; p < d.P; ++p) {
        const Index h = p * d.stride_h - d.pad_h + r * (d.dilation_h + 1);
        if (h < 0 || h >= d.H) continue;
        for (Index q = 0; q < d.Q; ++q) {
          const Index w = q * d.stride_w - d.pad_w + s * (d.dilation_w + 1);
          if (w >= 0 && w < d.W) plane[h * d.W + w] += row[p * d.Q + q];
        }
      }
    }
  }
}

}  // namespace

std::string PackedGemmRunner::description() const {
  const GemmBlocking blocking = blocking_for(best_micro_kernel());  // every product's here
  return "our packed SGEMM (BLIS's five loops, " + std::string(best_micro_kernel().name) +
         " micro-kernel, MC/KC/NC " + std::to_string(blocking.mc) + "/" +
         std::to_string(blocking.kc) + "/" + std::to_string(blocking.nc) +
         "), im2col fused into the packing; fc forward at a batch up to 32 on the narrow " +
         std::string(narrow_gemm_variant()) + " path reading W in place; plain NCHW/KCRS, " +
         std::to_string(omp_get_max_threads()) + " OpenMP threads";
}

bool PackedGemmRunner::supports(const Layer& layer, Pass) const {
  return is_runnable(layer);
}

void PackedGemmRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  require_runnable(layer, pass, inputs, name());
  layer_ = layer;
  pass_ = pass;
  inputs_ = inputs;
  output_.assign(static_cast<std::size_t>(result_elements(layer, pass)), 0.0f);
  columns_.clear();
  const Shape& d = layer.shape;
  if (layer.op == Op::conv && pass == Pass::bwd_data && !transposed_window_applies(d)) {
    columns_.assign(static_cast<std::size_t>((d.C / d.groups) * d.R * d.S * d.P * d.Q), 0.0f);
  }
  prepared_ = true;
}

void PackedGemmRunner::run() {
  if (!prepared_) throw std::runtime_error("packed_sgemm: run() before prepare()");
  if (layer_.op == Op::fc) {
    fc_pass();
    return;
  }
  switch (pass_) {
    case Pass::fwd:
      conv_fwd();
      break;
    case Pass::bwd_data:
      conv_bwd_data();
      break;
    case Pass::bwd_weights:
      conv_bwd_weights();
      break;
  }
}

std::vector<float> PackedGemmRunner::result() {
  return output_;
}

// y[g] (Kg x N PQ) = W_g (Kg x CgRS) columns(x[g]) (CgRS x N PQ): the batch in one product
// whose output groups are the images, so W_g is packed once per batch (per image it was
// repacked N times, a third of the time of the deep layers, whose weights outweigh a
// image's pixels).
void PackedGemmRunner::conv_fwd() {
  const Shape& d = layer_.shape;
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups, taps = Cg * d.R * d.S, pixels = d.P * d.Q;
  const Window window = forward_window(d);
  if (layer_.bias) {
    for (Index n = 0; n < d.N; ++n) {
      for (Index k = 0; k < d.K; ++k) {
        std::fill_n(output_.data() + (n * d.K + k) * pixels, pixels, inputs_.bias[k]);
      }
    }
  }
  for (Index g = 0; g < d.groups; ++g) {
    const StridedA weights({inputs_.w.data() + g * Kg * taps, taps, 1});
    const WindowColumns columns(window, inputs_.x.data() + g * Cg * d.H * d.W);
    const GemmOutput y{output_.data() + g * Kg * pixels, pixels, pixels, d.K * pixels};
    packed_sgemm(Kg, d.N * pixels, taps, weights, columns, y, layer_.bias, workspace_);
  }
}

// Stride 1: dx[g] (Cg x N HW) = mirrored W_g (Cg x Kg R S) columns'(dy[g]) (Kg R S x N HW),
//           the batch in one product as in conv_fwd.
// Else:     columns (CgRS x PQ) = W_g^T (CgRS x Kg) dy[n][g] (Kg x PQ), dx[n][g] = col2im,
//           per image, so the column buffer stays one image's.
void PackedGemmRunner::conv_bwd_data() {
  const Shape& d = layer_.shape;
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups, taps = Cg * d.R * d.S, pixels = d.P * d.Q;
  if (transposed_window_applies(d)) {
    const Window window = transposed_window(d);
    const Index image = d.H * d.W;
    for (Index g = 0; g < d.groups; ++g) {
      const MirroredWeights weights(inputs_.w.data() + g * Kg * taps, Cg, d.R, d.S);
      const WindowColumns columns(window, inputs_.dy.data() + g * Kg * pixels);
      const GemmOutput dx{output_.data() + g * Cg * image, image, image, d.C * image};
      packed_sgemm(Cg, d.N * image, Kg * d.R * d.S, weights, columns, dx, false, workspace_);
    }
    return;
  }
  for (Index n = 0; n < d.N; ++n) {
    for (Index g = 0; g < d.groups; ++g) {
      const StridedA weights_t({inputs_.w.data() + g * Kg * taps, 1, taps});
      const StridedB gradient({inputs_.dy.data() + (n * d.K + g * Kg) * pixels, pixels, 1});
      packed_sgemm(taps, pixels, Kg, weights_t, gradient, columns_.data(), pixels, false,
                   workspace_);
      add_columns_into_image(d, columns_.data(), output_.data() + (n * d.C + g * Cg) * d.H * d.W);
    }
  }
}

// dW_g (Kg x CgRS) = dy_g (Kg x N PQ) columns(x_g)^T (N PQ x CgRS), the batch in one product.
void PackedGemmRunner::conv_bwd_weights() {
  const Shape& d = layer_.shape;
  const Index Cg = d.C / d.groups, Kg = d.K / d.groups, taps = Cg * d.R * d.S, pixels = d.P * d.Q;
  const Window window = forward_window(d);
  for (Index g = 0; g < d.groups; ++g) {
    const GradientRowsOfBatch gradient(inputs_.dy.data() + g * Kg * pixels, pixels, d.K * pixels);
    const WindowRowsOfBatch columns_t(window, inputs_.x.data() + g * Cg * d.H * d.W);
    packed_sgemm(Kg, taps, d.N * pixels, gradient, columns_t, output_.data() + g * Kg * taps, taps,
                 false, workspace_);
  }
}

// fc over the batch: x N x C, w K x C, y and dy N x K.
//   fwd y = x w^T (+ bias),  bwd_data dx = dy w,  bwd_weights dw = dy^T x
void PackedGemmRunner::fc_pass() {
  const Shape& d = layer_.shape;
  switch (pass_) {
    case Pass::fwd: {
      if (layer_.bias) {
        for (Index n = 0; n < d.N; ++n) {
          std::copy(inputs_.bias.begin(), inputs_.bias.end(), output_.begin() + n * d.K);
        }
      }
      if (d.N <= kNarrowGemmMaxRows) {
        // A small batch: read W's rows in place (narrow_gemm.hpp) instead of packing them.
        narrow_gemm_nt(d.N, d.K, d.C, inputs_.x.data(), inputs_.w.data(), output_.data(),
                       layer_.bias);
      } else {
        packed_sgemm(d.N, d.K, d.C, StridedA({inputs_.x.data(), d.C, 1}),
                     StridedB({inputs_.w.data(), 1, d.C}), output_.data(), d.K, layer_.bias,
                     workspace_);
      }
      break;
    }
    case Pass::bwd_data:
      packed_sgemm(d.N, d.C, d.K, StridedA({inputs_.dy.data(), d.K, 1}),
                   StridedB({inputs_.w.data(), d.C, 1}), output_.data(), d.C, false, workspace_);
      break;
    case Pass::bwd_weights:
      packed_sgemm(d.K, d.C, d.N, StridedA({inputs_.dy.data(), 1, d.K}),
                   StridedB({inputs_.x.data(), d.C, 1}), output_.data(), d.C, false, workspace_);
      break;
  }
}

}  // namespace roof::kernels
