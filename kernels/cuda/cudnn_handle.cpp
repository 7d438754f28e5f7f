#include "kernels/cuda/cudnn_handle.hpp"

#include <utility>

#include "kernels/cuda/cudnn_check.hpp"

namespace roof::cuda {

CudnnHandle::CudnnHandle() {
  ROOF_CUDNN_CHECK(cudnnCreate(&handle_));
}

CudnnHandle::~CudnnHandle() {
  release();
}

CudnnHandle::CudnnHandle(CudnnHandle&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)) {}

CudnnHandle& CudnnHandle::operator=(CudnnHandle&& other) noexcept {
  if (this != &other) {
    release();
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

void CudnnHandle::set_stream(cudaStream_t stream) {
  ROOF_CUDNN_CHECK(cudnnSetStream(handle_, stream));
}

void CudnnHandle::release() noexcept {
  if (handle_ != nullptr) ROOF_CUDNN_CHECK_NOTHROW(cudnnDestroy(handle_));
  handle_ = nullptr;
}

}  // namespace roof::cuda
