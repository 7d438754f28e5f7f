#include "kernels/cuda/l2_flush.hpp"

#include "kernels/cuda/cuda_check.hpp"

namespace roof::cuda {
namespace {

std::size_t current_l2_bytes() {
  int device = 0;
  ROOF_CUDA_CHECK(cudaGetDevice(&device));
  int bytes = 0;
  ROOF_CUDA_CHECK(cudaDeviceGetAttribute(&bytes, cudaDevAttrL2CacheSize, device));
  return bytes > 0 ? static_cast<std::size_t>(bytes) : 0;
}

}  // namespace

L2Flush::L2Flush() : l2_bytes_(current_l2_bytes()), buffer_(2 * l2_bytes_) {}

void L2Flush::flush(cudaStream_t stream) {
  if (buffer_.bytes() == 0) return;  // a device that reports no L2 has nothing to flush
  ROOF_CUDA_CHECK(cudaMemsetAsync(buffer_.get(), 0, buffer_.bytes(), stream));
}

}  // namespace roof::cuda
