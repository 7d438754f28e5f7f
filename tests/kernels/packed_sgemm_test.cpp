// Our packed SGEMM against a float64 product, on sizes that cross every block edge (MC, KC, NC
// and the MR x NR tile) with a small blocking, for every micro-kernel this CPU runs; and its
// packers against the matrices they stand for.
#include "kernels/cpu/packed_sgemm.hpp"
#include "kernels/cpu/narrow_gemm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "kernels/cpu/gemm_operands.hpp"

namespace roof::kernels {
namespace {

using Index = GemmIndex;

std::vector<float> ramp(Index count, float scale) {
  std::vector<float> v(static_cast<std::size_t>(count));
  for (Index i = 0; i < count; ++i) v[i] = scale * static_cast<float>((i * 37 % 101) - 50) / 50;
  return v;
}

// C (m x n) = A (m x k, row-major) B (k x n, row-major) + c0, in double.
std::vector<double> reference(Index m, Index n, Index k, const std::vector<float>& a,
                              const std::vector<float>& b, const std::vector<float>& c0) {
  std::vector<double> c(static_cast<std::size_t>(m * n));
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < n; ++j) {
      double sum = c0.empty() ? 0.0 : c0[i * n + j];
      for (Index kk = 0; kk < k; ++kk) sum += double(a[i * k + kk]) * b[kk * n + j];
      c[i * n + j] = sum;
    }
  }
  return c;
}

struct Size {
  Index m, n, k;
};

class PackedSgemm : public ::testing::TestWithParam<int> {};

// Blocking 12/8/32 makes every size below cross MC, KC and NC several times, with edge tiles
// in both directions; the transposed operands go through the other packing loop.
TEST_P(PackedSgemm, MatchesDoubleProductAcrossBlockEdges) {
  int count = 0;
  const MicroKernel& kernel = runnable_micro_kernels(&count)[GetParam()];
  const GemmBlocking small{kernel.mr * 2, 8, kernel.nr * 2};
  GemmWorkspace workspace;
  for (const Size s : {Size{1, 1, 1}, Size{7, 17, 9}, Size{13, 35, 33}, Size{30, 70, 17},
                       Size{6, 16, 8}, Size{25, 3, 40}}) {
    for (bool accumulate : {false, true}) {
      for (bool transposed : {false, true}) {
        const std::vector<float> a = ramp(s.m * s.k, 1.0f), b = ramp(s.n * s.k, 0.5f);
        std::vector<float> c =
            accumulate ? ramp(s.m * s.n, 2.0f) : std::vector<float>(s.m * s.n, 7.0f);
        const std::vector<float> c0 = accumulate ? c : std::vector<float>{};
        // The transposed case stores A^T and B^T and reads them with swapped strides.
        std::vector<float> at(a.size()), bt(b.size());
        for (Index i = 0; i < s.m; ++i) {
          for (Index kk = 0; kk < s.k; ++kk) at[kk * s.m + i] = a[i * s.k + kk];
        }
        for (Index kk = 0; kk < s.k; ++kk) {
          for (Index j = 0; j < s.n; ++j) bt[j * s.k + kk] = b[kk * s.n + j];
        }
        const StridedA op_a(transposed ? Strided{at.data(), 1, s.m} : Strided{a.data(), s.k, 1});
        const StridedB op_b(transposed ? Strided{bt.data(), 1, s.k} : Strided{b.data(), s.n, 1});
        packed_sgemm(s.m, s.n, s.k, op_a, op_b, c.data(), s.n, accumulate, workspace, kernel,
                     small);
        const std::vector<double> want = reference(s.m, s.n, s.k, a, b, c0);
        for (Index i = 0; i < s.m * s.n; ++i) {
          ASSERT_NEAR(c[i], want[i], 1e-5 * static_cast<double>(1 + s.k))
              << kernel.name << " m" << s.m << " n" << s.n << " k" << s.k << " at " << i;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryRunnableKernel, PackedSgemm, ::testing::Range(0, [] {
                           int count = 0;
                           runnable_micro_kernels(&count);
                           return count;
                         }()));

// Columns as a batch of images, 19 columns each (not a multiple of any NR), each image's
// block at its own offset with padding between rows and blocks: every tile that spans two
// images must land in both, and nothing outside the blocks may be written.
TEST_P(PackedSgemm, WritesGroupedColumnsIntoEachImagesBlock) {
  int count = 0;
  const MicroKernel& kernel = runnable_micro_kernels(&count)[GetParam()];
  const GemmBlocking small{kernel.mr * 2, 8, kernel.nr * 2};
  GemmWorkspace workspace;
  const Index m = 13, k = 21, images = 4, group_cols = 19, ldc = 23, stride = m * ldc + 5;
  const Index n = images * group_cols;
  const std::vector<float> a = ramp(m * k, 1.0f), b = ramp(k * n, 0.5f);
  const float untouched = -999.0f;
  for (bool accumulate : {false, true}) {
    std::vector<float> c(static_cast<std::size_t>(images * stride), untouched);
    std::vector<float> c0(static_cast<std::size_t>(m * n), 0.0f);
    if (accumulate) {
      for (Index g = 0; g < images; ++g) {
        for (Index i = 0; i < m; ++i) {
          for (Index j = 0; j < group_cols; ++j) {
            const float v = 0.25f * static_cast<float>((g + i + j) % 7);
            c[g * stride + i * ldc + j] = v;
            c0[i * n + g * group_cols + j] = v;
          }
        }
      }
    }
    packed_sgemm(m, n, k, StridedA({a.data(), k, 1}), StridedB({b.data(), n, 1}),
                 GemmOutput{c.data(), ldc, group_cols, stride}, accumulate, workspace, kernel,
                 small);
    const std::vector<double> want =
        reference(m, n, k, a, b, accumulate ? c0 : std::vector<float>{});
    std::vector<bool> inside(c.size(), false);
    for (Index g = 0; g < images; ++g) {
      for (Index i = 0; i < m; ++i) {
        for (Index j = 0; j < group_cols; ++j) {
          const Index at = g * stride + i * ldc + j;
          inside[at] = true;
          ASSERT_NEAR(c[at], want[i * n + g * group_cols + j], 1e-5 * (1 + k))
              << kernel.name << " image " << g << " row " << i << " column " << j;
        }
      }
    }
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!inside[i]) {
        ASSERT_EQ(c[i], untouched) << "wrote outside the blocks at " << i;
      }
    }
  }
}

TEST(PackedSgemmContract, ZeroInnerDimensionGivesZeroOrKeepsC) {
  GemmWorkspace workspace;
  std::vector<float> c(6, 3.0f);
  const StridedA a({nullptr, 0, 1});
  const StridedB b({nullptr, 3, 1});
  packed_sgemm(2, 3, 0, a, b, c.data(), 3, true, workspace);
  EXPECT_EQ(c, std::vector<float>(6, 3.0f));
  packed_sgemm(2, 3, 0, a, b, c.data(), 3, false, workspace);
  EXPECT_EQ(c, std::vector<float>(6, 0.0f));
}

TEST(PackedSgemmContract, RefusesWhatItCannotRun) {
  GemmWorkspace workspace;
  std::vector<float> c(4);
  const StridedA a({c.data(), 2, 1});
  const StridedB b({c.data(), 2, 1});
  EXPECT_THROW(packed_sgemm(-1, 2, 2, a, b, c.data(), 2, false, workspace), std::invalid_argument);
  EXPECT_THROW(packed_sgemm(2, 2, 2, a, b, c.data(), 1, false, workspace), std::invalid_argument);
  const MicroKernel& kernel = best_micro_kernel();
  const GemmBlocking odd{kernel.mr + 1, 8, kernel.nr};
  EXPECT_THROW(packed_sgemm(2, 2, 2, a, b, c.data(), 2, false, workspace, kernel, odd),
               std::invalid_argument);
}

// The window packers are im2col: a 2-image, 2-channel, strided, padded, dilated window read
// through WindowColumns (one image and across images) and WindowRowsOfBatch equals the column
// matrix written out by hand.
TEST(WindowPackers, AreTheColumnMatrix) {
  Window w;
  w.channels = 2;
  w.height = 5;
  w.width = 6;
  w.image_stride = 2 * 5 * 6;
  w.R = 2;
  w.S = 3;
  w.step_h = 2;
  w.step_w = 1;
  w.stride_h = 2;
  w.stride_w = 1;
  w.pad_h = 1;
  w.pad_w = 2;
  w.P = (5 + 2 - 3) / 2 + 1;  // (H + 2 pad - ((R - 1) step + 1)) / stride + 1 = 3
  w.Q = (6 + 4 - 3) / 1 + 1;  // 8
  const std::vector<float> x = ramp(2 * w.image_stride, 1.0f);
  const Index taps = w.channels * w.R * w.S, pixels = w.P * w.Q;
  auto column = [&](Index n, Index tap, Index pixel) -> float {
    const Index c = tap / (w.R * w.S), r = tap / w.S % w.R, s = tap % w.S;
    const Index h = pixel / w.Q * w.stride_h - w.pad_h + r * w.step_h;
    const Index ww = pixel % w.Q * w.stride_w - w.pad_w + s * w.step_w;
    if (h < 0 || h >= w.height || ww < 0 || ww >= w.width) return 0.0f;
    return x[n * w.image_stride + (c * w.height + h) * w.width + ww];
  };
  const int nr = 16;
  std::vector<float> panel(static_cast<std::size_t>(kMaxGemmKc * nr));
  const WindowColumns columns(w, x.data() + w.image_stride);  // image 1
  columns.pack(1, taps - 1, 3, 13, nr, panel.data());
  for (Index kk = 0; kk < taps - 1; ++kk) {
    for (Index j = 0; j < nr; ++j) {
      EXPECT_EQ(panel[kk * nr + j], j < 13 ? column(1, 1 + kk, 3 + j) : 0.0f) << kk << "," << j;
    }
  }
  // Over the batch: columns from image 0's last row into image 1, contiguous copies in the
  // middle of rows and gathers at the padded edges.
  const WindowColumns batch_columns(w, x.data());
  batch_columns.pack(0, taps, pixels - 5, 11, nr, panel.data());
  for (Index kk = 0; kk < taps; ++kk) {
    for (Index j = 0; j < nr; ++j) {
      const Index at = pixels - 5 + j;
      EXPECT_EQ(panel[kk * nr + j], j < 11 ? column(at / pixels, kk, at % pixels) : 0.0f)
          << kk << "," << j;
    }
  }
  const WindowRowsOfBatch rows(w, x.data());
  const Index k0 = pixels - 5, kc = 11;  // crosses from image 0 into image 1
  rows.pack(k0, kc, 2, 9, nr, panel.data());
  for (Index kk = 0; kk < kc; ++kk) {
    const Index n = (k0 + kk) / pixels, pixel = (k0 + kk) % pixels;
    for (Index j = 0; j < nr; ++j) {
      EXPECT_EQ(panel[kk * nr + j], j < 9 ? column(n, 2 + j, pixel) : 0.0f) << kk << "," << j;
    }
  }
}

// The narrow path of the fc forward pass: every row count up to 9 (a full group of 8 and a
// tail), an odd number of B's rows (a last unpaired one), a length with a tail past the
// vectors, and accumulation onto C.
TEST(NarrowGemm, MatchesDoubleProductForEveryRowCount) {
  for (Index m = 1; m <= 9; ++m) {
    for (const Index n : {Index{1}, Index{7}}) {
      const Index k = 37;
      const std::vector<float> a = ramp(m * k, 1.0f), b = ramp(n * k, 0.5f);
      for (bool accumulate : {false, true}) {
        std::vector<float> c = ramp(m * n, 2.0f);
        const std::vector<float> c0 = c;
        narrow_gemm_nt(m, n, k, a.data(), b.data(), c.data(), accumulate);
        for (Index i = 0; i < m; ++i) {
          for (Index j = 0; j < n; ++j) {
            double want = accumulate ? c0[i * n + j] : 0.0;
            for (Index p = 0; p < k; ++p) want += double(a[i * k + p]) * b[j * k + p];
            ASSERT_NEAR(c[i * n + j], want, 1e-5 * (1 + k))
                << narrow_gemm_variant() << " m" << m << " n" << n << " at " << i << "," << j;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace roof::kernels
