#include "kernels/blas/blas_runner.hpp"

#include <cblas.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "kernels/blas/im2col.hpp"
#include "kernels/cpu/plain_layout.hpp"

#ifdef ROOF_BLAS_IS_OPENBLAS
// OpenBLAS's own calls, declared here because the cblas.h found may be another BLAS's.
extern "C" char* openblas_get_config();
extern "C" int openblas_get_num_threads();
#endif

namespace roof::kernels {
namespace {

using Index = std::int64_t;

bool fits_blas_int(Index value) {
  return value <= std::numeric_limits<int>::max();
}

// CBLAS takes int dimensions; supports() has made sure they fit.
int blas_int(Index value) {
  return static_cast<int>(value);
}

// The three matrix dimensions of the per-image, per-group products (fc: the whole batch).
struct GemmDims {
  Index filters;  // Kg
  Index taps;     // Cg R S
  Index pixels;   // P Q
};

GemmDims gemm_dims(const Layer& layer) {
  const Shape& d = layer.shape;
  if (layer.op == Op::fc) return {d.K, d.C, d.N};
  return {d.K / d.groups, (d.C / d.groups) * d.R * d.S, d.P * d.Q};
}

// C (m x n) = op(A) op(B) + beta C, row-major, every matrix dense (its leading dimension is
// its row length as stored).
void sgemm(bool transpose_a, bool transpose_b, Index m, Index n, Index k, const float* a,
           const float* b, float beta, float* c) {
  const Index lda = transpose_a ? m : k;
  const Index ldb = transpose_b ? k : n;
  cblas_sgemm(CblasRowMajor, transpose_a ? CblasTrans : CblasNoTrans,
              transpose_b ? CblasTrans : CblasNoTrans, blas_int(m), blas_int(n), blas_int(k), 1.0f,
              a, blas_int(lda), b, blas_int(ldb), beta, c, blas_int(n));
}

std::string blas_library() {
#ifdef ROOF_BLAS_IS_OPENBLAS
  // openblas_get_config() says the version, the kernel chosen at run time and the threading.
  return std::string(openblas_get_config()) + ", " + std::to_string(openblas_get_num_threads()) +
         " threads";
#else
  return std::string("CBLAS from ") + ROOF_BLAS_LIBRARY +
         " (not OpenBLAS: version and threads unknown)";
#endif
}

}  // namespace

std::string BlasRunner::description() const {
  return blas_library() +
         ": cblas_sgemm per image and group on im2col columns (fc: one sgemm), plain NCHW/KCRS; "
         "im2col/col2im are serial and timed, part of the algorithm";
}

bool BlasRunner::supports(const Layer& layer, Pass) const {
  if (!is_runnable(layer)) return false;
  const GemmDims dims = gemm_dims(layer);
  return fits_blas_int(dims.filters) && fits_blas_int(dims.taps) && fits_blas_int(dims.pixels) &&
         fits_blas_int(layer.shape.N) && fits_blas_int(layer.shape.C);
}

bool BlasRunner::image_is_columns() const {
  const Shape& d = layer_.shape;
  return d.R == 1 && d.S == 1 && d.stride_h == 1 && d.stride_w == 1 && d.pad_h == 0 && d.pad_w == 0;
}

void BlasRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  require_runnable(layer, pass, inputs, name());
  if (!supports(layer, pass)) {
    throw std::runtime_error("blas: a matrix dimension of layer '" + layer.name +
                             "' does not fit CBLAS's int");
  }
  layer_ = layer;
  pass_ = pass;
  inputs_ = inputs;
  output_.assign(static_cast<std::size_t>(result_elements(layer, pass)), 0.0f);
  columns_.clear();
  if (layer.op == Op::conv && !image_is_columns()) {
    const GemmDims dims = gemm_dims(layer);
    columns_.assign(static_cast<std::size_t>(dims.taps * dims.pixels), 0.0f);
  }
  prepared_ = true;
}

void BlasRunner::run() {
  if (!prepared_) throw std::runtime_error("blas: run() before prepare()");
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

std::vector<float> BlasRunner::result() {
  return output_;
}

// Per image n and group g, with Kg filters of Cg R S taps and P Q output pixels:
//   y[n][g] (Kg x PQ) = W_g (Kg x CgRS) columns (CgRS x PQ)
void BlasRunner::conv_fwd() {
  const Shape& d = layer_.shape;
  const GemmDims m = gemm_dims(layer_);
  const Index Cg = d.C / d.groups;
  for (Index n = 0; n < d.N; ++n) {
    for (Index g = 0; g < d.groups; ++g) {
      const float* image = inputs_.x.data() + (n * d.C + g * Cg) * d.H * d.W;
      const float* weights = inputs_.w.data() + g * m.filters * m.taps;
      float* y = output_.data() + (n * d.K + g * m.filters) * m.pixels;
      float beta = 0.0f;
      if (layer_.bias) {  // y starts as the bias; the product adds to it
        for (Index k = 0; k < m.filters; ++k) {
          std::fill_n(y + k * m.pixels, m.pixels, inputs_.bias[g * m.filters + k]);
        }
        beta = 1.0f;
      }
      const float* columns = image;
      if (!image_is_columns()) {
        im2col(d, image, columns_.data());
        columns = columns_.data();
      }
      sgemm(false, false, m.filters, m.pixels, m.taps, weights, columns, beta, y);
    }
  }
}

//   columns (CgRS x PQ) = W_g^T (CgRS x Kg) dy[n][g] (Kg x PQ), then dx[n][g] = col2im(columns)
void BlasRunner::conv_bwd_data() {
  const Shape& d = layer_.shape;
  const GemmDims m = gemm_dims(layer_);
  const Index Cg = d.C / d.groups;
  for (Index n = 0; n < d.N; ++n) {
    for (Index g = 0; g < d.groups; ++g) {
      const float* weights = inputs_.w.data() + g * m.filters * m.taps;
      const float* dy = inputs_.dy.data() + (n * d.K + g * m.filters) * m.pixels;
      float* image = output_.data() + (n * d.C + g * Cg) * d.H * d.W;
      if (image_is_columns()) {
        sgemm(true, false, m.taps, m.pixels, m.filters, weights, dy, 0.0f, image);
      } else {
        sgemm(true, false, m.taps, m.pixels, m.filters, weights, dy, 0.0f, columns_.data());
        std::fill_n(image, Cg * d.H * d.W, 0.0f);
        col2im(d, columns_.data(), image);
      }
    }
  }
}

//   dW_g (Kg x CgRS) += dy[n][g] (Kg x PQ) columns^T (PQ x CgRS), summed over the images
void BlasRunner::conv_bwd_weights() {
  const Shape& d = layer_.shape;
  const GemmDims m = gemm_dims(layer_);
  const Index Cg = d.C / d.groups;
  for (Index n = 0; n < d.N; ++n) {
    const float beta = n == 0 ? 0.0f : 1.0f;  // the first image overwrites, the others add
    for (Index g = 0; g < d.groups; ++g) {
      const float* image = inputs_.x.data() + (n * d.C + g * Cg) * d.H * d.W;
      const float* dy = inputs_.dy.data() + (n * d.K + g * m.filters) * m.pixels;
      float* dw = output_.data() + g * m.filters * m.taps;
      const float* columns = image;
      if (!image_is_columns()) {
        im2col(d, image, columns_.data());
        columns = columns_.data();
      }
      sgemm(false, true, m.filters, m.taps, m.pixels, dy, columns, beta, dw);
    }
  }
}

// fc, over the whole batch: x N x C, w K x C, y and dy N x K.
//   fwd y = x w^T (+ bias),  bwd_data dx = dy w,  bwd_weights dw = dy^T x
void BlasRunner::fc_pass() {
  const Shape& d = layer_.shape;
  switch (pass_) {
    case Pass::fwd: {
      float beta = 0.0f;
      if (layer_.bias) {
        for (Index n = 0; n < d.N; ++n) {
          std::copy(inputs_.bias.begin(), inputs_.bias.end(), output_.begin() + n * d.K);
        }
        beta = 1.0f;
      }
      sgemm(false, true, d.N, d.K, d.C, inputs_.x.data(), inputs_.w.data(), beta, output_.data());
      break;
    }
    case Pass::bwd_data:
      sgemm(false, false, d.N, d.C, d.K, inputs_.dy.data(), inputs_.w.data(), 0.0f, output_.data());
      break;
    case Pass::bwd_weights:
      sgemm(true, false, d.K, d.C, d.N, inputs_.dy.data(), inputs_.x.data(), 0.0f, output_.data());
      break;
  }
}

}  // namespace roof::kernels
