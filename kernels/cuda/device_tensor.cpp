#include "kernels/cuda/device_tensor.hpp"

#include <cuda_fp16.h>

#include <stdexcept>
#include <string>

#include "kernels/cuda/cuda_check.hpp"

namespace roof::cuda {
namespace {

std::size_t bytes_per_element(DType dtype) {
  switch (dtype) {
    case DType::fp32:
      return sizeof(float);
    case DType::fp16:
      return sizeof(__half);
    case DType::bf16:
      break;
  }
  throw std::invalid_argument("GPU runners take fp32 or fp16 data, not " +
                              std::string(to_string(dtype)));
}

}  // namespace

DeviceTensor::DeviceTensor(DType dtype, std::size_t elements)
    : dtype_(dtype), elements_(elements), bytes_(elements * bytes_per_element(dtype)) {}

void DeviceTensor::upload(const std::vector<float>& values, cudaStream_t stream) {
  if (values.size() != elements_) {
    throw std::invalid_argument("upload of " + std::to_string(values.size()) +
                                " values into a device tensor of " + std::to_string(elements_));
  }
  if (elements_ == 0) return;
  if (dtype_ == DType::fp32) {
    ROOF_CUDA_CHECK(cudaMemcpyAsync(bytes_.get(), values.data(), bytes_.bytes(),
                                    cudaMemcpyHostToDevice, stream));
    ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));  // `values` may go as soon as we return
    return;
  }
  std::vector<__half> halves(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) halves[i] = __float2half_rn(values[i]);
  ROOF_CUDA_CHECK(
      cudaMemcpyAsync(bytes_.get(), halves.data(), bytes_.bytes(), cudaMemcpyHostToDevice, stream));
  ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));  // `halves` dies at the end of this scope
}

std::vector<float> DeviceTensor::download(cudaStream_t stream) const {
  std::vector<float> values(elements_);
  if (elements_ == 0) return values;
  if (dtype_ == DType::fp32) {
    ROOF_CUDA_CHECK(cudaMemcpyAsync(values.data(), bytes_.get(), bytes_.bytes(),
                                    cudaMemcpyDeviceToHost, stream));
    ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));
    return values;
  }
  std::vector<__half> halves(elements_);
  ROOF_CUDA_CHECK(
      cudaMemcpyAsync(halves.data(), bytes_.get(), bytes_.bytes(), cudaMemcpyDeviceToHost, stream));
  ROOF_CUDA_CHECK(cudaStreamSynchronize(stream));
  for (std::size_t i = 0; i < elements_; ++i) values[i] = __half2float(halves[i]);
  return values;
}

}  // namespace roof::cuda
