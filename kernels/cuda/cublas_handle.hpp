#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

namespace roof::cuda {

// A cuBLAS context on the current device. cublasCreate needs a working GPU (without a driver it
// fails with CUBLAS_STATUS_NOT_INITIALIZED), so runners create one in prepare(), never in their
// constructors. Move-only.
class CublasHandle {
 public:
  CublasHandle();
  ~CublasHandle();
  CublasHandle(CublasHandle&& other) noexcept;
  CublasHandle& operator=(CublasHandle&& other) noexcept;
  CublasHandle(const CublasHandle&) = delete;
  CublasHandle& operator=(const CublasHandle&) = delete;

  cublasHandle_t get() const { return handle_; }
  // Every later call through this handle is queued on `stream`.
  void set_stream(cudaStream_t stream);

 private:
  void release() noexcept;

  cublasHandle_t handle_ = nullptr;
};

}  // namespace roof::cuda
