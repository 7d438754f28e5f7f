#include "bench/roofs/roof_benchmarks.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "bench/common/byte_rate.hpp"
#include "bench/common/machine_load.hpp"

namespace roof::bench {
namespace {

using benchmark::Counter;
using benchmark::State;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The big arrays are allocated (and first touched) once, by the first benchmark that needs them,
// and live until the program ends: every STREAM, sweep and intensity case shares them.
StreamArrays& stream_arrays(std::size_t n) {
  static const auto arrays = std::make_unique<StreamArrays>(n);
  return *arrays;
}

ThreadArray<float>& intensity_array(std::size_t n) {
  static const auto array = std::make_unique<ThreadArray<float>>(n, 1.0f);
  return *array;
}

std::string fma_label(const RoofSetup& setup) {
  std::string label = std::string(to_string(setup.simd)) + ", " +
                      std::to_string(fma_chains(setup.simd)) + " chains x " +
                      std::to_string(setup.threads) + " threads on " + std::to_string(setup.cores) +
                      " cores";
  if (setup.simd == Simd::baseline) return label;  // no FMA, no theoretical peak
  return label += ", " + std::to_string(fma_units()) + " FMA units per core " +
                  (fma_units_from_environment() ? "(ROOF_FMA_UNITS)" : "(assumed)");
}

void fma_benchmark(State& state, const RoofSetup& setup, Precision precision) {
  // About 17 ms a run at 4 GHz: the fork and join of the team is noise beside it.
  constexpr std::int64_t kRepeats = std::int64_t{1} << 23;
  // A run in which another process took a core is run again (up to this many times in all): the
  // compute ceiling is what the cores do when they have the machine, and a shared machine rarely
  // leaves them alone for a whole second.
  constexpr int kAttempts = 10;
  const double clock_before = measure_clock_ghz(setup.simd, 0.02);
  FmaRun run;
  std::int64_t disturbed = 0;
  double timed_seconds = 0;
  for (auto _ : state) {
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
      run = timed_fma_chains(setup.simd, precision, kRepeats);
      if (run.undisturbed) break;
      ++disturbed;
    }
    benchmark::DoNotOptimize(run.checksum);
    state.SetIterationTime(run.seconds);
    timed_seconds += run.seconds;
  }
  // Around the run, not inside it; the higher of the two, as turbo steps the clock by 100 MHz
  // now and then and the peak must not read low.
  const double clock_ghz = std::max(clock_before, measure_clock_ghz(setup.simd, 0.02));
  if (run.checksum != expected_fma_checksum(setup.simd, precision)) {
    state.SkipWithError("FMA chains returned a wrong checksum");
    return;
  }
  const double per_run = fma_flops(setup.simd, precision, kRepeats);
  state.counters["flops"] = Counter(per_run, Counter::kIsIterationInvariantRate);
  state.counters["clock_ghz"] = clock_ghz;
  state.counters["disturbed_runs"] = static_cast<double>(disturbed);
  const double peak = theoretical_peak_flops(setup.simd, precision, setup.cores, clock_ghz);
  if (peak > 0) {
    // The same rate as `flops`: Google Benchmark divides by the timed (manual) seconds too.
    const double rate = per_run * static_cast<double>(state.iterations()) / timed_seconds;
    state.counters["theoretical_flops"] = peak;
    state.counters["fraction_of_theoretical"] = rate / peak;
    // Vector FMAs each core retired per cycle: the FMA units it really has, near enough.
    state.counters["fma_per_cycle"] =
        rate / (2.0 * simd_lanes(setup.simd, precision) * setup.cores * clock_ghz * 1e9);
  }
  state.SetLabel(fma_label(setup));
}

void set_bytes(State& state, double bytes_per_iteration) {
  set_bytes_per_second(state, bytes_per_iteration);
}

void stream_benchmark(State& state, const RoofSetup& setup, StreamOp op) {
  StreamArrays& arrays = stream_arrays(setup.stream_elements);
  for (auto _ : state) {
    run_stream(setup.simd, op, arrays);
    benchmark::ClobberMemory();
  }
  if (!stream_result_holds(op, arrays)) {
    state.SkipWithError("STREAM result check failed");
    return;
  }
  set_bytes(state, stream_bytes(op, arrays.size()));
  state.SetLabel(std::string(to_string(setup.simd)) + ", " + std::to_string(arrays.a.bytes()) +
                 " B per array");
}

// The triad ceiling and its goal: the plain loop runs in every iteration too, first or second in
// turn, so both see the same machine; only the roof kernel's time is the benchmark's.
void triad_benchmark(State& state, const RoofSetup& setup) {
  StreamArrays& arrays = stream_arrays(setup.stream_elements);
  double roof_seconds = 0;
  double plain_seconds = 0;
  bool plain_first = false;
  for (auto _ : state) {
    if (plain_first) {
      const auto t0 = Clock::now();
      run_plain_triad(arrays);
      plain_seconds += seconds_since(t0);
    }
    const auto t0 = Clock::now();
    run_stream(setup.simd, StreamOp::triad, arrays);
    const double seconds = seconds_since(t0);
    roof_seconds += seconds;
    state.SetIterationTime(seconds);
    if (!plain_first) {
      const auto t1 = Clock::now();
      run_plain_triad(arrays);
      plain_seconds += seconds_since(t1);
    }
    plain_first = !plain_first;
  }
  if (!stream_result_holds(StreamOp::triad, arrays)) {
    state.SkipWithError("STREAM triad result check failed");
    return;
  }
  const double bytes = stream_bytes(StreamOp::triad, arrays.size());
  set_bytes(state, bytes);
  state.counters["fraction_of_plain_triad"] = plain_seconds / roof_seconds;
  // In decimal units on the console, as bytes_per_second (bench/common/byte_rate.hpp).
  state.counters["plain_bytes_per_second"] =
      Counter(bytes * static_cast<double>(state.iterations()) / plain_seconds, Counter::kDefaults,
              Counter::kIs1000);
  state.SetLabel(std::string(to_string(setup.simd)) + ", " + std::to_string(arrays.a.bytes()) +
                 " B per array");
}

void dram_stream_benchmark(State& state, const RoofSetup& setup, DramStream stream) {
  StreamArrays& arrays = stream_arrays(setup.stream_elements);
  double returned = 0;
  for (auto _ : state) {
    returned = run_dram_stream(setup.simd, stream, arrays);
    benchmark::DoNotOptimize(returned);
    benchmark::ClobberMemory();
  }
  if (!dram_stream_result_holds(stream, arrays, returned)) {
    state.SkipWithError("DRAM stream result check failed");
    return;
  }
  set_bytes(state, dram_stream_bytes(stream, arrays.size()));
  const bool nt = stream == DramStream::write_nt || stream == DramStream::copy_nt ||
                  stream == DramStream::triad_nt;
  state.SetLabel(std::string(to_string(setup.simd)) + (nt ? " non-temporal stores" : "") + ", " +
                 std::to_string(arrays.a.bytes()) + " B per array");
}

void plain_triad_benchmark(State& state, const RoofSetup& setup) {
  StreamArrays& arrays = stream_arrays(setup.stream_elements);
  for (auto _ : state) {
    run_plain_triad(arrays);
    benchmark::ClobberMemory();
  }
  if (!stream_result_holds(StreamOp::triad, arrays)) {
    state.SkipWithError("plain triad result check failed");
    return;
  }
  set_bytes(state, stream_bytes(StreamOp::triad, arrays.size()));
  state.SetLabel("plain #pragma omp parallel for, " + std::to_string(arrays.a.bytes()) +
                 " B per array");
}

// Which level a working set fits: each thread reads its own part of it.
std::string cache_level(const RoofSetup& setup, std::size_t bytes) {
  const std::size_t per_thread = bytes / static_cast<std::size_t>(setup.threads);
  if (per_thread <= setup.caches.l1d) return "L1";
  if (per_thread <= setup.caches.l2) return "L2";
  if (bytes <= setup.caches.llc) {
    std::string level = "L";  // appended, not "L" + ...: GCC 12's -Wrestrict misfires on that
    return level += std::to_string(setup.caches.llc_level);
  }
  return "DRAM";
}

// Whether x[0..n) holds one value throughout (sampled, and the last element).
bool uniform(const double* x, std::size_t n) {
  const std::size_t stride = std::max<std::size_t>(n / 1000, 1);
  for (std::size_t i = 0; i < n; i += stride) {
    if (x[i] != x[0]) return false;
  }
  return n == 0 || x[n - 1] == x[0];
}

void cache_benchmark(State& state, const RoofSetup& setup, std::size_t bytes, SweepKernel kernel) {
  // The sweeps work on the start of STREAM's array a, whose elements are all equal and stay so.
  StreamArrays& arrays = stream_arrays(setup.stream_elements);
  double* x = arrays.a.data();
  const std::size_t n = bytes / sizeof(double);
  // At least 1 GiB an iteration (milliseconds even in L1): a working set of a few KiB must not
  // time the team's fork and join, nor, on a busy machine, the wait for a descheduled thread.
  const int passes = static_cast<int>(std::max<std::size_t>((std::size_t{1} << 30) / bytes, 1));
  double sum = 0;
  for (auto _ : state) {
    switch (kernel) {
      case SweepKernel::read:
        sum = run_read_sweep(setup.simd, x, n, passes);
        benchmark::DoNotOptimize(sum);
        break;
      case SweepKernel::write:
        run_write_sweep(setup.simd, x, n, passes);
        break;
      case SweepKernel::copy:
        run_copy_sweep(setup.simd, x, n, passes);
        break;
    }
    benchmark::ClobberMemory();
  }
  // Exact while the elements are small integers; the tolerance covers any order of the cases.
  const double expected = x[0] * static_cast<double>(n) * passes;
  const bool holds = kernel == SweepKernel::read
                         ? std::abs(sum - expected) <= 1e-9 * std::abs(expected)
                         : uniform(x, n);
  if (!holds) {
    state.SkipWithError((std::string(to_string(kernel)) + " sweep result check failed").c_str());
    return;
  }
  // The copy moves half its working set in and half out each pass: n x 8 bytes in all.
  set_bytes(state, static_cast<double>(n * sizeof(double)) * passes);
  state.SetLabel(cache_level(setup, bytes) + ", " + std::string(to_string(setup.simd)) + ", " +
                 std::string(to_string(kernel)));
}

void intensity_benchmark(State& state, const RoofSetup& setup, int fmas) {
  // As many bytes as one STREAM array, so the low intensities read and write DRAM.
  ThreadArray<float>& x = intensity_array(setup.stream_elements * sizeof(double) / sizeof(float));
  for (auto _ : state) {
    run_intensity(setup.simd, x, fmas);
    benchmark::ClobberMemory();
  }
  if (!intensity_result_holds(x)) {
    state.SkipWithError("intensity kernel result check failed");
    return;
  }
  const auto n = static_cast<double>(x.size());
  state.counters["flops"] = Counter(2.0 * fmas * n, Counter::kIsIterationInvariantRate);
  state.counters["flops_per_byte"] = fmas / 4.0;
  set_bytes(state, 2.0 * sizeof(float) * n);
  state.SetLabel(std::string(to_string(setup.simd)) + ", fp32, " + std::to_string(fmas) +
                 " FMA per element");
}

// Runs a ceiling's benchmark and records how much else the machine ran meanwhile: `other_load`
// and `steal`, shares of all the CPUs' time (bench/common/machine_load.hpp). bench_roofs and
// every program that loads its file warn when they are high (roofline/run_disturbance.hpp).
template <typename Body>
auto watched(Body body) {
  return [body](State& state) {
    const LoadWindow window;
    body(state);
    if (const double load = window.other_load(); load >= 0) state.counters["other_load"] = load;
    if (const double steal = window.steal(); steal >= 0) state.counters["steal"] = steal;
  };
}

}  // namespace

std::vector<std::size_t> cache_sweep_bytes(std::size_t stream_array_bytes) {
  std::vector<std::size_t> sizes;
  std::size_t bytes = std::size_t{16} << 10;
  for (; bytes < stream_array_bytes; bytes *= 2) sizes.push_back(bytes);
  sizes.push_back(stream_array_bytes / sizeof(double) * sizeof(double));
  return sizes;
}

std::vector<int> intensity_fmas() {
  std::vector<int> fmas;
  for (int f = 1; f <= 256; f *= 2) fmas.push_back(f);
  return fmas;
}

std::string flops_per_byte_name(int fmas) {
  char name[32];
  std::snprintf(name, sizeof name, "%g", fmas / 4.0);
  return name;
}

std::vector<std::string> register_roof_benchmarks(const RoofSetup& setup) {
  std::vector<std::string> names;
  // Every case's name is kept for the progress count (Google Benchmark 1.7 lists none).
  const auto real_time = [&names](benchmark::internal::Benchmark* b, const std::string& name) {
    b->UseRealTime();
    names.push_back(name);
  };
  for (Precision p : {Precision::fp32, Precision::fp64}) {
    const std::string name = "roof/fma_" + std::string(to_string(p));
    benchmark::RegisterBenchmark(name.c_str(),
                                 watched([setup, p](State& s) { fma_benchmark(s, setup, p); }))
        ->UseManualTime();
    names.push_back(name);
  }
  for (StreamOp op : {StreamOp::copy, StreamOp::scale, StreamOp::add}) {
    const std::string name = "roof/stream_" + std::string(to_string(op));
    real_time(benchmark::RegisterBenchmark(
                  name.c_str(), watched([setup, op](State& s) { stream_benchmark(s, setup, op); })),
              name);
  }
  benchmark::RegisterBenchmark("roof/stream_triad",
                               watched([setup](State& s) { triad_benchmark(s, setup); }))
      ->UseManualTime();
  names.push_back("roof/stream_triad");
  real_time(benchmark::RegisterBenchmark("roof/stream_triad_plain", watched([setup](State& s) {
                                           plain_triad_benchmark(s, setup);
                                         })),
            "roof/stream_triad_plain");
  for (DramStream stream : {DramStream::read, DramStream::write, DramStream::write_nt,
                            DramStream::copy_nt, DramStream::triad_nt}) {
    if (!dram_stream_supported(setup.simd, stream)) continue;
    const std::string name = "roof/dram/" + std::string(to_string(stream));
    real_time(benchmark::RegisterBenchmark(name.c_str(), watched([setup, stream](State& s) {
                                             dram_stream_benchmark(s, setup, stream);
                                           })),
              name);
  }
  // roof/cache/<bytes> is the read sweep, under the name it had before the others existed.
  for (SweepKernel kernel : {SweepKernel::read, SweepKernel::write, SweepKernel::copy}) {
    const std::string prefix = kernel == SweepKernel::read
                                   ? "roof/cache/"
                                   : "roof/cache_" + std::string(to_string(kernel)) + "/";
    for (std::size_t bytes : cache_sweep_bytes(setup.stream_elements * sizeof(double))) {
      const std::string name = prefix + std::to_string(bytes);
      real_time(
          benchmark::RegisterBenchmark(name.c_str(), watched([setup, bytes, kernel](State& s) {
                                         cache_benchmark(s, setup, bytes, kernel);
                                       })),
          name);
    }
  }
  for (int fmas : intensity_fmas()) {
    const std::string name = "roof/intensity/" + flops_per_byte_name(fmas);
    real_time(benchmark::RegisterBenchmark(name.c_str(), watched([setup, fmas](State& s) {
                                             intensity_benchmark(s, setup, fmas);
                                           })),
              name);
  }
  return names;
}

}  // namespace roof::bench
