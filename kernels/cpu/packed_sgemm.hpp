#pragma once

#include <cstdint>
#include <memory>

#include "kernels/cpu/microkernel.hpp"

namespace roof::kernels {

// Our own SGEMM, C (m x n, row-major, ldc) = A (m x k) B (k x n) [+ C], organised as BLIS's five
// loops around a micro-kernel (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly
// Instantiating BLAS Functionality", 2015):
//   for jc in n step NC          B block of NC columns (L3)
//     for pc in k step KC        pack B~ (KC x NC) once, in NR-wide micro-panels
//       for ic in m step MC      pack A~ (MC x KC) once, in MR-high micro-panels (L2)
//         for jr in NC step NR   a B micro-panel (KC x NR, L1)
//           for ir in MC step MR the micro-kernel: an MR x NR tile of C in registers
// OpenMP: the threads pack B~ and A~ together and share the (jr, ir) tiles, so each core
// keeps the whole A~ in its own L2 and streams its own B micro-panels (BLIS's jr split).
//
// The operands are read only through their packing, so a convolution's column matrix never
// exists: its packer reads the image directly (gemm_operands.hpp). That is the point of having
// our own SGEMM beside OpenBLAS (docs/kernels.md).

using GemmIndex = std::int64_t;

// A (m x k): pack(i0, rows, k0, kc, mr, panel) writes panel[kk mr + i] = A(i0 + i, k0 + kk) for
// i < rows and 0 for rows <= i < mr, 0 <= kk < kc.
class GemmOperandA {
 public:
  virtual ~GemmOperandA() = default;
  virtual void pack(GemmIndex i0, GemmIndex rows, GemmIndex k0, GemmIndex kc, int mr,
                    float* panel) const = 0;
};

// B (k x n): pack(k0, kc, j0, cols, nr, panel) writes panel[kk nr + j] = B(k0 + kk, j0 + j) for
// j < cols and 0 for cols <= j < nr, 0 <= kk < kc.
class GemmOperandB {
 public:
  virtual ~GemmOperandB() = default;
  virtual void pack(GemmIndex k0, GemmIndex kc, GemmIndex j0, GemmIndex cols, int nr,
                    float* panel) const = 0;
};

// Cache blocking: MC is a multiple of MR and NC of NR. The default, all zeros, is the blocking
// the micro-kernel is tuned with (its mc, kc, nc: docs/kernels.md), which blocking_for gives.
struct GemmBlocking {
  GemmIndex mc = 0;
  GemmIndex kc = 0;
  GemmIndex nc = 0;
};
GemmBlocking blocking_for(const MicroKernel& kernel);

inline constexpr GemmIndex kMaxGemmKc = 512;  // packers keep per-panel tables of kc entries

// The packing buffers of one caller, 64-byte aligned, grown on demand and reused, so that a
// timed run allocates nothing (a fresh 4 MiB buffer costs a thousand page faults).
class GemmWorkspace {
 public:
  float* a_block(GemmIndex elements);
  float* b_block(GemmIndex elements);

 private:
  struct Free {
    void operator()(float* p) const;
  };
  std::unique_ptr<float, Free> a_, b_;
  GemmIndex a_size_ = 0, b_size_ = 0;
};

// Where C(i, j) lives. One matrix: c[i ldc + j]. A product whose columns are a batch of
// images, j = image group_cols + column: c[image group_stride + i ldc + column], so that a
// convolution over the whole batch writes each image's NCHW block in place and its weights are
// packed once per batch instead of once per image.
struct GemmOutput {
  float* c = nullptr;
  GemmIndex ldc = 0;
  GemmIndex group_cols = 0;  // 0: all n columns are one group
  GemmIndex group_stride = 0;
};

// C = A B (accumulate false) or C += A B (accumulate true). k == 0 leaves C as A B = 0 would
// (zeroed unless accumulating). Throws std::invalid_argument for negative sizes, ldc smaller
// than a group's columns, or a blocking the kernel cannot use.
void packed_sgemm(GemmIndex m, GemmIndex n, GemmIndex k, const GemmOperandA& a,
                  const GemmOperandB& b, const GemmOutput& c, bool accumulate,
                  GemmWorkspace& workspace, const MicroKernel& kernel = best_micro_kernel(),
                  const GemmBlocking& blocking = GemmBlocking{});

// One matrix C (m x n, ldc).
void packed_sgemm(GemmIndex m, GemmIndex n, GemmIndex k, const GemmOperandA& a,
                  const GemmOperandB& b, float* c, GemmIndex ldc, bool accumulate,
                  GemmWorkspace& workspace, const MicroKernel& kernel = best_micro_kernel(),
                  const GemmBlocking& blocking = GemmBlocking{});

}  // namespace roof::kernels
