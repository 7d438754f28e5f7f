#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <vector>

#include "kernels/cuda/device_buffer.hpp"
#include "networks/dtype.hpp"

namespace roof::cuda {

// A tensor in device memory in a runner's element type, fp32 or fp16 (__half), filled from and
// read back as fp32 host values: the conversion happens on the host, outside any timed region.
// Move-only (it owns its buffer).
class DeviceTensor {
 public:
  DeviceTensor() = default;
  // Allocates `elements` values of `dtype`; throws std::invalid_argument for bf16.
  DeviceTensor(DType dtype, std::size_t elements);

  // Converts `values` (exactly elements() of them) and copies them on `stream`; returns when the
  // copy is complete.
  void upload(const std::vector<float>& values, cudaStream_t stream);
  // Copies the tensor back on `stream`, waits for it (and everything queued before it), converts.
  std::vector<float> download(cudaStream_t stream) const;

  void* data() const { return bytes_.get(); }
  DType dtype() const { return dtype_; }
  std::size_t elements() const { return elements_; }
  bool empty() const { return elements_ == 0; }

 private:
  DType dtype_ = DType::fp32;
  std::size_t elements_ = 0;
  DeviceBuffer<std::byte> bytes_;
};

}  // namespace roof::cuda
