// The quick probe other programs call at startup (bench_layers divides by these): the same
// kernels as bench_roofs, fewer and shorter runs, the best of each.
#include <algorithm>
#include <chrono>
#include <cstdint>

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/machine.hpp"

namespace roof::bench {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs `work` (which returns the units it did) until `seconds` pass, at least twice; the best
// rate, as the first run pays for warming the core and touching the pages.
template <typename Work>
double best_rate(double seconds, Work work) {
  double best = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int run = 0; run < 2 || seconds_since(start) < seconds; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    const double units = work();
    best = std::max(best, units / seconds_since(t0));
  }
  return best;
}

double fma_rate(Simd simd, Precision precision, double seconds) {
  // About 2 ms a run at 4 GHz with two FMA units.
  const std::int64_t repeats = 1 << 19;
  return best_rate(seconds, [&] {
    run_fma_chains(simd, precision, repeats);
    return fma_flops(simd, precision, repeats);
  });
}

}  // namespace

CpuCeilings measure_cpu_ceilings(double seconds_budget) {
  const Simd simd = chosen_simd();
  CpuCeilings c;
  c.simd = std::string(to_string(simd));
  c.clock_ghz = measure_clock_ghz(simd, 0.1 * seconds_budget);
  c.fma_fp32_flops = fma_rate(simd, Precision::fp32, 0.15 * seconds_budget);
  c.fma_fp64_flops = fma_rate(simd, Precision::fp64, 0.15 * seconds_budget);

  // Half a last-level cache per array: the three overflow it, and touching them (in small
  // pages, whose cost is predictable) takes a fraction of a second.
  const CacheSizes caches = cache_sizes();
  const std::size_t cap =
      std::max<std::size_t>(available_memory_bytes() / 8, std::size_t{32} << 20);
  const std::size_t bytes = std::clamp(caches.llc / 2, std::size_t{32} << 20, cap);
  StreamArrays arrays(bytes / sizeof(double), false);
  c.triad_bytes_per_second = best_rate(0.4 * seconds_budget, [&] {
    run_stream(simd, StreamOp::triad, arrays);
    return stream_bytes(StreamOp::triad, arrays.size());
  });
  return c;
}

}  // namespace roof::bench
