#pragma once

// The tile transforms of Winograd's minimal filtering algorithm F(2x2, 3x3) (Lavin and Gray,
// "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): a 2x2 block of a 3x3
// correlation's output from a 4x4 block of its input with 16 multiplies instead of 36,
//   Y = A^T [ (G g G^T) . (B^T d B) ] A          (. the element-wise product)
// with
//   B^T = | 1  0 -1  0 |    G = | 1    0    0   |    A^T = | 1  1  1  0 |
//         | 0  1  1  0 |        | 1/2  1/2  1/2 |          | 0  1 -1 -1 |
//         | 0 -1  1  0 |        | 1/2 -1/2  1/2 |
//         | 0  1  0 -1 |        | 0    0    1   |
// and, for the weight gradient, the adjoints of the same maps (the chain rule through the
// linear forward): dU = (A dY A^T) . V summed over the tiles, dg = G^T dU G. Every matrix is
// row-major, 4x4 tiles as 16 floats, 3x3 filters as 9, 2x2 blocks as 4.

#include <cstdint>

namespace roof::kernels::winograd {

void filter_transform(const float g[9], float u[16]);            // U = G g G^T
void filter_gradient_transform(const float s[16], float dg[9]);  // dg = G^T S G

// The input, output and output-gradient transforms of a row of `tiles` tiles at once, the loop over
// the tiles vectorised, each transformed value of the row a run of consecutive floats:
//   V = B^T d B: d0..d3 are the four input rows the tiles read (tile j columns 2j .. 2j + 3),
//                out[e][j] the e-th value of tile j's V;
//   Y = A^T m A: m[e][j] the e-th value of tile j's M, y0 and y1 the two output rows (tile j
//                columns 2j and 2j + 1), each value plus `bias`.
void input_transform_row(const float* d0, const float* d1, const float* d2, const float* d3,
                         std::int64_t tiles, float* const out[16]);
void output_transform_row(const float* const m[16], std::int64_t tiles, float bias, float* y0,
                          float* y1);
//   Z = A dY A^T: dy0 and dy1 the two rows of dy (tile j columns 2j and 2j + 1), out[e][j] the
//                e-th value of tile j's Z.
void output_gradient_transform_row(const float* dy0, const float* dy1, std::int64_t tiles,
                                   float* const out[16]);

}  // namespace roof::kernels::winograd
