#pragma once

// The one static split of an array over the OpenMP team that every ceiling kernel and every
// first touch uses, so each thread works on the pages it placed.

#include <cstddef>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace roof::bench {

struct Slice {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The calling thread's contiguous part of [0, n): equal parts, boundaries on multiples of 16
// elements (a 64-byte line of floats, two of doubles), the last thread taking the remainder.
inline Slice thread_slice(std::size_t n) {
#if defined(_OPENMP)
  const auto thread = static_cast<std::size_t>(omp_get_thread_num());
  const auto threads = static_cast<std::size_t>(omp_get_num_threads());
#else
  const std::size_t thread = 0;
  const std::size_t threads = 1;
#endif
  constexpr std::size_t kQuantum = 16;
  const std::size_t per_thread = n / threads / kQuantum * kQuantum;
  const std::size_t begin = thread * per_thread;
  return {begin, thread + 1 == threads ? n : begin + per_thread};
}

}  // namespace roof::bench
