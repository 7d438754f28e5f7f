#include "kernels/cpu/packed_sgemm.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <stdexcept>

namespace roof::kernels {
namespace {

using Index = GemmIndex;

constexpr int kMaxTile = 32 * 32;  // the scratch tile of an edge: MR x NR of any kernel here

Index ceil_div(Index a, Index b) {
  return (a + b - 1) / b;
}

// C(i, j)'s address; columns j0 .. j0 + cols of one tile are contiguous when they lie in one
// group.
float* element(const GemmOutput& c, Index group_cols, Index i, Index j) {
  return c.c + (j / group_cols) * c.group_stride + i * c.ldc + j % group_cols;
}

// One MR x NR tile at C(i0, j0) with rows x cols of it inside C. A full tile within one group
// goes straight to C; an edge tile, or one that spans two images' groups, is computed into a
// scratch tile and its inside part added or copied element by element.
void run_tile(const MicroKernel& kernel, Index kc, const float* a_panel, const float* b_panel,
              const GemmOutput& c, Index group_cols, Index i0, Index j0, Index rows, Index cols,
              bool accumulate) {
  const bool one_group = j0 % group_cols + cols <= group_cols;
  if (rows == kernel.mr && cols == kernel.nr && one_group) {
    kernel.run(kc, a_panel, b_panel, element(c, group_cols, i0, j0), c.ldc, accumulate);
    return;
  }
  alignas(64) float scratch[kMaxTile];
  kernel.run(kc, a_panel, b_panel, scratch, kernel.nr, false);
  for (Index i = 0; i < rows; ++i) {
    const float* tile = scratch + i * kernel.nr;
    if (one_group) {
      float* row = element(c, group_cols, i0 + i, j0);
      for (Index j = 0; j < cols; ++j) row[j] = accumulate ? row[j] + tile[j] : tile[j];
    } else {
      for (Index j = 0; j < cols; ++j) {
        float* out = element(c, group_cols, i0 + i, j0 + j);
        *out = accumulate ? *out + tile[j] : tile[j];
      }
    }
  }
}

void check_arguments(Index m, Index n, Index k, const GemmOutput& c, Index group_cols,
                     const MicroKernel& kernel, const GemmBlocking& blocking) {
  if (m < 0 || n < 0 || k < 0) throw std::invalid_argument("packed_sgemm: a negative size");
  if (c.group_cols < 0 || c.group_stride < 0) {
    throw std::invalid_argument("packed_sgemm: a negative output group");
  }
  if (c.ldc < group_cols) {
    throw std::invalid_argument("packed_sgemm: ldc is smaller than a group's columns");
  }
  if (kernel.run == nullptr || kernel.mr <= 0 || kernel.nr <= 0 ||
      kernel.mr * kernel.nr > kMaxTile) {
    throw std::invalid_argument("packed_sgemm: no usable micro-kernel");
  }
  if (blocking.mc <= 0 || blocking.mc % kernel.mr != 0 || blocking.nc <= 0 ||
      blocking.nc % kernel.nr != 0 || blocking.kc <= 0 || blocking.kc > kMaxGemmKc) {
    throw std::invalid_argument(
        "packed_sgemm: MC must be a multiple of MR, NC of NR, and 0 < KC <= kMaxGemmKc");
  }
}

}  // namespace

void GemmWorkspace::Free::operator()(float* p) const {
  std::free(p);
}

float* GemmWorkspace::a_block(GemmIndex elements) {
  if (elements > a_size_) {
    const Index bytes = ceil_div(elements * static_cast<Index>(sizeof(float)), 64) * 64;
    void* p = std::aligned_alloc(64, static_cast<std::size_t>(bytes));
    if (p == nullptr) throw std::bad_alloc();
    a_.reset(static_cast<float*>(p));
    a_size_ = elements;
  }
  return a_.get();
}

float* GemmWorkspace::b_block(GemmIndex elements) {
  if (elements > b_size_) {
    const Index bytes = ceil_div(elements * static_cast<Index>(sizeof(float)), 64) * 64;
    void* p = std::aligned_alloc(64, static_cast<std::size_t>(bytes));
    if (p == nullptr) throw std::bad_alloc();
    b_.reset(static_cast<float*>(p));
    b_size_ = elements;
  }
  return b_.get();
}

void packed_sgemm(GemmIndex m, GemmIndex n, GemmIndex k, const GemmOperandA& a,
                  const GemmOperandB& b, float* c, GemmIndex ldc, bool accumulate,
                  GemmWorkspace& workspace, const MicroKernel& kernel,
                  const GemmBlocking& blocking) {
  packed_sgemm(m, n, k, a, b, GemmOutput{c, ldc}, accumulate, workspace, kernel, blocking);
}

GemmBlocking blocking_for(const MicroKernel& kernel) {
  return {kernel.mc, kernel.kc, kernel.nc};
}

void packed_sgemm(GemmIndex m, GemmIndex n, GemmIndex k, const GemmOperandA& a,
                  const GemmOperandB& b, const GemmOutput& c, bool accumulate,
                  GemmWorkspace& workspace, const MicroKernel& kernel,
                  const GemmBlocking& requested) {
  const bool tuned = requested.mc == 0 && requested.kc == 0 && requested.nc == 0;
  const GemmBlocking blocking = tuned ? blocking_for(kernel) : requested;
  const Index group_cols = c.group_cols > 0 ? c.group_cols : std::max<Index>(n, 1);
  check_arguments(m, n, k, c, group_cols, kernel, blocking);
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!accumulate) {
      for (Index i = 0; i < m; ++i) {
        for (Index j = 0; j < n; ++j) *element(c, group_cols, i, j) = 0.0f;
      }
    }
    return;
  }
  const Index mr = kernel.mr, nr = kernel.nr;
  const Index kc_max = std::min(blocking.kc, k);
  const Index mc_max = std::min(blocking.mc, ceil_div(m, mr) * mr);
  const Index nc_max = std::min(blocking.nc, ceil_div(n, nr) * nr);
  float* const a_block = workspace.a_block(mc_max * kc_max);
  float* const b_block = workspace.b_block(nc_max * kc_max);

  // Exceptions must not leave an OpenMP region; the packers and the kernel do not throw.
#pragma omp parallel
  {
    for (Index jc = 0; jc < n; jc += blocking.nc) {
      const Index nc = std::min(blocking.nc, n - jc);
      const Index b_panels = ceil_div(nc, nr);
      for (Index pc = 0; pc < k; pc += blocking.kc) {
        const Index kc = std::min(blocking.kc, k - pc);
        const bool add = accumulate || pc > 0;  // later K blocks add to the first's product
#pragma omp for schedule(static)
        for (Index jp = 0; jp < b_panels; ++jp) {
          const Index j0 = jc + jp * nr;
          b.pack(pc, kc, j0, std::min(nr, n - j0), kernel.nr, b_block + jp * kc * nr);
        }
        for (Index ic = 0; ic < m; ic += blocking.mc) {
          const Index mc = std::min(blocking.mc, m - ic);
          const Index a_panels = ceil_div(mc, mr);
#pragma omp for schedule(static)
          for (Index ip = 0; ip < a_panels; ++ip) {
            const Index i0 = ic + ip * mr;
            a.pack(i0, std::min(mr, m - i0), pc, kc, kernel.mr, a_block + ip * kc * mr);
          }
          // jr outer, ir inner: a thread keeps its B micro-panel in L1 while the A~ panels
          // stream from its L2. The implicit barrier keeps A~ until every tile used it.
#pragma omp for collapse(2) schedule(static)
          for (Index jp = 0; jp < b_panels; ++jp) {
            for (Index ip = 0; ip < a_panels; ++ip) {
              const Index i0 = ic + ip * mr, j0 = jc + jp * nr;
              run_tile(kernel, kc, a_block + ip * kc * mr, b_block + jp * kc * nr, c, group_cols,
                       i0, j0, std::min(mr, m - i0), std::min(nr, n - j0), add);
            }
          }
        }
      }
    }
  }
}

}  // namespace roof::kernels
