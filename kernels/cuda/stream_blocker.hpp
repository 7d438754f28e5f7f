#pragma once

#include <cuda_runtime_api.h>

namespace roof::cuda {

// Holds a stream until everything to be timed is queued, as nvbench's blocking kernel does. A
// start event recorded on an idle stream starts the clock at once, so each sample would include
// the host's queuing of the work (cuDNN's and cuBLAS's host-side work, launch gaps); queued
// behind a one-thread kernel that spins on a flag in mapped host memory, the events time the
// GPU's execution alone:
//
//   blocker.block(stream); flush; timer.start(stream); enqueue; timer.stop(stream);
//   blocker.release(); timer.elapsed_seconds(); if (blocker.timed_out()) ...
//
// The kernel gives up after kTimeoutSeconds (work that waits for the host while it is queued
// would otherwise never let it go) and records that it did: a timed-out sample includes the
// host's queuing and must not be reported as the GPU's time. Move-only.
class StreamBlocker {
 public:
  static constexpr double kTimeoutSeconds = 2.0;

  StreamBlocker();  // pinned, mapped host flags (throws CudaError without a device)
  ~StreamBlocker();
  StreamBlocker(StreamBlocker&& other) noexcept;
  StreamBlocker& operator=(StreamBlocker&& other) noexcept;
  StreamBlocker(const StreamBlocker&) = delete;
  StreamBlocker& operator=(const StreamBlocker&) = delete;

  // Clears both flags and queues the spinning kernel on `stream`; checked for launch errors.
  void block(cudaStream_t stream);
  // Lets the kernel finish. Call it before anything that waits for the stream.
  void release();
  // Whether the last block() ended by its timeout; meaningful once the stream passed it.
  bool timed_out() const;

 private:
  void free_flags() noexcept;

  volatile int* host_flags_ = nullptr;  // [0] released by the host, [1] timed out (the kernel)
  int* device_flags_ = nullptr;         // the same two ints as the device sees them
  // Recorded behind each spinning kernel: freeing the flags waits for it, so a blocker destroyed
  // while its kernel still spins (a pass that threw while being queued) never frees memory the
  // kernel reads.
  cudaEvent_t spun_ = nullptr;
};

}  // namespace roof::cuda
