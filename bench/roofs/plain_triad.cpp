// The reference for the triad goal: STREAM's triad as anyone would first write it, one
// `#pragma omp parallel for` loop with the default (static) schedule, compiled with exactly the
// library's flags and no target attribute. roof/stream_triad should reach 95% of it or more.
#include "bench/roofs/ceiling_kernels.hpp"

namespace roof::bench {

void run_plain_triad(StreamArrays& arrays) {
  double* a = arrays.a.data();
  const double* b = arrays.b.data();
  const double* c = arrays.c.data();
  const double s = StreamArrays::scalar;
  const auto n = static_cast<long>(arrays.size());
#pragma omp parallel for
  for (long i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
}

}  // namespace roof::bench
