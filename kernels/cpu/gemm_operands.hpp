#pragma once

#include "kernels/cpu/packed_sgemm.hpp"
#include "networks/layer.hpp"

namespace roof::kernels {

// The operands of the convolution and fc passes as packed_sgemm reads them. Each packer reads
// its tensor in the order that is contiguous in memory and writes the micro-panel in the order
// the micro-kernel reads it; the column matrix of im2col is never stored.

// A dense matrix with any strides: element (r, c) at base[r row_stride + c col_stride], as A
// (m x k) or as B (k x n); a transpose is the same matrix with its strides swapped.
struct Strided {
  const float* base = nullptr;
  GemmIndex row_stride = 0, col_stride = 0;
};

class StridedA final : public GemmOperandA {
 public:
  explicit StridedA(Strided matrix) : m_(matrix) {}
  void pack(GemmIndex i0, GemmIndex rows, GemmIndex k0, GemmIndex kc, int mr,
            float* panel) const override;

 private:
  Strided m_;
};

class StridedB final : public GemmOperandB {
 public:
  explicit StridedB(Strided matrix) : m_(matrix) {}
  void pack(GemmIndex k0, GemmIndex kc, GemmIndex j0, GemmIndex cols, int nr,
            float* panel) const override;

 private:
  Strided m_;
};

// A window sliding over one group's channels of an NCHW tensor: what im2col would unfold.
// channels x height x width is the tensor it reads (image_stride elements between images), R x
// S taps at step (dilation + 1), stride, padding, and the P x Q positions it produces.
struct Window {
  GemmIndex channels = 0, height = 0, width = 0, image_stride = 0;
  GemmIndex R = 1, S = 1, step_h = 1, step_w = 1, stride_h = 1, stride_w = 1, pad_h = 0, pad_w = 0;
  GemmIndex P = 0, Q = 0;
};

// The window of the forward pass over x (one group), as the layer defines it.
Window forward_window(const Shape& d);
// bwd_data of a stride-1 layer as a forward convolution over dy: the same taps, mirrored, with
// the padding (R - 1) step - pad that makes its output H x W. Valid when stride_h == stride_w ==
// 1 and pad <= (R - 1) step in both directions (transposed_window_applies).
bool transposed_window_applies(const Shape& d);
Window transposed_window(const Shape& d);

// B of the forward pass: rows are taps (c, r, s), columns the output pixels (n, p, q) of the
// batch, image after image (one image when the product has P Q columns);
// B(tap, pixel) = image[n][c][p stride - pad + r step][q stride - pad + s step], 0 on the
// padding, images window.image_stride floats apart.
class WindowColumns final : public GemmOperandB {
 public:
  WindowColumns(const Window& window, const float* image) : w_(window), image_(image) {}
  void pack(GemmIndex k0, GemmIndex kc, GemmIndex j0, GemmIndex cols, int nr,
            float* panel) const override;

 private:
  Window w_;
  const float* image_;
};

// B of bwd_weights over the whole batch: rows are pixels (n, p, q) of every image, columns
// taps (c, r, s): the transpose of WindowColumns, images stacked along the rows.
class WindowRowsOfBatch final : public GemmOperandB {
 public:
  WindowRowsOfBatch(const Window& window, const float* images) : w_(window), images_(images) {}
  void pack(GemmIndex k0, GemmIndex kc, GemmIndex j0, GemmIndex cols, int nr,
            float* panel) const override;

 private:
  Window w_;
  const float* images_;
};

// A of bwd_weights: one group's output gradient as filters x pixels of the whole batch,
// A(k, (n, p, q)) = dy[n][k][p][q]; dy points at the group's first filter of image 0.
class GradientRowsOfBatch final : public GemmOperandA {
 public:
  GradientRowsOfBatch(const float* dy, GemmIndex pixels, GemmIndex image_stride)
      : dy_(dy), pixels_(pixels), image_stride_(image_stride) {}
  void pack(GemmIndex i0, GemmIndex rows, GemmIndex k0, GemmIndex kc, int mr,
            float* panel) const override;

 private:
  const float* dy_;
  GemmIndex pixels_, image_stride_;
};

// A of the transposed (stride-1) bwd_data: one group's weights mirrored and transposed,
// A(c, (k, r, s)) = w[k][c][R - 1 - r][S - 1 - s]; w points at the group's first filter.
class MirroredWeights final : public GemmOperandA {
 public:
  MirroredWeights(const float* w, GemmIndex channels, GemmIndex R, GemmIndex S)
      : w_(w), channels_(channels), R_(R), S_(S) {}
  void pack(GemmIndex i0, GemmIndex rows, GemmIndex k0, GemmIndex kc, int mr,
            float* panel) const override;

 private:
  const float* w_;
  GemmIndex channels_, R_, S_;
};

}  // namespace roof::kernels
