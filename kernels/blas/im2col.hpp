#pragma once

#include "networks/layer.hpp"

namespace roof::kernels {

// The column matrix of one image and one group, the B operand of the convolution-as-GEMM:
// Cg R S rows (c, r, s) by P Q columns (p, q), with
//   columns[(c R + r) S + s][p Q + q] = x[c][h][w],   h, w as in reference.cpp, 0 on the padding.
// image points at the group's first channel, x[n][g Cg]; Cg = C / groups.
void im2col(const Shape& d, const float* image, float* columns);

// The adjoint of im2col, for bwd_data: adds every column entry into the input position it was
// read from. image (dx[n][g Cg]) must hold zeros, or whatever the entries should add to.
void col2im(const Shape& d, const float* columns, float* image);

}  // namespace roof::kernels
