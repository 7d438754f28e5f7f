#include "kernels/cuda/cublas_handle.hpp"

#include <utility>

#include "kernels/cuda/cublas_check.hpp"

namespace roof::cuda {

CublasHandle::CublasHandle() {
  ROOF_CUBLAS_CHECK(cublasCreate(&handle_));
}

CublasHandle::~CublasHandle() {
  release();
}

CublasHandle::CublasHandle(CublasHandle&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)) {}

CublasHandle& CublasHandle::operator=(CublasHandle&& other) noexcept {
  if (this != &other) {
    release();
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

void CublasHandle::set_stream(cudaStream_t stream) {
  ROOF_CUBLAS_CHECK(cublasSetStream(handle_, stream));
}

void CublasHandle::release() noexcept {
  if (handle_ != nullptr) ROOF_CUBLAS_CHECK_NOTHROW(cublasDestroy(handle_));
  handle_ = nullptr;
}

}  // namespace roof::cuda
