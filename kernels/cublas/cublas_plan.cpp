#include "kernels/cublas/cublas_plan.hpp"

#include <limits>
#include <stdexcept>

#include "kernels/cpu/plain_layout.hpp"

// cuBLAS is column-major; our tensors are row-major (the last extent varies fastest). The one
// fact every call below rests on: a row-major R x C matrix M with row length ld is, read
// column-major, the C x R matrix M^T with leading dimension ld. So each row-major product
// Z = X Y is asked of cuBLAS as Z^T = Y^T X^T, which it reads straight from our memory, and a
// transpose flag appears only where the formula needs the operand the other way round.
//
// `rows` below is the number of rows of the activation matrices: N for an fc layer, N P Q for a
// channels-last 1x1 convolution, whose activations are then (N P Q) x C and (N P Q) x K matrices,
// exactly an fc layer over every pixel. Weights are K x C either way (R = S = 1, one group).

namespace roof::cuda {
namespace {

using Layout = kernels::GpuRunnerOptions::Layout;

MatrixView view(Operand tensor, std::int64_t ld, std::int64_t stride = 0, std::int64_t offset = 0) {
  return {tensor, offset, ld, stride};
}

// Activations as (rows x C) and (rows x K) row-major matrices: fc, or channels-last 1x1.
CublasPlan rows_plan(const Layer& layer, Pass pass, std::int64_t rows) {
  const std::int64_t C = layer.shape.C, K = layer.shape.K;
  CublasPlan plan;
  switch (pass) {
    case Pass::fwd:
      // Y (rows x K) = X (rows x C) W^T, asked as Y^T (K x rows) = W (K x C) X^T (C x rows).
      // Our W (K x C) reads as W^T (C x K, ld C): transpose it back. X reads as X^T (ld C).
      if (layer.bias) {
        // First Y^T = bias (K x 1) ones^T (1 x rows): every row of Y starts as the bias.
        plan.calls.push_back({false, false, K, rows, 1, view(Operand::bias, K),
                              view(Operand::ones, 1), view(Operand::result, K), 0.0f, 1});
        plan.ones = rows;
      }
      plan.calls.push_back({true, false, K, rows, C, view(Operand::w, C), view(Operand::x, C),
                            view(Operand::result, K), layer.bias ? 1.0f : 0.0f, 1});
      break;
    case Pass::bwd_data:
      // dX (rows x C) = dY (rows x K) W (K x C), asked as dX^T (C x rows) = W^T (C x K)
      // dY^T (K x rows): both read as they lie (W as W^T with ld C, dY as dY^T with ld K).
      plan.calls.push_back({false, false, C, rows, K, view(Operand::w, C), view(Operand::dy, K),
                            view(Operand::result, C), 0.0f, 1});
      break;
    case Pass::bwd_weights:
      // dW (K x C) = dY^T (K x rows) X (rows x C), asked as dW^T (C x K) = X^T (C x rows)
      // dY (rows x K): X reads as X^T (ld C); dY reads as dY^T (ld K), so transpose it back.
      plan.calls.push_back({false, true, C, K, rows, view(Operand::x, C), view(Operand::dy, K),
                            view(Operand::result, C), 0.0f, 1});
      break;
  }
  return plan;
}

// Channels-first 1x1 convolution: per image n, X_n is C x PQ and Y_n is K x PQ, row-major.
CublasPlan nchw_plan(const Layer& layer, Pass pass) {
  const Shape& s = layer.shape;
  const std::int64_t C = s.C, K = s.K, N = s.N, PQ = s.P * s.Q;
  CublasPlan plan;
  switch (pass) {
    case Pass::fwd:
      // Y_n (K x PQ) = W (K x C) X_n (C x PQ), asked as Y_n^T (PQ x K) = X_n^T (PQ x C)
      // W^T (C x K): all read as they lie. One strided-batched call over the images, W shared.
      if (layer.bias) {
        // First Y_n^T = ones (PQ x 1) bias^T (1 x K): each filter's plane starts as its bias.
        plan.calls.push_back({false, false, PQ, K, 1, view(Operand::ones, PQ),
                              view(Operand::bias, 1), view(Operand::result, PQ, K * PQ), 0.0f, N});
        plan.ones = PQ;
      }
      plan.calls.push_back({false, false, PQ, K, C, view(Operand::x, PQ, C * PQ),
                            view(Operand::w, C), view(Operand::result, PQ, K * PQ),
                            layer.bias ? 1.0f : 0.0f, N});
      break;
    case Pass::bwd_data:
      // dX_n (C x PQ) = W^T (C x K) dY_n (K x PQ), asked as dX_n^T (PQ x C) = dY_n^T (PQ x K)
      // W (K x C): dY_n reads as dY_n^T (ld PQ); W reads as W^T (ld C), so transpose it back.
      plan.calls.push_back({false, true, PQ, C, K, view(Operand::dy, PQ, K * PQ),
                            view(Operand::w, C), view(Operand::result, PQ, C * PQ), 0.0f, N});
      break;
    case Pass::bwd_weights:
      // dW (K x C) = sum over n of dY_n (K x PQ) X_n^T (PQ x C), asked as dW^T (C x K) = sum of
      // X_n (C x PQ) dY_n^T (PQ x K): X_n reads as X_n^T (ld PQ), so transpose it back; dY_n
      // reads as dY_n^T. The images are not one matrix in NCHW, so one call per image, each
      // adding onto the last (beta 1 after the first).
      for (std::int64_t n = 0; n < N; ++n) {
        plan.calls.push_back({true, false, C, K, PQ, view(Operand::x, PQ, 0, n * C * PQ),
                              view(Operand::dy, PQ, 0, n * K * PQ), view(Operand::result, C),
                              n == 0 ? 0.0f : 1.0f, 1});
      }
      break;
  }
  return plan;
}

bool fits(std::int64_t value) {
  return value >= 0 && value <= std::numeric_limits<int>::max();
}

}  // namespace

bool cublas_plan_applies(const Layer& layer) {
  if (!kernels::is_runnable(layer)) return false;
  if (layer.op == Op::fc) return true;
  const Shape& s = layer.shape;
  return is_conv1x1(layer) && s.stride_h == 1 && s.stride_w == 1 && s.groups == 1;
}

CublasPlan cublas_plan(const Layer& layer, Pass pass, Layout layout) {
  if (!cublas_plan_applies(layer)) {
    throw std::invalid_argument("cublas: layer '" + layer.name +
                                "' is neither fc nor a 1x1 stride-1 unpadded convolution");
  }
  const Shape& s = layer.shape;
  if (layer.op == Op::fc) return rows_plan(layer, pass, s.N);
  if (layout == Layout::nhwc) return rows_plan(layer, pass, s.N * s.P * s.Q);
  return nchw_plan(layer, pass);
}

bool fits_cublas_int(const CublasPlan& plan) {
  for (const GemmCall& call : plan.calls) {
    for (std::int64_t value :
         {call.m, call.n, call.k, call.a.ld, call.b.ld, call.c.ld, call.batch}) {
      if (!fits(value)) return false;
    }
  }
  return true;
}

}  // namespace roof::cuda
