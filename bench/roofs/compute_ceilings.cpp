// The compute ceiling: FMA chains on every thread, the clock they run at, the theoretical peak.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/simd_kernels.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace roof::bench {
namespace {

using detail::kernels_for;
using detail::SimdKernels;

// The chains' a and b, so every accumulator converges to exactly 1.0: x - 1 halves each round,
// exactly, until it is below half an ulp of 1.
constexpr double kHalf = 0.5;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of the calling thread (POSIX), to tell a run that kept its core from one that did not.
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

FmaRun timed_fma_chains(Simd simd, Precision precision, std::int64_t repeats) {
  const SimdKernels& k = kernels_for(simd);
  double checksum = 0;
  int disturbed = 0;
  const auto start = std::chrono::steady_clock::now();
#pragma omp parallel reduction(+ : checksum, disturbed)
  {
    const double cpu_start = thread_cpu_seconds();
    const auto wall_start = std::chrono::steady_clock::now();
    checksum += precision == Precision::fp32
                    ? k.fma_fp32(repeats, static_cast<float>(kHalf), static_cast<float>(kHalf))
                    : k.fma_fp64(repeats, kHalf, kHalf);
    const double wall = seconds_since(wall_start);
    disturbed += thread_cpu_seconds() - cpu_start < 0.98 * wall ? 1 : 0;
  }
  return {checksum, seconds_since(start), disturbed == 0};
}

double run_fma_chains(Simd simd, Precision precision, std::int64_t repeats) {
  return timed_fma_chains(simd, precision, repeats).checksum;
}

double expected_fma_checksum(Simd simd, Precision precision) {
  return static_cast<double>(ceiling_threads()) * fma_chains(simd) * simd_lanes(simd, precision);
}

double fma_flops(Simd simd, Precision precision, std::int64_t repeats) {
  return 2.0 * expected_fma_checksum(simd, precision) * static_cast<double>(repeats);
}

double measure_clock_ghz(Simd simd, double seconds) {
  const SimdKernels& k = kernels_for(simd);
  if (k.clock_chain == nullptr) return 0;
  // Trials of about a millisecond at 4 GHz each; several, as any one can lose the core.
  constexpr std::int64_t kBlocks = 40'000;  // x 100 cycles
  constexpr int kTrialsPerCall = 8;
  const int threads = ceiling_threads();
  std::vector<double> best(static_cast<std::size_t>(threads), 0.0);
  const auto start = std::chrono::steady_clock::now();
  do {
#pragma omp parallel
    {
#if defined(_OPENMP)
      const auto t = static_cast<std::size_t>(omp_get_thread_num());
#else
      const std::size_t t = 0;
#endif
      for (int trial = 0; trial < kTrialsPerCall; ++trial) {
        const auto t0 = std::chrono::steady_clock::now();
        volatile std::uint64_t sink = k.clock_chain(kBlocks);
        (void)sink;
        const double ghz = 100.0 * kBlocks / seconds_since(t0) / 1e9;
        best[t] = std::max(best[t], ghz);
      }
    }
  } while (seconds_since(start) < seconds);
  double sum = 0;
  for (double ghz : best) sum += ghz;
  return sum / threads;
}

int fma_units() {
  const char* text = std::getenv("ROOF_FMA_UNITS");
  if (text == nullptr) return 2;
  // One digit, 1 to 8, and nothing else: atoi would read "1e9" or "1.5" as 1.
  const std::string value = text;
  const int units = value.size() == 1 ? value[0] - '0' : 0;
  if (units < 1 || units > 8) {
    throw std::runtime_error("ROOF_FMA_UNITS=" + std::string(text) + ": expected 1 to 8");
  }
  return units;
}

bool fma_units_from_environment() {
  return std::getenv("ROOF_FMA_UNITS") != nullptr;
}

double theoretical_peak_flops(Simd simd, Precision precision, int cores, double clock_ghz) {
  if (simd == Simd::baseline) return 0;
  return cores * simd_lanes(simd, precision) * fma_units() * 2.0 * clock_ghz * 1e9;
}

}  // namespace roof::bench
