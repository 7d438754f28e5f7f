// The CUDA probe works with or without a GPU; the kernel test needs one and skips otherwise.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/stream.hpp"
#include "kernels/cuda/stream_blocker.hpp"

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

// The stream blocker holds the events until the host releases it: 50 ms of host time between
// queuing and release do not show in the events' time. Without a device, constructing it is a
// clear error naming the call.
TEST(StreamBlocker, HoldsTheStreamUntilReleasedOrSaysWhyNot) {
  const CudaProbe probe = probe_cuda();
  if (!probe.has_gpu()) {
    try {
      StreamBlocker blocker;
      FAIL() << "no exception without a device";
    } catch (const CudaError& e) {
      EXPECT_NE(std::string(e.what()).find("cudaHostAlloc"), std::string::npos) << e.what();
    }
    return;
  }
  Stream stream;
  StreamBlocker blocker;
  EventTimer timer;
  blocker.block(stream.get());
  timer.start(stream.get());
  timer.stop(stream.get());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  blocker.release();
  EXPECT_LT(timer.elapsed_seconds(), 0.01);
  EXPECT_FALSE(blocker.timed_out());
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
