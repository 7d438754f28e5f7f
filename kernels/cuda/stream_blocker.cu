#include "kernels/cuda/stream_blocker.hpp"

#include <cstdint>
#include <utility>

#include "kernels/cuda/cuda_check.hpp"

namespace roof::cuda {
namespace {

// Nanoseconds of the GPU's global timer (PTX %globaltimer, every architecture the suite builds):
// a timeout in time, whatever the SM clock.
__device__ std::uint64_t global_nanoseconds() {
  std::uint64_t ns = 0;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(ns));
  return ns;
}

// One thread spins until the host sets flags[0], or until timeout_ns have passed, when it sets
// flags[1]. volatile: every iteration reads the mapped host memory again.
__global__ void spin_until_released(volatile int* flags, std::uint64_t timeout_ns) {
  const std::uint64_t start = global_nanoseconds();
  while (flags[0] == 0) {
    if (global_nanoseconds() - start > timeout_ns) {
      flags[1] = 1;
      __threadfence_system();
      return;
    }
  }
}

}  // namespace

StreamBlocker::StreamBlocker() {
  void* host = nullptr;
  ROOF_CUDA_CHECK(cudaHostAlloc(&host, 2 * sizeof(int), cudaHostAllocMapped));
  host_flags_ = static_cast<volatile int*>(host);
  host_flags_[0] = 0;
  host_flags_[1] = 0;
  void* device = nullptr;
  try {
    ROOF_CUDA_CHECK(cudaHostGetDevicePointer(&device, host, 0));
  } catch (...) {
    free_flags();
    throw;
  }
  device_flags_ = static_cast<int*>(device);
  try {
    ROOF_CUDA_CHECK(cudaEventCreateWithFlags(&spun_, cudaEventDisableTiming));
  } catch (...) {
    free_flags();
    throw;
  }
}

StreamBlocker::~StreamBlocker() {
  free_flags();
}

StreamBlocker::StreamBlocker(StreamBlocker&& other) noexcept
    : host_flags_(std::exchange(other.host_flags_, nullptr)),
      device_flags_(std::exchange(other.device_flags_, nullptr)),
      spun_(std::exchange(other.spun_, nullptr)) {}

StreamBlocker& StreamBlocker::operator=(StreamBlocker&& other) noexcept {
  if (this != &other) {
    free_flags();
    host_flags_ = std::exchange(other.host_flags_, nullptr);
    device_flags_ = std::exchange(other.device_flags_, nullptr);
    spun_ = std::exchange(other.spun_, nullptr);
  }
  return *this;
}

void StreamBlocker::block(cudaStream_t stream) {
  host_flags_[0] = 0;
  host_flags_[1] = 0;
  const auto timeout_ns = static_cast<std::uint64_t>(kTimeoutSeconds * 1e9);
  spin_until_released<<<1, 1, 0, stream>>>(device_flags_, timeout_ns);
  ROOF_CUDA_CHECK(cudaGetLastError());
  ROOF_CUDA_CHECK(cudaEventRecord(spun_, stream));
}

void StreamBlocker::release() {
  host_flags_[0] = 1;
}

bool StreamBlocker::timed_out() const {
  return host_flags_[1] != 0;
}

void StreamBlocker::free_flags() noexcept {
  if (host_flags_ != nullptr) {
    // The kernel may still read the flags: let it go, and wait until it has gone (the event
    // behind it; the kernel gives up by itself after kTimeoutSeconds), before the memory does.
    host_flags_[0] = 1;
    if (spun_ != nullptr) {
      ROOF_CUDA_CHECK_NOTHROW(cudaEventSynchronize(spun_));
      ROOF_CUDA_CHECK_NOTHROW(cudaEventDestroy(spun_));
      spun_ = nullptr;
    }
    ROOF_CUDA_CHECK_NOTHROW(cudaFreeHost(const_cast<int*>(host_flags_)));
    host_flags_ = nullptr;
    device_flags_ = nullptr;
  }
}

}  // namespace roof::cuda
