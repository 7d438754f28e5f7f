#include "kernels/cpu/gemm_operands.hpp"

#include <algorithm>

namespace roof::kernels {
namespace {

using Index = GemmIndex;

// h in [0, extent) with one comparison.
bool inside(Index coordinate, Index extent) {
  return static_cast<std::uint64_t>(coordinate) < static_cast<std::uint64_t>(extent);
}

void zero_rows(Index rows, Index kc, int mr, float* panel) {
  if (rows == mr) return;
  for (Index kk = 0; kk < kc; ++kk) std::fill(panel + kk * mr + rows, panel + (kk + 1) * mr, 0.0f);
}

void zero_cols(Index cols, Index kc, int nr, float* panel) {
  if (cols == nr) return;
  for (Index kk = 0; kk < kc; ++kk) std::fill(panel + kk * nr + cols, panel + (kk + 1) * nr, 0.0f);
}

// The (n, p, q) of kc consecutive pixels of a batch from pixel k0 on, as the image offset and
// the window's top-left corner (p stride - pad, q stride - pad): one division per panel, not
// per element.
struct PixelTable {
  Index image_offset[kMaxGemmKc];
  Index top[kMaxGemmKc];
  Index left[kMaxGemmKc];
};

void fill_pixels(const Window& w, Index k0, Index kc, PixelTable& t) {
  const Index pixels = w.P * w.Q;
  Index n = k0 / pixels, pq = k0 % pixels;
  Index p = pq / w.Q, q = pq % w.Q;
  for (Index kk = 0; kk < kc; ++kk) {
    t.image_offset[kk] = n * w.image_stride;
    t.top[kk] = p * w.stride_h - w.pad_h;
    t.left[kk] = q * w.stride_w - w.pad_w;
    if (++q == w.Q) {
      q = 0;
      if (++p == w.P) {
        p = 0;
        ++n;
      }
    }
  }
}

}  // namespace

void StridedA::pack(Index i0, Index rows, Index k0, Index kc, int mr, float* panel) const {
  const float* origin = m_.base + i0 * m_.row_stride + k0 * m_.col_stride;
  if (m_.col_stride == 1) {  // each row contiguous along k
    // k outer: each panel line is written whole, the rows' cache lines are read across 16
    // consecutive k (row by row, every write would touch a new panel line).
    const float* row_of[32];  // mr <= 32 (packed_sgemm's kMaxTile)
    for (Index i = 0; i < rows; ++i) row_of[i] = origin + i * m_.row_stride;
    for (Index kk = 0; kk < kc; ++kk) {
      for (Index i = 0; i < rows; ++i) panel[kk * mr + i] = row_of[i][kk];
    }
  } else {  // each column contiguous along i (a transposed matrix)
    for (Index kk = 0; kk < kc; ++kk) {
      const float* column = origin + kk * m_.col_stride;
      for (Index i = 0; i < rows; ++i) panel[kk * mr + i] = column[i * m_.row_stride];
    }
  }
  zero_rows(rows, kc, mr, panel);
}

void StridedB::pack(Index k0, Index kc, Index j0, Index cols, int nr, float* panel) const {
  const float* origin = m_.base + k0 * m_.row_stride + j0 * m_.col_stride;
  if (m_.col_stride == 1) {  // each row contiguous along j
    for (Index kk = 0; kk < kc; ++kk) {
      const float* row = origin + kk * m_.row_stride;
      std::copy(row, row + cols, panel + kk * nr);
    }
  } else {  // each column contiguous along k (a transposed matrix: fc's weights)
    // k outer, as in StridedA: column by column, every write went to a new panel line and
    // this loop was 40% of fc6's forward pass; now a panel line is written whole.
    const float* column_of[32];  // nr <= 32 (packed_sgemm's kMaxTile)
    for (Index j = 0; j < cols; ++j) column_of[j] = origin + j * m_.col_stride;
    for (Index kk = 0; kk < kc; ++kk) {
      for (Index j = 0; j < cols; ++j) panel[kk * nr + j] = column_of[j][kk * m_.row_stride];
    }
  }
  zero_cols(cols, kc, nr, panel);
}

Window forward_window(const Shape& d) {
  Window w;
  w.channels = d.C / d.groups;
  w.height = d.H;
  w.width = d.W;
  w.image_stride = d.C * d.H * d.W;
  w.R = d.R;
  w.S = d.S;
  w.step_h = d.dilation_h + 1;
  w.step_w = d.dilation_w + 1;
  w.stride_h = d.stride_h;
  w.stride_w = d.stride_w;
  w.pad_h = d.pad_h;
  w.pad_w = d.pad_w;
  w.P = d.P;
  w.Q = d.Q;
  return w;
}

bool transposed_window_applies(const Shape& d) {
  return d.stride_h == 1 && d.stride_w == 1 && d.pad_h <= (d.R - 1) * (d.dilation_h + 1) &&
         d.pad_w <= (d.S - 1) * (d.dilation_w + 1);
}

Window transposed_window(const Shape& d) {
  Window w;
  w.channels = d.K / d.groups;
  w.height = d.P;
  w.width = d.Q;
  w.image_stride = d.K * d.P * d.Q;
  w.R = d.R;
  w.S = d.S;
  w.step_h = d.dilation_h + 1;
  w.step_w = d.dilation_w + 1;
  w.pad_h = (d.R - 1) * w.step_h - d.pad_h;
  w.pad_w = (d.S - 1) * w.step_w - d.pad_w;
  w.P = d.H;  // a stride-1 window with this padding gives back the input's extent
  w.Q = d.W;
  return w;
}

// Rows are taps, columns the batch's pixels j0 .. j0 + cols. The columns split into runs of
// one output row of one image each (at most a few per panel); within a run a tap reads consecutive
// input pixels for stride 1, so a run whose window lies inside the image row is one contiguous copy
// and only the runs that touch the padding are gathered element by element. This path is
// most of the forward pass's packing time, a sixth of its run time before it was split so.
void WindowColumns::pack(Index k0, Index kc, Index j0, Index cols, int nr, float* panel) const {
  struct Run {
    Index first, length, image_offset, top, left;
  };
  Run runs[32];  // nr <= 32 (packed_sgemm's kMaxTile), at most one run per column
  int run_count = 0;
  for (Index j = 0; j < cols;) {
    const Index pixels = w_.P * w_.Q;
    const Index n = (j0 + j) / pixels, p = (j0 + j) % pixels / w_.Q, q = (j0 + j) % w_.Q;
    const Index length = std::min(cols - j, w_.Q - q);
    runs[run_count++] = {j, length, n * w_.image_stride, p * w_.stride_h - w_.pad_h,
                         q * w_.stride_w - w_.pad_w};
    j += length;
  }
  const Index taps_per_channel = w_.R * w_.S;
  for (Index kk = 0; kk < kc; ++kk) {
    const Index tap = k0 + kk;
    const Index c = tap / taps_per_channel, r = (tap / w_.S) % w_.R, s = tap % w_.S;
    const float* plane = image_ + c * w_.height * w_.width;
    const Index dh = r * w_.step_h, dw = s * w_.step_w;
    float* out = panel + kk * nr;
    for (int i = 0; i < run_count; ++i) {
      const Run& run = runs[i];
      float* dst = out + run.first;
      const Index h = run.top + dh, x0 = run.left + dw;
      if (!inside(h, w_.height)) {
        std::fill_n(dst, run.length, 0.0f);
        continue;
      }
      const float* src = plane + run.image_offset + h * w_.width;
      const Index x_last = x0 + (run.length - 1) * w_.stride_w;
      if (w_.stride_w == 1 && x0 >= 0 && x_last < w_.width) {
        std::copy_n(src + x0, run.length, dst);
        continue;
      }
      for (Index j = 0; j < run.length; ++j) {
        const Index x = x0 + j * w_.stride_w;
        dst[j] = inside(x, w_.width) ? src[x] : 0.0f;
      }
    }
  }
  zero_cols(cols, kc, nr, panel);
}

// Rows are the batch's pixels k0 .. k0 + kc, columns taps j0 .. j0 + cols. Column by column:
// one tap walks consecutive pixels, which read along image rows.
void WindowRowsOfBatch::pack(Index k0, Index kc, Index j0, Index cols, int nr, float* panel) const {
  PixelTable t;
  fill_pixels(w_, k0, kc, t);
  const Index taps_per_channel = w_.R * w_.S;
  for (Index j = 0; j < cols; ++j) {
    const Index tap = j0 + j;
    const Index c = tap / taps_per_channel, r = (tap / w_.S) % w_.R, s = tap % w_.S;
    const float* channel = images_ + c * w_.height * w_.width;
    const Index dh = r * w_.step_h, dw = s * w_.step_w;
    for (Index kk = 0; kk < kc; ++kk) {
      const Index h = t.top[kk] + dh, x = t.left[kk] + dw;
      panel[kk * nr + j] = inside(h, w_.height) && inside(x, w_.width)
                               ? channel[t.image_offset[kk] + h * w_.width + x]
                               : 0.0f;
    }
  }
  zero_cols(cols, kc, nr, panel);
}

void GradientRowsOfBatch::pack(Index i0, Index rows, Index k0, Index kc, int mr,
                               float* panel) const {
  Index offset[kMaxGemmKc];
  Index n = k0 / pixels_, pixel = k0 % pixels_;
  for (Index kk = 0; kk < kc; ++kk) {
    offset[kk] = n * image_stride_ + pixel;
    if (++pixel == pixels_) {
      pixel = 0;
      ++n;
    }
  }
  for (Index i = 0; i < rows; ++i) {
    const float* filter = dy_ + (i0 + i) * pixels_;
    for (Index kk = 0; kk < kc; ++kk) panel[kk * mr + i] = filter[offset[kk]];
  }
  zero_rows(rows, kc, mr, panel);
}

void MirroredWeights::pack(Index i0, Index rows, Index k0, Index kc, int mr, float* panel) const {
  const Index taps = R_ * S_;
  for (Index kk = 0; kk < kc; ++kk) {
    const Index column = k0 + kk;  // (k, r, s) of the transposed window
    const Index k = column / taps, r = (column / S_) % R_, s = column % S_;
    // w[k][c][R - 1 - r][S - 1 - s] for c = i0 + i: channels R S apart.
    const float* tap = w_ + ((k * channels_ + i0) * R_ + (R_ - 1 - r)) * S_ + (S_ - 1 - s);
    for (Index i = 0; i < rows; ++i) panel[kk * mr + i] = tap[i * taps];
  }
  zero_rows(rows, kc, mr, panel);
}

}  // namespace roof::kernels
