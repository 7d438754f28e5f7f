#pragma once

// The single-thread bodies of the ceiling kernels, one table per instruction set. Each variant
// is compiled for its own target with __attribute__((target(...))), never with -march=native,
// so one binary runs on any x86-64 and picks the widest table the CPU has at run time
// (ceiling_kernels.cpp). The OpenMP drivers there split the work; nothing here is parallel.

#include <cstddef>
#include <cstdint>

#include "bench/roofs/ceiling_kernels.hpp"

namespace roof::bench::detail {

struct SimdKernels {
  int fp32_lanes = 1;
  int fp64_lanes = 1;
  int chains = 1;  // independent FMA accumulators, a vector each

  // `repeats` rounds of acc = acc * a + b on every accumulator; returns the sum of every lane of
  // every accumulator, so the work cannot be dropped and can be checked.
  float (*fma_fp32)(std::int64_t repeats, float a, float b) = nullptr;
  double (*fma_fp64)(std::int64_t repeats, double a, double b) = nullptr;
  // 100 x `blocks` dependent integer adds (one cycle each), with this width's FMAs beside them
  // so the core runs at the clock it keeps while those FMA units are busy. Returns a value that
  // depends on the chain.
  std::uint64_t (*clock_chain)(std::int64_t blocks) = nullptr;

  // STREAM, on n elements.
  void (*copy)(double* c, const double* a, std::size_t n) = nullptr;
  void (*scale)(double* b, const double* c, double s, std::size_t n) = nullptr;
  void (*add)(double* c, const double* a, const double* b, std::size_t n) = nullptr;
  void (*triad)(double* a, const double* b, const double* c, double s, std::size_t n) = nullptr;

  // The streams STREAM leaves out. fill writes x[0..n) = value with ordinary stores, which on
  // x86 first read each line into the cache (write-allocate); the _nt variants store around the
  // caches (non-temporal stores, each line written whole, nothing read), then fence, so their
  // bytes really are the bytes moved.
  void (*fill)(double* x, double value, std::size_t n) = nullptr;
  void (*fill_nt)(double* x, double value, std::size_t n) = nullptr;
  void (*copy_nt)(double* c, const double* a, std::size_t n) = nullptr;
  void (*triad_nt)(double* a, const double* b, const double* c, double s, std::size_t n) = nullptr;

  // Sum of x[0..n), with enough accumulators to keep both load ports busy.
  double (*read_sum)(const double* x, std::size_t n) = nullptr;
  // x[i] = x[i] * a + b, `fmas` times in a row on every element, in place.
  void (*intensity)(float* x, std::size_t n, int fmas, float a, float b) = nullptr;
};

// Null function pointers where the build has no such variant (a non-x86 target).
extern const SimdKernels avx512f_kernels;
extern const SimdKernels avx2_kernels;
extern const SimdKernels baseline_kernels;
const SimdKernels& kernels_for(Simd simd);

// The plain loops of STREAM. Inlined into each target-attributed wrapper, they are vectorised
// for that wrapper's instruction set: one source, three compilations.
[[gnu::always_inline]] inline void copy_loop(double* c, const double* a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) c[i] = a[i];
}
[[gnu::always_inline]] inline void scale_loop(double* b, const double* c, double s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) b[i] = s * c[i];
}
[[gnu::always_inline]] inline void add_loop(double* c, const double* a, const double* b,
                                            std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
[[gnu::always_inline]] inline void fill_loop(double* x, double value, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] = value;
}
[[gnu::always_inline]] inline void triad_loop(double* a, const double* b, const double* c, double s,
                                              std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
}

// Where a non-temporal stream's vector loop starts: the elements of `out` before its first
// `Width`-double boundary (a streaming store must be aligned to its width), at most n. Before
// it and after the last whole vector the streams store one element at a time.
template <std::size_t Width>
std::size_t unaligned_head(const double* out, std::size_t n) {
  constexpr std::size_t kBytes = Width * sizeof(double);
  const std::size_t misalignment = reinterpret_cast<std::uintptr_t>(out) % kBytes;
  const std::size_t head = misalignment == 0 ? 0 : (kBytes - misalignment) / sizeof(double);
  return head < n ? head : n;
}

}  // namespace roof::bench::detail
