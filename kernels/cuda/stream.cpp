#include "kernels/cuda/stream.hpp"

#include <utility>

#include "kernels/cuda/cuda_check.hpp"

namespace roof::cuda {

Stream::Stream() {
  ROOF_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking));
}

Stream::~Stream() {
  release();
}

Stream::Stream(Stream&& other) noexcept : stream_(std::exchange(other.stream_, nullptr)) {}

Stream& Stream::operator=(Stream&& other) noexcept {
  if (this != &other) {
    release();
    stream_ = std::exchange(other.stream_, nullptr);
  }
  return *this;
}

void Stream::synchronize() const {
  ROOF_CUDA_CHECK(cudaStreamSynchronize(stream_));
}

void Stream::release() noexcept {
  if (stream_ != nullptr) ROOF_CUDA_CHECK_NOTHROW(cudaStreamDestroy(stream_));
  stream_ = nullptr;
}

}  // namespace roof::cuda
