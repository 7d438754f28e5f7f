// The memory ceilings: first-touched arrays, STREAM, the working-set sweep, the intensity kernel.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/simd_kernels.hpp"
#include "bench/roofs/thread_split.hpp"

namespace roof::bench {
namespace {

using detail::kernels_for;
using detail::SimdKernels;

// The intensity kernel's a and b: elements equal to 1.0 stay 1.0 (1 x 0.5 + 0.5, exactly).
constexpr float kHalf = 0.5f;

}  // namespace

template <typename T>
void ThreadArray<T>::Free::operator()(T* p) const {
  std::free(p);
}

template <typename T>
ThreadArray<T>::ThreadArray(std::size_t n, T value, bool huge_pages) : n_(n) {
  // Whole 2 MiB units, so transparent huge pages can back the array.
  constexpr std::size_t kAlign = std::size_t{2} << 20;
  const std::size_t bytes =
      std::max<std::size_t>((n * sizeof(T) + kAlign - 1) / kAlign, 1) * kAlign;
  data_.reset(static_cast<T*>(std::aligned_alloc(kAlign, bytes)));
  if (!data_) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  // Where huge pages are opt-in. A refusal changes nothing but speed.
  if (huge_pages) madvise(data_.get(), bytes, MADV_HUGEPAGE);
#else
  (void)huge_pages;
#endif
  T* p = data_.get();
#pragma omp parallel
  {
    const Slice s = thread_slice(n);
    std::fill(p + s.begin, p + s.end, value);
  }
}

template class ThreadArray<double>;
template class ThreadArray<float>;

std::string_view to_string(StreamOp op) {
  switch (op) {
    case StreamOp::copy:
      return "copy";
    case StreamOp::scale:
      return "scale";
    case StreamOp::add:
      return "add";
    case StreamOp::triad:
      break;
  }
  return "triad";
}

double stream_bytes(StreamOp op, std::size_t n) {
  const int arrays = op == StreamOp::copy || op == StreamOp::scale ? 2 : 3;
  return arrays * sizeof(double) * static_cast<double>(n);
}

void run_stream(Simd simd, StreamOp op, StreamArrays& arrays) {
  const SimdKernels& k = kernels_for(simd);
  double* a = arrays.a.data();
  double* b = arrays.b.data();
  double* c = arrays.c.data();
  const double s = StreamArrays::scalar;
  const std::size_t n = arrays.size();
#pragma omp parallel
  {
    const Slice t = thread_slice(n);
    const std::size_t m = t.end - t.begin;
    switch (op) {
      case StreamOp::copy:
        k.copy(c + t.begin, a + t.begin, m);
        break;
      case StreamOp::scale:
        k.scale(b + t.begin, c + t.begin, s, m);
        break;
      case StreamOp::add:
        k.add(c + t.begin, a + t.begin, b + t.begin, m);
        break;
      case StreamOp::triad:
        k.triad(a + t.begin, b + t.begin, c + t.begin, s, m);
        break;
    }
  }
}

bool stream_result_holds(StreamOp op, const StreamArrays& arrays) {
  const double* a = arrays.a.data();
  const double* b = arrays.b.data();
  const double* c = arrays.c.data();
  const double s = StreamArrays::scalar;
  const auto holds = [&](std::size_t i) {
    switch (op) {
      case StreamOp::copy:
        return c[i] == a[i];
      case StreamOp::scale:
        return b[i] == s * c[i];
      case StreamOp::add:
        return c[i] == a[i] + b[i];
      case StreamOp::triad:
        break;
    }
    return a[i] == b[i] + s * c[i];
  };
  // About a thousand elements spread over the array, and the last one.
  const std::size_t n = arrays.size();
  const std::size_t stride = std::max<std::size_t>(n / 1000, 1);
  for (std::size_t i = 0; i < n; i += stride) {
    if (!holds(i)) return false;
  }
  return n == 0 || holds(n - 1);
}

std::string_view to_string(DramStream stream) {
  switch (stream) {
    case DramStream::read:
      return "read";
    case DramStream::write:
      return "write";
    case DramStream::write_nt:
      return "write_nt";
    case DramStream::copy_nt:
      return "copy_nt";
    case DramStream::triad_nt:
      break;
  }
  return "triad_nt";
}

bool dram_stream_supported(Simd simd, DramStream stream) {
  const SimdKernels& k = kernels_for(simd);
  switch (stream) {
    case DramStream::read:
      return k.read_sum != nullptr;
    case DramStream::write:
      return k.fill != nullptr;
    case DramStream::write_nt:
      return k.fill_nt != nullptr;
    case DramStream::copy_nt:
      return k.copy_nt != nullptr;
    case DramStream::triad_nt:
      break;
  }
  return k.triad_nt != nullptr;
}

double dram_stream_bytes(DramStream stream, std::size_t n) {
  const int arrays = stream == DramStream::copy_nt ? 2 : stream == DramStream::triad_nt ? 3 : 1;
  return arrays * sizeof(double) * static_cast<double>(n);
}

double run_dram_stream(Simd simd, DramStream stream, StreamArrays& arrays) {
  const SimdKernels& k = kernels_for(simd);
  if (stream == DramStream::read) return run_read_sweep(simd, arrays.a.data(), arrays.size(), 1);
  double* a = arrays.a.data();
  const double* b = arrays.b.data();
  double* c = arrays.c.data();
  const double s = StreamArrays::scalar;
  const double value = c[0];  // the writes keep c uniform
  const std::size_t n = arrays.size();
#pragma omp parallel
  {
    const Slice t = thread_slice(n);
    const std::size_t m = t.end - t.begin;
    switch (stream) {
      case DramStream::write:
        k.fill(c + t.begin, value, m);
        break;
      case DramStream::write_nt:
        k.fill_nt(c + t.begin, value, m);
        break;
      case DramStream::copy_nt:
        k.copy_nt(c + t.begin, a + t.begin, m);
        break;
      case DramStream::triad_nt:
        k.triad_nt(a + t.begin, b + t.begin, c + t.begin, s, m);
        break;
      case DramStream::read:
        break;
    }
  }
  return 0;
}

bool dram_stream_result_holds(DramStream stream, const StreamArrays& arrays, double returned) {
  const std::size_t n = arrays.size();
  switch (stream) {
    case DramStream::read: {
      // Exact while a's elements are small integers; the tolerance covers large ones (a grows
      // 15-fold with every round of STREAM's four kernels).
      const double expected = arrays.a.data()[0] * static_cast<double>(n);
      return std::abs(returned - expected) <= 1e-9 * std::abs(expected);
    }
    case DramStream::copy_nt:
      return stream_result_holds(StreamOp::copy, arrays);
    case DramStream::triad_nt:
      return stream_result_holds(StreamOp::triad, arrays);
    case DramStream::write:
    case DramStream::write_nt:
      break;
  }
  const double* c = arrays.c.data();
  const std::size_t stride = std::max<std::size_t>(n / 1000, 1);
  for (std::size_t i = 0; i < n; i += stride) {
    if (c[i] != c[0]) return false;
  }
  return n == 0 || c[n - 1] == c[0];
}

std::string_view to_string(SweepKernel kernel) {
  switch (kernel) {
    case SweepKernel::read:
      return "read";
    case SweepKernel::write:
      return "write";
    case SweepKernel::copy:
      break;
  }
  return "copy";
}

void run_write_sweep(Simd simd, double* x, std::size_t n, int passes) {
  const SimdKernels& k = kernels_for(simd);
  const double value = n > 0 ? x[0] : 0;
#pragma omp parallel
  {
    const Slice t = thread_slice(n);
    for (int p = 0; p < passes; ++p) k.fill(x + t.begin, value, t.end - t.begin);
  }
}

void run_copy_sweep(Simd simd, double* x, std::size_t n, int passes) {
  const SimdKernels& k = kernels_for(simd);
  const std::size_t half = n / 2;
#pragma omp parallel
  {
    const Slice t = thread_slice(half);
    for (int p = 0; p < passes; ++p) k.copy(x + half + t.begin, x + t.begin, t.end - t.begin);
  }
}

double run_read_sweep(Simd simd, const double* x, std::size_t n, int passes) {
  const SimdKernels& k = kernels_for(simd);
  double sum = 0;
#pragma omp parallel reduction(+ : sum)
  {
    const Slice t = thread_slice(n);
    for (int p = 0; p < passes; ++p) sum += k.read_sum(x + t.begin, t.end - t.begin);
  }
  return sum;
}

void run_intensity(Simd simd, ThreadArray<float>& x, int fmas) {
  const SimdKernels& k = kernels_for(simd);
  float* p = x.data();
  const std::size_t n = x.size();
#pragma omp parallel
  {
    const Slice t = thread_slice(n);
    k.intensity(p + t.begin, t.end - t.begin, fmas, kHalf, kHalf);
  }
}

bool intensity_result_holds(const ThreadArray<float>& x) {
  const std::size_t stride = std::max<std::size_t>(x.size() / 1000, 1);
  for (std::size_t i = 0; i < x.size(); i += stride) {
    if (x.data()[i] != 1.0f) return false;
  }
  return x.size() == 0 || x.data()[x.size() - 1] == 1.0f;
}

}  // namespace roof::bench
