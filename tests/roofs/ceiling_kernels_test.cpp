// The ceiling kernels compute what they should, in every SIMD variant this CPU has: a ceiling
// from a kernel that skipped work would be a lie. Small arrays, nothing timed.
#include <gtest/gtest.h>

#include <cstdlib>

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/machine.hpp"
#include "bench/roofs/simd_kernels.hpp"

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
    // STREAM's sequence from a = 1, b = 2 (and c = 1): c = 1, b = 3, c = 4, a = 15.
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

// Distinct values, so a skipped or misplaced element shows.
void fill_distinct(ThreadArray<double>& x, double offset) {
  for (std::size_t i = 0; i < x.size(); ++i) x.data()[i] = offset + static_cast<double>(i % 977);
}

TEST(CeilingKernels, DramStreamsComputeTheirFormulaOnEveryElement) {
  for (Simd simd : variants()) {
    StreamArrays arrays(1000 * 16 + 7);
    const std::size_t n = arrays.size();
    const double* a = arrays.a.data();
    const double* b = arrays.b.data();
    const double* c = arrays.c.data();
    for (DramStream write : {DramStream::write, DramStream::write_nt}) {
      if (!dram_stream_supported(simd, write)) continue;
      fill_distinct(arrays.c, 5);  // c[0] = 5: the value the writes store everywhere
      EXPECT_EQ(run_dram_stream(simd, write, arrays), 0);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(c[i], 5.0) << to_string(simd) << " " << i;
      EXPECT_TRUE(dram_stream_result_holds(write, arrays, 0));
    }
    if (dram_stream_supported(simd, DramStream::copy_nt)) {
      fill_distinct(arrays.a, 1);
      run_dram_stream(simd, DramStream::copy_nt, arrays);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(c[i], a[i]) << to_string(simd) << " " << i;
      EXPECT_TRUE(dram_stream_result_holds(DramStream::copy_nt, arrays, 0));
    }
    if (dram_stream_supported(simd, DramStream::triad_nt)) {
      fill_distinct(arrays.b, 2);
      run_dram_stream(simd, DramStream::triad_nt, arrays);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(a[i], b[i] + 3 * c[i]) << to_string(simd) << " " << i;
      }
    }
    StreamArrays uniform(4099);
    EXPECT_EQ(run_dram_stream(simd, DramStream::read, uniform), 4099.0) << to_string(simd);
    EXPECT_TRUE(dram_stream_result_holds(DramStream::read, uniform, 4099.0));
    EXPECT_FALSE(dram_stream_result_holds(DramStream::read, uniform, 4098.0));
    uniform.c.data()[4096] = 7;  // the check of the writes notices a wrong element
    EXPECT_FALSE(dram_stream_result_holds(DramStream::write, uniform, 0));
  }
}

// The non-temporal kernels store one element at a time up to the first aligned vector and after
// the last: every offset of the start and every length of the tail, and nothing outside.
TEST(CeilingKernels, NonTemporalStoresHandleEveryAlignmentAndTail) {
  for (Simd simd : variants()) {
    const detail::SimdKernels& k = detail::kernels_for(simd);
    if (k.copy_nt == nullptr) continue;
    for (std::size_t offset = 0; offset < 9; ++offset) {
      for (std::size_t n : {0, 1, 3, 8, 17, 40}) {
        ThreadArray<double> src(64, 0), dst(64, -1), fill(64, -1), triad(64, -1);
        fill_distinct(src, 1);
        k.copy_nt(dst.data() + offset, src.data() + offset, n);
        k.fill_nt(fill.data() + offset, 4, n);
        k.triad_nt(triad.data() + offset, src.data() + offset, src.data() + offset, 3, n);
        for (std::size_t i = 0; i < 64; ++i) {
          const bool inside = i >= offset && i < offset + n;
          const double s = src.data()[i];
          ASSERT_EQ(dst.data()[i], inside ? s : -1) << to_string(simd) << " " << offset << " " << n;
          ASSERT_EQ(fill.data()[i], inside ? 4 : -1) << to_string(simd) << " " << offset;
          ASSERT_EQ(triad.data()[i], inside ? s + 3 * s : -1) << to_string(simd) << " " << offset;
        }
      }
    }
  }
}

TEST(CeilingKernels, DramStreamsCountTheArraysTheyName) {
  EXPECT_EQ(dram_stream_bytes(DramStream::read, 100), 800);
  EXPECT_EQ(dram_stream_bytes(DramStream::write, 100), 800);
  EXPECT_EQ(dram_stream_bytes(DramStream::write_nt, 100), 800);
  EXPECT_EQ(dram_stream_bytes(DramStream::copy_nt, 100), 1600);
  EXPECT_EQ(dram_stream_bytes(DramStream::triad_nt, 100), 2400);
}

TEST(CeilingKernels, WriteAndCopySweepsStoreEveryElementOfTheirWorkingSet) {
  for (Simd simd : variants()) {
    ThreadArray<double> x(4099, 0);
    fill_distinct(x, 6);
    run_write_sweep(simd, x.data(), 3001, 2);
    for (std::size_t i = 0; i < 3001; ++i) ASSERT_EQ(x.data()[i], 6.0) << to_string(simd) << i;
    EXPECT_EQ(x.data()[3001], 6.0 + 3001 % 977);  // outside the working set: untouched
    fill_distinct(x, 1);
    run_copy_sweep(simd, x.data(), 4098, 3);
    for (std::size_t i = 0; i < 2049; ++i) {
      ASSERT_EQ(x.data()[2049 + i], x.data()[i]) << to_string(simd) << " " << i;
    }
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
