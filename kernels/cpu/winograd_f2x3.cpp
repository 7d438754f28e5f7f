#include "kernels/cpu/winograd_f2x3.hpp"

namespace roof::kernels::winograd {

void filter_transform(const float g[9], float u[16]) {
  float t[4][3];  // G g
  for (int j = 0; j < 3; ++j) {
    t[0][j] = g[j];
    t[1][j] = 0.5f * (g[j] + g[3 + j] + g[6 + j]);
    t[2][j] = 0.5f * (g[j] - g[3 + j] + g[6 + j]);
    t[3][j] = g[6 + j];
  }
  for (int i = 0; i < 4; ++i) {  // (G g) G^T
    u[4 * i + 0] = t[i][0];
    u[4 * i + 1] = 0.5f * (t[i][0] + t[i][1] + t[i][2]);
    u[4 * i + 2] = 0.5f * (t[i][0] - t[i][1] + t[i][2]);
    u[4 * i + 3] = t[i][2];
  }
}

void input_transform_row(const float* d0, const float* d1, const float* d2, const float* d3,
                         std::int64_t tiles, float* const out[16]) {
#pragma omp simd
  for (std::int64_t j = 0; j < tiles; ++j) {
    float t[4][4];  // B^T d, column by column
    for (std::int64_t col = 0; col < 4; ++col) {
      const std::int64_t at = 2 * j + col;
      t[0][col] = d0[at] - d2[at];
      t[1][col] = d1[at] + d2[at];
      t[2][col] = d2[at] - d1[at];
      t[3][col] = d1[at] - d3[at];
    }
    for (int r = 0; r < 4; ++r) {  // (B^T d) B
      out[4 * r + 0][j] = t[r][0] - t[r][2];
      out[4 * r + 1][j] = t[r][1] + t[r][2];
      out[4 * r + 2][j] = t[r][2] - t[r][1];
      out[4 * r + 3][j] = t[r][1] - t[r][3];
    }
  }
}

void output_transform_row(const float* const m[16], std::int64_t tiles, float bias, float* y0,
                          float* y1) {
#pragma omp simd
  for (std::int64_t j = 0; j < tiles; ++j) {
    float t[2][4];  // A^T m, column by column
    for (int col = 0; col < 4; ++col) {
      t[0][col] = m[col][j] + m[4 + col][j] + m[8 + col][j];
      t[1][col] = m[4 + col][j] - m[8 + col][j] - m[12 + col][j];
    }
    y0[2 * j] = t[0][0] + t[0][1] + t[0][2] + bias;  // (A^T m) A
    y0[2 * j + 1] = t[0][1] - t[0][2] - t[0][3] + bias;
    y1[2 * j] = t[1][0] + t[1][1] + t[1][2] + bias;
    y1[2 * j + 1] = t[1][1] - t[1][2] - t[1][3] + bias;
  }
}

void output_gradient_transform_row(const float* dy0, const float* dy1, std::int64_t tiles,
                                   float* const out[16]) {
#pragma omp simd
  for (std::int64_t j = 0; j < tiles; ++j) {
    float t[4][2];  // A dY, A = (A^T)^T
    for (int col = 0; col < 2; ++col) {
      const float top = dy0[2 * j + col], bottom = dy1[2 * j + col];
      t[0][col] = top;
      t[1][col] = top + bottom;
      t[2][col] = top - bottom;
      t[3][col] = -bottom;
    }
    for (int r = 0; r < 4; ++r) {  // (A dY) A^T
      out[4 * r + 0][j] = t[r][0];
      out[4 * r + 1][j] = t[r][0] + t[r][1];
      out[4 * r + 2][j] = t[r][0] - t[r][1];
      out[4 * r + 3][j] = -t[r][1];
    }
  }
}

void filter_gradient_transform(const float s[16], float dg[9]) {
  float t[3][4];  // G^T S
  for (int j = 0; j < 4; ++j) {
    t[0][j] = s[j] + 0.5f * (s[4 + j] + s[8 + j]);
    t[1][j] = 0.5f * (s[4 + j] - s[8 + j]);
    t[2][j] = 0.5f * (s[4 + j] + s[8 + j]) + s[12 + j];
  }
  for (int i = 0; i < 3; ++i) {  // (G^T S) G
    dg[3 * i + 0] = t[i][0] + 0.5f * (t[i][1] + t[i][2]);
    dg[3 * i + 1] = 0.5f * (t[i][1] - t[i][2]);
    dg[3 * i + 2] = 0.5f * (t[i][1] + t[i][2]) + t[i][3];
  }
}

}  // namespace roof::kernels::winograd
