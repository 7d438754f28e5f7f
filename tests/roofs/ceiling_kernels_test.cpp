// The ceiling kernels compute what they should, in every SIMD variant this CPU has: a ceiling
// from a kernel that skipped work would be a lie. Small arrays, nothing timed.
#include <gtest/gtest.h>

#include <cstdlib>

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/machine.hpp"

namespace roof::bench {
namespace {

std::vector<Simd> variants() {
  std::vector<Simd> out;
  for (Simd simd : {Simd::baseline, Simd::avx2, Simd::avx512f}) {
    if (simd_supported(simd)) out.push_back(simd);
  }
  return out;
}

TEST(CeilingKernels, FmaChainsConvergeToOneInEveryLane) {
  for (Simd simd : variants()) {
    for (Precision p : {Precision::fp32, Precision::fp64}) {
      EXPECT_EQ(run_fma_chains(simd, p, 64), expected_fma_checksum(simd, p)) << to_string(simd);
      EXPECT_DOUBLE_EQ(fma_flops(simd, p, 10), 20 * expected_fma_checksum(simd, p));
    }
  }
}

TEST(CeilingKernels, StreamOpsLeaveTheirFormulasTrue) {
  // An odd size: every variant's vector loop and its scalar tail, split over the threads.
  for (Simd simd : variants()) {
    StreamArrays arrays(1000 * 16 + 7);
    for (StreamOp op : {StreamOp::copy, StreamOp::scale, StreamOp::add, StreamOp::triad}) {
      run_stream(simd, op, arrays);
      EXPECT_TRUE(stream_result_holds(op, arrays)) << to_string(simd) << " " << to_string(op);
    }
    // STREAM's sequence from a = 1, b = 2, c = 0: c = 1, b = 3, c = 4, a = 15.
    EXPECT_EQ(arrays.a.data()[arrays.size() - 1], 15.0);
    EXPECT_EQ(arrays.b.data()[0], 3.0);
    EXPECT_EQ(arrays.c.data()[arrays.size() / 2], 4.0);
    run_plain_triad(arrays);
    EXPECT_TRUE(stream_result_holds(StreamOp::triad, arrays));
  }
}

TEST(CeilingKernels, StreamCountsTwoOrThreeArraysOfEightBytes) {
  EXPECT_EQ(stream_bytes(StreamOp::copy, 100), 1600);
  EXPECT_EQ(stream_bytes(StreamOp::scale, 100), 1600);
  EXPECT_EQ(stream_bytes(StreamOp::add, 100), 2400);
  EXPECT_EQ(stream_bytes(StreamOp::triad, 100), 2400);
}

TEST(CeilingKernels, ReadSweepReadsEveryElementEveryPass) {
  for (Simd simd : variants()) {
    const ThreadArray<double> x(4099, 2.0);
    EXPECT_EQ(run_read_sweep(simd, x.data(), x.size(), 3), 3 * 2.0 * 4099) << to_string(simd);
    EXPECT_EQ(run_read_sweep(simd, x.data(), 100, 1), 200.0) << to_string(simd);
  }
}

TEST(CeilingKernels, IntensityKernelKeepsItsFixedPoint) {
  for (Simd simd : variants()) {
    ThreadArray<float> x(3000 + 5, 1.0f);
    for (int fmas : {1, 7, 64}) run_intensity(simd, x, fmas);
    EXPECT_TRUE(intensity_result_holds(x)) << to_string(simd);
    x.data()[0] = 3.0f;  // the check notices a wrong element
    EXPECT_FALSE(intensity_result_holds(x));
  }
}

TEST(CeilingKernels, TheoreticalPeakIsCoresLanesUnitsTwoAndClock) {
  if (!simd_supported(Simd::avx2)) GTEST_SKIP() << "no AVX2";
  ::setenv("ROOF_FMA_UNITS", "1", 1);
  EXPECT_DOUBLE_EQ(theoretical_peak_flops(Simd::avx2, Precision::fp32, 4, 2.5),
                   4 * 8 * 1 * 2 * 2.5e9);
  ::unsetenv("ROOF_FMA_UNITS");
  EXPECT_DOUBLE_EQ(theoretical_peak_flops(Simd::avx2, Precision::fp64, 4, 2.5),
                   4 * 4 * 2 * 2 * 2.5e9);
  EXPECT_EQ(theoretical_peak_flops(Simd::baseline, Precision::fp64, 4, 2.5), 0);
}

TEST(CeilingKernels, ClockIsPlausibleWhereItCanBeMeasured) {
  const double ghz = measure_clock_ghz(widest_simd(), 0.01);
#if defined(__x86_64__)
  EXPECT_GT(ghz, 0.2);
  EXPECT_LT(ghz, 10.0);
#else
  EXPECT_EQ(ghz, 0);
#endif
}

TEST(CeilingKernels, StreamArraysAreFourLastLevelCachesOrWhatFreeMemoryAllows) {
  CacheSizes caches;
  caches.llc = std::size_t{480} << 20;
  ::unsetenv("ROOF_STREAM_BYTES");
  EXPECT_EQ(stream_array_size(caches, std::size_t{24} << 30).bytes, 4 * caches.llc);
  EXPECT_EQ(stream_array_size(caches, std::size_t{6} << 30).bytes, std::size_t{1} << 30);
  ::setenv("ROOF_STREAM_BYTES", "64M", 1);
  EXPECT_EQ(stream_array_size(caches, 0).bytes, std::size_t{64} << 20);
  ::setenv("ROOF_STREAM_BYTES", "lots", 1);
  EXPECT_THROW(stream_array_size(caches, 0), std::runtime_error);
  ::unsetenv("ROOF_STREAM_BYTES");
}

TEST(CeilingKernels, SimdCanBeChosenButNotInvented) {
  ::setenv("ROOF_SIMD", "baseline", 1);
  EXPECT_EQ(chosen_simd(), Simd::baseline);
  ::setenv("ROOF_SIMD", "neon", 1);
  EXPECT_THROW(chosen_simd(), std::runtime_error);
  ::unsetenv("ROOF_SIMD");
  EXPECT_EQ(chosen_simd(), widest_simd());
}

}  // namespace
}  // namespace roof::bench
