// bench_roofs' GPU ceilings. On any machine: the names, the one-line no-GPU message, the buffer
// sizes, the work counts and the exact host values the kernels are checked against. On a GPU:
// every ceiling runs through Google Benchmark as bench_roofs runs it, verifies its result and
// reports a positive rate.
#include <gtest/gtest.h>

#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/roofs/gpu/ceiling_math.hpp"
#include "bench/roofs/gpu/gpu_device.hpp"
#include "bench/roofs/gpu/gpu_roof_benchmarks.hpp"
#include "kernels/cuda/device_probe.hpp"

namespace roof::bench::gpu {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

GpuDevice h100_like() {
  GpuDevice gpu;
  gpu.index = 0;
  gpu.name = "H100-like";
  gpu.major = 9;
  gpu.minor = 0;
  gpu.sm_count = 132;
  gpu.sm_clock_khz = 1980000;
  gpu.memory_clock_khz = 2619000;
  gpu.memory_bus_bits = 5120;
  gpu.l2_bytes = 50 * kMiB;
  return gpu;
}

std::vector<std::string> names_of(const GpuDevice& gpu) {
  std::vector<std::string> names;
  for (const GpuRoofCase& c : gpu_roof_cases(GpuCase{gpu, {}})) names.push_back(c.name);
  return names;
}

TEST(GpuRoofNames, EveryCeilingOfTheIssueIsRegisteredUnderItsGpusIndex) {
  GpuDevice gpu = h100_like();
  gpu.index = 1;
  const std::vector<std::string> expected = {
      "roof/gpu1/fma_fp32",    "roof/gpu1/fma_fp16",       "roof/gpu1/gemm_fp16_tensor",
      "roof/gpu1/gemm_tf32",   "roof/gpu1/dram_copy",      "roof/gpu1/dram_triad",
      "roof/gpu1/l2",          "roof/gpu1/intensity/0.25", "roof/gpu1/intensity/0.5",
      "roof/gpu1/intensity/1", "roof/gpu1/intensity/2",    "roof/gpu1/intensity/4",
      "roof/gpu1/intensity/8", "roof/gpu1/intensity/16",   "roof/gpu1/intensity/32",
      "roof/gpu1/intensity/64"};
  EXPECT_EQ(names_of(gpu), expected);
}

TEST(GpuRoofNames, TuringHasNoTf32Row) {
  GpuDevice gpu = h100_like();
  gpu.major = 7;
  gpu.minor = 5;
  for (const std::string& name : names_of(gpu)) EXPECT_EQ(name.find("tf32"), std::string::npos);
}

TEST(GpuRoofRegistration, WithoutAGpuOneLineSaysWhyAndNothingIsRegistered) {
  cuda::CudaProbe probe;
  probe.unavailable_reason =
      "cudaErrorInsufficientDriver: CUDA driver version is insufficient for CUDA runtime version";
  std::ostringstream err;
  EXPECT_EQ(register_gpu_roof_benchmarks(probe, err), 0);
  EXPECT_EQ(err.str(),
            "bench_roofs: no CUDA device found (cudaErrorInsufficientDriver: CUDA driver version "
            "is insufficient for CUDA runtime version); GPU ceilings skipped\n");
}

TEST(GpuPeaks, TheoreticalPeaksFollowTheWhitepapers) {
  const GpuDevice gpu = h100_like();
  // H100 SXM: 132 SMs x 128 lanes x 2 x 1.98 GHz = 66.9 TFLOP/s; fp16 twice; 3.35 TB/s.
  EXPECT_NEAR(theoretical_fp32_flops(gpu), 66.9e12, 0.1e12);
  EXPECT_NEAR(theoretical_fp16_flops(gpu), 133.8e12, 0.2e12);
  EXPECT_NEAR(theoretical_dram_bytes_per_second(gpu), 3.35e12, 0.01e12);
  EXPECT_EQ(fp32_lanes_per_sm(8, 0), 64);   // A100
  EXPECT_EQ(fp16_lanes_per_sm(8, 0), 256);  // A100: 78 TFLOP/s fp16 against 19.5 fp32
  EXPECT_EQ(fp32_lanes_per_sm(8, 6), 128);  // GA102
  EXPECT_EQ(fp32_lanes_per_sm(6, 0), 0);    // Pascal: not a CUDA 13 target, not in the table
  GpuDevice unknown = gpu;
  unknown.major = 6;
  EXPECT_EQ(theoretical_fp32_flops(unknown), 0.0);
}

TEST(CeilingSizes, DramArraysAreEightTimesTheL2AndFitInMemory) {
  const ArrayPlan h100 = dram_array_bytes(50 * kMiB, 80ull << 30, 3);
  EXPECT_EQ(h100.bytes, 400 * kMiB);
  EXPECT_EQ(h100.reason, "8x the L2");
  const ArrayPlan t4 = dram_array_bytes(4 * kMiB, 15ull << 30, 3);
  EXPECT_EQ(t4.bytes, 256 * kMiB);  // the floor, well over 8x a 4 MiB L2
  // 1 GiB free, three arrays: 3/4 of it is 256 MiB each, still over 8x a 16 MiB L2.
  const ArrayPlan tight = dram_array_bytes(40 * kMiB, 1ull << 30, 3);
  EXPECT_EQ(tight.bytes, 0u) << tight.reason;  // 8x 40 MiB = 320 MiB does not fit
  const ArrayPlan capped = dram_array_bytes(16 * kMiB, 1ull << 30, 3);
  EXPECT_EQ(capped.bytes, 256 * kMiB);
  EXPECT_EQ(capped.bytes % 16, 0u);
}

TEST(CeilingSizes, L2WorkingSetIsHalfTheL2ReadForGigabytes) {
  EXPECT_EQ(l2_working_set_bytes(50 * kMiB), 25 * kMiB);
  EXPECT_EQ(l2_working_set_bytes(40 * kMiB + 24), 20 * kMiB + 0);  // whole float4s
  EXPECT_EQ(l2_passes(25 * kMiB), 163);                            // 4 GiB / 25 MiB
  EXPECT_EQ(l2_passes(0), 1);
  // A grid-stride loop of 10 threads over 25 items: threads 0-4 take 3, 5-9 take 2.
  EXPECT_EQ(grid_stride_count(0, 10, 25), 3);
  EXPECT_EQ(grid_stride_count(4, 10, 25), 3);
  EXPECT_EQ(grid_stride_count(5, 10, 25), 2);
  EXPECT_EQ(grid_stride_count(30, 64, 25), 0);
}

TEST(CeilingWork, FlopsCountTwoPerFmaAndTwoFmasPerHalf2) {
  EXPECT_EQ(fma_fp32_flops(1000, 10), 2.0 * kFmaChains * 10 * 1000);
  EXPECT_EQ(fma_fp16_flops(1000, 10), 4.0 * kFmaChains * 10 * 1000);
}

TEST(CeilingValues, Fp16RoundingIsToNearestEven) {
  EXPECT_EQ(round_to_fp16(1.0), 1.0);
  EXPECT_EQ(round_to_fp16(1.0 + std::ldexp(1.0, -11)), 1.0);  // a tie: to the even 1.0
  EXPECT_EQ(round_to_fp16(1.0 + 3 * std::ldexp(1.0, -11)), 1.0 + std::ldexp(1.0, -9));
  EXPECT_EQ(round_to_fp16(0.999), 1.0 - std::ldexp(1.0, -10));
  EXPECT_EQ(round_to_fp16(-2.5), -2.5);
}

TEST(CeilingValues, ChainsStartExactlyInFp16AndConvergeToTheFixedPoint) {
  for (std::int64_t t = 0; t < 64; ++t) {
    for (int lane = 0; lane < 2 * kFmaChains; ++lane) {
      const double start = fma_chain_start(t, lane);
      EXPECT_EQ(round_to_fp16(start), start);
      EXPECT_GE(start, 1.0);
      EXPECT_LT(start, 1.5);
    }
  }
  // Starts repeat every 32 threads: the kernels' checks rely on it.
  EXPECT_EQ(fma_chain_start(5, 3), fma_chain_start(37, 3));
  EXPECT_EQ(expected_fma_fp32(0, 0), [] {
    float sum = 0.0f;
    for (int c = 0; c < kFmaChains; ++c) sum += fma_chain_start(0, c);
    return sum;
  }());
  // After 2^15 steps the fp32 swing has died away: every chain sits at b / (1 - a) = 1.2506.
  const double fixed_point = kFmaAddend / (1.0 - kFmaMultiplier);
  EXPECT_NEAR(expected_fma_fp32(3, 1 << 15), kFmaChains * fixed_point, 1e-3);
  // In fp16 the shrink of a step is below half a unit in the last place, so rounding keeps the
  // swing alive: after an even number of steps the lanes are back near their starts.
  const float fp16 = expected_fma_fp16(3, 1 << 12);
  EXPECT_GT(fp16, 2 * kFmaChains * 0.5f);
  EXPECT_LT(fp16, 2 * kFmaChains * 2.0f);
  // One step: x * a + b, rounded once.
  EXPECT_EQ(expected_fma_fp32(1, 1), [] {
    float sum = 0.0f;
    for (int c = 0; c < kFmaChains; ++c) {
      sum += std::fmaf(fma_chain_start(1, c), kFmaMultiplier, kFmaAddend);
    }
    return sum;
  }());
}

TEST(CeilingValues, GemmOperandsGiveExactSmallIntegers) {
  // C(i, j) summed directly, for a 7 x 7 product.
  for (std::int64_t i = 0; i < 7; ++i) {
    for (std::int64_t j = 0; j < 7; ++j) {
      long long sum = 0;
      for (std::int64_t k = 0; k < 7; ++k) sum += gemm_pattern_a(i, k) * gemm_pattern_b(k, j);
      EXPECT_EQ(expected_gemm_entry(i, j, 7), static_cast<double>(sum));
    }
  }
  EXPECT_LE(std::abs(expected_gemm_entry(1, 2, 8192)), 2 * 8192);
  EXPECT_EQ(gemm_size(80ull << 30, 2), 8192);
  EXPECT_EQ(gemm_size(1ull << 30, 4), 4096);  // 3 x 4096^2 x 4 B = 192 MiB <= 512 MiB
  EXPECT_EQ(gemm_size(1 << 20, 4), 0);
}

TEST(CeilingValues, IntensityValueIsTheRepeatedFma) {
  EXPECT_EQ(expected_intensity_value(0), kIntensityStart);
  EXPECT_EQ(expected_intensity_value(1), std::fmaf(kIntensityStart, kFmaMultiplier, kFmaAddend));
}

// Collects what Google Benchmark reports.
class CollectingReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& reported) override {
    runs.insert(runs.end(), reported.begin(), reported.end());
  }
  std::vector<Run> runs;
};

TEST(GpuCeilings, EveryCeilingRunsVerifiesAndReportsAPositiveRate) {
  const cuda::CudaProbe probe = cuda::probe_cuda();
  if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason;
  benchmark::ClearRegisteredBenchmarks();
  for (GpuRoofCase& c : gpu_roof_cases(GpuCase{describe_gpu(0), {}})) {
    benchmark::RegisterBenchmark(c.name.c_str(), std::move(c.run))->UseManualTime()->Iterations(3);
  }
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::ClearRegisteredBenchmarks();
  ASSERT_FALSE(reporter.runs.empty());
  for (const auto& run : reporter.runs) {
    const std::string name = run.benchmark_name();
    EXPECT_FALSE(run.error_occurred) << name << ": " << run.error_message;
    if (run.error_occurred) continue;
    const auto counter = [&](const char* key) {
      const auto found = run.counters.find(key);
      return found == run.counters.end() ? -1.0 : found->second.value;
    };
    const bool moves_memory = name.find("dram_") != std::string::npos ||
                              name.find("/l2") != std::string::npos ||
                              name.find("intensity") != std::string::npos;
    const bool computes = name.find("fma_") != std::string::npos ||
                          name.find("gemm_") != std::string::npos ||
                          name.find("intensity") != std::string::npos;
    if (computes) {
      EXPECT_GT(counter("flops"), 0.0) << name;
    }
    if (moves_memory) {
      EXPECT_GT(counter("bytes_per_second"), 0.0) << name;
    }
    // A rate above the theoretical peak means the work or the peak is counted wrong.
    if (counter("fraction_of_theoretical") >= 0) {
      EXPECT_LT(counter("fraction_of_theoretical"), 1.05) << name;
    }
    EXPECT_NE(run.report_label.find("kernels:"), std::string::npos) << name << run.report_label;
  }
}

}  // namespace
}  // namespace roof::bench::gpu
