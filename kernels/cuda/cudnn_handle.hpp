#pragma once

#include <cuda_runtime_api.h>
#include <cudnn.h>

namespace roof::cuda {

// A cuDNN context on the current device. cudnnCreate needs a working GPU (without a driver it
// fails with CUDNN_STATUS_NOT_INITIALIZED), so runners create one in prepare(), never in their
// constructors; descriptors need no handle. Move-only.
class CudnnHandle {
 public:
  CudnnHandle();
  ~CudnnHandle();
  CudnnHandle(CudnnHandle&& other) noexcept;
  CudnnHandle& operator=(CudnnHandle&& other) noexcept;
  CudnnHandle(const CudnnHandle&) = delete;
  CudnnHandle& operator=(const CudnnHandle&) = delete;

  cudnnHandle_t get() const { return handle_; }
  // Every later call through this handle is queued on `stream`.
  void set_stream(cudaStream_t stream);

 private:
  void release() noexcept;

  cudnnHandle_t handle_ = nullptr;
};

}  // namespace roof::cuda
