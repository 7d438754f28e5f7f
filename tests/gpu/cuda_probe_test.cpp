// The CUDA probe works with or without a GPU; the kernel test needs one and skips otherwise.
#include <gtest/gtest.h>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_probe.hpp"

namespace roof::cuda {
namespace {

TEST(CudaProbe, ReportsGpusOrTheRuntimesReason) {
  const CudaProbe probe = probe_cuda();
  EXPECT_GE(probe.runtime_version, 11000);  // the suite targets CUDA 11 and newer
  if (probe.has_gpu()) {
    EXPECT_TRUE(probe.unavailable_reason.empty());
    for (const GpuInfo& gpu : probe.gpus) {
      EXPECT_FALSE(gpu.name.empty());
      EXPECT_GT(gpu.sm_count, 0);
      EXPECT_GT(gpu.memory_bytes, 0);
    }
  } else {
    // Without a driver the runtime says so (cudaErrorInsufficientDriver or cudaErrorNoDevice).
    EXPECT_FALSE(probe.unavailable_reason.empty());
  }
}

TEST(CudaCheck, FailedCallsThrowWithTheCallAndTheRuntimesWords) {
  try {
    ROOF_CUDA_CHECK(cudaErrorInvalidValue);
    FAIL() << "no exception";
  } catch (const CudaError& e) {
    EXPECT_EQ(e.code(), cudaErrorInvalidValue);
    const std::string what = e.what();
    EXPECT_NE(what.find("cudaErrorInvalidValue"), std::string::npos) << what;
    EXPECT_NE(what.find("cuda_probe_test.cpp"), std::string::npos) << what;
  }
  EXPECT_NO_THROW(ROOF_CUDA_CHECK(cudaSuccess));
}

// A failed check clears the runtime's recorded error, so the next case does not inherit it
// (issue 16): a success reads nothing, each failure reads once, thrown or reported.
int g_last_error_reads = 0;
cudaError_t counting_reader() {
  ++g_last_error_reads;
  return cudaSuccess;
}

TEST(CudaCheck, AFailedCheckClearsTheRecordedError) {
  LastErrorReader saved = last_error_reader();
  last_error_reader() = &counting_reader;
  g_last_error_reads = 0;
  EXPECT_NO_THROW(ROOF_CUDA_CHECK(cudaSuccess));
  EXPECT_EQ(g_last_error_reads, 0);
  EXPECT_THROW(ROOF_CUDA_CHECK(cudaErrorMemoryAllocation), CudaError);
  EXPECT_EQ(g_last_error_reads, 1);
  ROOF_CUDA_CHECK_NOTHROW(cudaErrorInvalidConfiguration);
  EXPECT_EQ(g_last_error_reads, 2);
  last_error_reader() = saved;
  EXPECT_EQ(last_error_reader(), &cudaGetLastError);
}

TEST(CudaSmokeKernel, WritesEveryElementOnEachGpu) {
  const CudaProbe probe = probe_cuda();
  if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason;
  for (int device = 0; device < static_cast<int>(probe.gpus.size()); ++device) {
    EXPECT_EQ(run_smoke_kernel(device), 0) << probe.gpus[device].name;
  }
}

}  // namespace
}  // namespace roof::cuda
