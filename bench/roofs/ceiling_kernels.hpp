#pragma once

// The kernels behind this machine's measured roofline (ERT-style): FMA chains for the compute
// ceilings, STREAM for DRAM bandwidth, a read sweep for each cache level, and one kernel whose
// FLOPs per byte is a parameter. Every function here runs on all OpenMP threads and uses the
// SIMD variant chosen at run time; bench_roofs times them, and other programs (bench_layers)
// can call measure_cpu_ceilings() for a quick probe. docs/roofs.md explains every count.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace roof::bench {

enum class Simd { baseline, avx2, avx512f };
std::string_view to_string(Simd simd);
bool simd_supported(Simd simd);  // what the CPU reports (__builtin_cpu_supports)
Simd widest_simd();
// widest_simd(), unless the environment variable ROOF_SIMD names another variant (avx512f, avx2,
// baseline). Throws std::runtime_error for an unknown or unsupported name.
Simd chosen_simd();

enum class Precision { fp32, fp64 };
std::string_view to_string(Precision precision);
int simd_lanes(Simd simd, Precision precision);
int fma_chains(Simd simd);  // independent accumulators per thread
int ceiling_threads();      // OpenMP's maximum: the "all cores" of every ceiling

// --- Compute ceiling ---------------------------------------------------------------------------

// FMA chains: every thread runs `repeats` rounds of acc = acc * 0.5 + 0.5 on fma_chains(simd)
// vectors. Returns the sum of every lane, which is exactly expected_fma_checksum(): each chain
// converges to 1.0 within 60 rounds, and the optimiser cannot know it.
double run_fma_chains(Simd simd, Precision precision, std::int64_t repeats);
double expected_fma_checksum(Simd simd, Precision precision);
// run_fma_chains, timed (the team's wall time), and whether every thread kept its core all along
// (its CPU time at least 98% of its wall time): on a shared machine a thread that another
// process pushed off its core holds the whole team up, and the run says nothing of the FMA units.
struct FmaRun {
  double checksum = 0;
  double seconds = 0;
  bool undisturbed = false;
};
FmaRun timed_fma_chains(Simd simd, Precision precision, std::int64_t repeats);
// FLOPs of one run_fma_chains call: threads x chains x lanes x 2 x repeats.
double fma_flops(Simd simd, Precision precision, std::int64_t repeats);

// The clock of every core at once, in GHz, from a chain of dependent integer adds (one cycle
// each on every x86 core) with `simd`'s FMAs beside it, so a core that lowers its clock for
// wide vectors (an AVX-512 licence) is measured at the lowered clock. Runs for about `seconds`;
// the mean over threads of each thread's best trial. 0 where unmeasurable (not x86-64).
double measure_clock_ghz(Simd simd, double seconds);
// FMA units per core: the environment variable ROOF_FMA_UNITS, else 2 (the two FMA ports of
// server cores since Haswell; Xeon Bronze and some Silver parts have one 512-bit unit).
int fma_units();
bool fma_units_from_environment();
// cores x lanes x FMA units x 2 FLOPs x clock. 0 for the baseline variant (no FMA).
double theoretical_peak_flops(Simd simd, Precision precision, int cores, double clock_ghz);

// --- Memory ------------------------------------------------------------------------------------

// A 2 MiB-aligned array first touched by the thread that later works on each part (the same
// static split every kernel here uses), so on a NUMA machine each page lives near its thread.
// `huge_pages` asks Linux for transparent huge pages (fewer TLB misses in the sweeps); where
// they are opt-in that can stall the first touch a second or two while the kernel compacts
// memory, which a quick probe cannot afford.
template <typename T>
class ThreadArray {
 public:
  ThreadArray(std::size_t n, T value, bool huge_pages = true);
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  std::size_t size() const { return n_; }
  std::size_t bytes() const { return n_ * sizeof(T); }

 private:
  struct Free {
    void operator()(T* p) const;
  };
  std::unique_ptr<T[], Free> data_;
  std::size_t n_ = 0;
};
extern template class ThreadArray<double>;
extern template class ThreadArray<float>;

// STREAM's arrays and scalar, with STREAM's a = 1 and b = 2 but c = 1, not 0: no array ever
// holds zeros, whatever order the cases run in. STREAM runs copy first; here a filter or
// random interleaving may run scale first, which with c = 0 would write zeros into b, and the
// triad then zeros into a, and stores of zeros can run at twice the bandwidth of others on some
// machines (a write stream of zeros measured 176 GB/s where the same stream of ones measured 78).
struct StreamArrays {
  static constexpr double scalar = 3.0;
  explicit StreamArrays(std::size_t n, bool huge_pages = true)
      : a(n, 1.0, huge_pages), b(n, 2.0, huge_pages), c(n, 1.0, huge_pages) {}
  std::size_t size() const { return a.size(); }
  ThreadArray<double> a, b, c;
};

enum class StreamOp { copy, scale, add, triad };
std::string_view to_string(StreamOp op);
// STREAM's own counting: the arrays an op names, 8 bytes per element each, no write-allocate
// traffic: copy and scale 16 B per element, add and triad 24 B.
double stream_bytes(StreamOp op, std::size_t n);
// copy c = a, scale b = s c, add c = a + b, triad a = b + s c, on every thread.
void run_stream(Simd simd, StreamOp op, StreamArrays& arrays);
// The reference: triad as the simplest `#pragma omp parallel for` loop, compiled with the same
// flags as the library and no target attribute (plain_triad.cpp).
void run_plain_triad(StreamArrays& arrays);
// Each op, run any number of times, leaves its output equal to its formula of its inputs:
// checks that on sampled elements (exact, the same operations in the same order).
bool stream_result_holds(StreamOp op, const StreamArrays& arrays);

// The DRAM streams STREAM leaves out, on STREAM's arrays: `read` sums a (loads only), `write`
// fills c with ordinary stores, `write_nt` with non-temporal ones, `copy_nt` and `triad_nt` are
// STREAM's copy and triad with non-temporal stores. Ordinary stores read every line before
// writing it (write-allocate), so a write stream moves twice the bytes it counts; non-temporal
// stores do not, which is why they can beat every STREAM kernel (docs/roofs.md).
enum class DramStream { read, write, write_nt, copy_nt, triad_nt };
std::string_view to_string(DramStream stream);  // "read", "write", "write_nt", ...
// Non-temporal stores need x86-64 (SSE2 has them); elsewhere only read and write run.
bool dram_stream_supported(Simd simd, DramStream stream);
// STREAM's counting, the arrays the stream names at 8 bytes an element: 8 B per element for
// read, write and write_nt, 16 for copy_nt, 24 for triad_nt.
double dram_stream_bytes(DramStream stream, std::size_t n);
// Runs the stream on every thread; returns the read's sum, 0 for the others. Every array stays
// uniform (all its elements equal), which every check of STREAM's arrays relies on: the writes
// store the value c already holds.
double run_dram_stream(Simd simd, DramStream stream, StreamArrays& arrays);
// The stream's formula holds on sampled elements (and the read's sum is a's value times n).
bool dram_stream_result_holds(DramStream stream, const StreamArrays& arrays, double returned);

// The working-set sweeps, one kernel each, every thread on its part: `read` sums x[0..n)
// `passes` times and returns the sum; `write` stores x[0]'s value over x[0..n) `passes` times;
// `copy` copies x[0..n/2) to x[n/2..n) `passes` times (a uniform x stays uniform). Counted
// bytes: n x 8 a pass for each (the copy's reads and writes together).
enum class SweepKernel { read, write, copy };
std::string_view to_string(SweepKernel kernel);
double run_read_sweep(Simd simd, const double* x, std::size_t n, int passes);
void run_write_sweep(Simd simd, double* x, std::size_t n, int passes);
void run_copy_sweep(Simd simd, double* x, std::size_t n, int passes);

// The intensity kernel: x[i] = x[i] * 0.5 + 0.5, `fmas` times in a row on every element, in
// place (a read and a write of 4 bytes: fmas / 4 FLOP per byte). Elements equal to 1.0 stay
// 1.0, which intensity_result_holds checks.
void run_intensity(Simd simd, ThreadArray<float>& x, int fmas);
bool intensity_result_holds(const ThreadArray<float>& x);

// --- The quick probe ---------------------------------------------------------------------------

struct CpuCeilings {
  double fma_fp32_flops = 0;  // FLOP/s, all cores
  double fma_fp64_flops = 0;
  double triad_bytes_per_second = 0;  // STREAM counting
  std::string simd;
  double clock_ghz = 0;  // under `simd` load, all cores
};

// The ceilings in about `seconds_budget` plus the first touch of the triad's arrays (0.3 s gives
// the FMA rates within a few percent). The triad runs on arrays of half the last-level cache
// each (1.5x it in all), far smaller than bench_roofs' 4x each, so it can differ by a few percent
// (5% low on the machine docs/roofs.md describes); bench_roofs is the reference.
CpuCeilings measure_cpu_ceilings(double seconds_budget);

}  // namespace roof::bench
