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

void input_transform(const float d[16], float v[16]) {
  float t[4][4];  // B^T d
  for (int j = 0; j < 4; ++j) {
    t[0][j] = d[j] - d[8 + j];
    t[1][j] = d[4 + j] + d[8 + j];
    t[2][j] = d[8 + j] - d[4 + j];
    t[3][j] = d[4 + j] - d[12 + j];
  }
  for (int i = 0; i < 4; ++i) {  // (B^T d) B
    v[4 * i + 0] = t[i][0] - t[i][2];
    v[4 * i + 1] = t[i][1] + t[i][2];
    v[4 * i + 2] = t[i][2] - t[i][1];
    v[4 * i + 3] = t[i][1] - t[i][3];
  }
}

void output_transform(const float m[16], float y[4]) {
  float t[2][4];  // A^T m
  for (int j = 0; j < 4; ++j) {
    t[0][j] = m[j] + m[4 + j] + m[8 + j];
    t[1][j] = m[4 + j] - m[8 + j] - m[12 + j];
  }
  for (int i = 0; i < 2; ++i) {  // (A^T m) A
    y[2 * i + 0] = t[i][0] + t[i][1] + t[i][2];
    y[2 * i + 1] = t[i][1] - t[i][2] - t[i][3];
  }
}

void output_gradient_transform(const float dy[4], float z[16]) {
  float t[4][2];  // A dY, A = (A^T)^T
  for (int j = 0; j < 2; ++j) {
    t[0][j] = dy[j];
    t[1][j] = dy[j] + dy[2 + j];
    t[2][j] = dy[j] - dy[2 + j];
    t[3][j] = -dy[2 + j];
  }
  for (int i = 0; i < 4; ++i) {  // (A dY) A^T
    z[4 * i + 0] = t[i][0];
    z[4 * i + 1] = t[i][0] + t[i][1];
    z[4 * i + 2] = t[i][0] - t[i][1];
    z[4 * i + 3] = -t[i][1];
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
