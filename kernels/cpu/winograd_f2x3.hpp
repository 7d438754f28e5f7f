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

namespace roof::kernels::winograd {

void filter_transform(const float g[9], float u[16]);            // U = G g G^T
void input_transform(const float d[16], float v[16]);            // V = B^T d B
void output_transform(const float m[16], float y[4]);            // Y = A^T m A
void output_gradient_transform(const float dy[4], float z[16]);  // Z = A dY A^T
void filter_gradient_transform(const float s[16], float dg[9]);  // dg = G^T S G

}  // namespace roof::kernels::winograd
