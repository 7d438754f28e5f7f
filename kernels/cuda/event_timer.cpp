#include "kernels/cuda/event_timer.hpp"

#include <utility>

#include "kernels/cuda/cuda_check.hpp"

namespace roof::cuda {

EventTimer::EventTimer() {
  // Default flags: timing enabled, and blocking-sync off, so cudaEventSynchronize spins for the
  // lowest latency.
  ROOF_CUDA_CHECK(cudaEventCreate(&start_));
  try {
    ROOF_CUDA_CHECK(cudaEventCreate(&stop_));
  } catch (...) {
    release();
    throw;
  }
}

EventTimer::~EventTimer() {
  release();
}

EventTimer::EventTimer(EventTimer&& other) noexcept
    : start_(std::exchange(other.start_, nullptr)), stop_(std::exchange(other.stop_, nullptr)) {}

EventTimer& EventTimer::operator=(EventTimer&& other) noexcept {
  if (this != &other) {
    release();
    start_ = std::exchange(other.start_, nullptr);
    stop_ = std::exchange(other.stop_, nullptr);
  }
  return *this;
}

void EventTimer::start(cudaStream_t stream) {
  ROOF_CUDA_CHECK(cudaEventRecord(start_, stream));
}

void EventTimer::stop(cudaStream_t stream) {
  ROOF_CUDA_CHECK(cudaEventRecord(stop_, stream));
}

double EventTimer::elapsed_seconds() const {
  ROOF_CUDA_CHECK(cudaEventSynchronize(stop_));
  float milliseconds = 0.0f;
  ROOF_CUDA_CHECK(cudaEventElapsedTime(&milliseconds, start_, stop_));
  return static_cast<double>(milliseconds) * 1e-3;
}

void EventTimer::release() noexcept {
  if (start_ != nullptr) ROOF_CUDA_CHECK_NOTHROW(cudaEventDestroy(start_));
  if (stop_ != nullptr) ROOF_CUDA_CHECK_NOTHROW(cudaEventDestroy(stop_));
  start_ = nullptr;
  stop_ = nullptr;
}

}  // namespace roof::cuda
