// CUPTI on a GPU: the activity recorder sees the kernel a test launches, and a profiled pass
// counts the FMAs the ceiling kernel executes. Without a GPU they skip, and the profiled pass
// answers with a reason instead of numbers (never a crash, never an exception).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench/roofs/gpu/ceiling_kernels.hpp"
#include "bench/roofs/gpu/ceiling_math.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/pass_counters.hpp"

namespace roof::cupti {
namespace {

#define ROOF_REQUIRE_GPU()                                                                \
  do {                                                                                    \
    const cuda::CudaProbe probe = cuda::probe_cuda();                                     \
    if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason; \
  } while (false)

TEST(KernelActivity, RecordsTheKernelATestLaunches) {
  ROOF_REQUIRE_GPU();
  if (!kernel_activity_compiled_in()) GTEST_SKIP() << "built without CUPTI";
  KernelActivityRecorder recorder;
  EXPECT_EQ(cuda::run_smoke_kernel(0), 0);  // before start(): not recorded
  recorder.start();
  EXPECT_EQ(cuda::run_smoke_kernel(0), 0);  // 65536 elements, 256 threads a block
  const std::vector<KernelRecord> records = recorder.stop();
  ASSERT_EQ(records.size(), 1u) << describe_kernels(records);
  EXPECT_NE(records[0].name.find("affine_index_kernel"), std::string::npos) << records[0].name;
  EXPECT_EQ(records[0].grid.x, 256);
  EXPECT_EQ(records[0].block.x, 256);
  EXPECT_GT(records[0].duration_ns, 0u);
}

TEST(KernelActivity, OneRecorderAtATime) {
  ROOF_REQUIRE_GPU();
  if (!kernel_activity_compiled_in()) GTEST_SKIP() << "built without CUPTI";
  const KernelActivityRecorder first;
  EXPECT_THROW(KernelActivityRecorder{}, std::logic_error);
}

TEST(PassCounters, WithoutAGpuTheProfiledPassGivesAReason) {
  if (cuda::probe_cuda().has_gpu()) GTEST_SKIP() << "a GPU is present";
  bool ran = false;
  const PassCounterResult result = try_measure_pass_counters([&] { ran = true; });
  EXPECT_FALSE(result.counters.has_value());
  EXPECT_NE(result.unavailable_reason.find("counters unavailable"), std::string::npos)
      << result.unavailable_reason;
  EXPECT_FALSE(ran);
}

// The FFMA count of the fp32 ceiling is known exactly: threads x chains x repeats, plus the few
// FFMAs the compiler may make of the chains' start values.
TEST(PassCounters, AProfiledPassCountsTheCeilingsFmas) {
  ROOF_REQUIRE_GPU();
  const int sm_count = cuda::probe_cuda().gpus[0].sm_count;
  ROOF_CUDA_CHECK(cudaSetDevice(0));
  const int blocks = bench::gpu::fma_fp32_blocks(sm_count);
  const std::int64_t threads = std::int64_t{blocks} * bench::gpu::kThreadsPerBlock;
  cuda::DeviceBuffer<float> out(static_cast<std::size_t>(threads));
  constexpr int repeats = 1024;
  const PassCounterResult result = try_measure_pass_counters(
      [&] { bench::gpu::launch_fma_fp32(out.get(), blocks, repeats, nullptr); });
  if (!result.counters) GTEST_SKIP() << result.unavailable_reason;
  const double expected = static_cast<double>(threads) * bench::gpu::kFmaChains * repeats;
  EXPECT_GE(result.counters->ffma, expected);
  EXPECT_LE(result.counters->ffma, expected * 1.01);
  EXPECT_NEAR(result.counters->fp32_flops(), bench::gpu::fma_fp32_flops(threads, repeats),
              0.02 * expected);
}

}  // namespace
}  // namespace roof::cupti
