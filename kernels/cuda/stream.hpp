#pragma once

#include <cuda_runtime_api.h>

namespace roof::cuda {

// A CUDA stream of its own, so that timed work never queues behind, or synchronises with, the
// legacy default stream. Move-only; destroyed with the object.
class Stream {
 public:
  Stream();  // cudaStreamNonBlocking
  ~Stream();
  Stream(Stream&& other) noexcept;
  Stream& operator=(Stream&& other) noexcept;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  cudaStream_t get() const { return stream_; }
  // Waits for all work queued so far; throws CudaError with the first asynchronous error.
  void synchronize() const;

 private:
  void release() noexcept;

  cudaStream_t stream_ = nullptr;
};

}  // namespace roof::cuda
