#pragma once

#include <cuda_runtime_api.h>

namespace roof::cuda {

// A pair of CUDA events around work queued on a stream: start(stream), enqueue the work,
// stop(stream), then elapsed_seconds(). The events time the GPU's execution of everything between
// them on that stream, not the host's queuing; this is the time bench_layers reports through
// Google Benchmark's UseManualTime(). Move-only, as nvbench's cuda_timer.
class EventTimer {
 public:
  EventTimer();
  ~EventTimer();
  EventTimer(EventTimer&& other) noexcept;
  EventTimer& operator=(EventTimer&& other) noexcept;
  EventTimer(const EventTimer&) = delete;
  EventTimer& operator=(const EventTimer&) = delete;

  void start(cudaStream_t stream);
  void stop(cudaStream_t stream);
  // Waits for the stop event, then returns the time between the two events (resolution about
  // half a microsecond). Throws CudaError with any asynchronous error of the timed work.
  double elapsed_seconds() const;

 private:
  void release() noexcept;

  cudaEvent_t start_ = nullptr;
  cudaEvent_t stop_ = nullptr;
};

}  // namespace roof::cuda
