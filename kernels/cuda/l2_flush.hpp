#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>

#include "kernels/cuda/device_buffer.hpp"

namespace roof::cuda {

// Empties the current device's L2 cache of the benchmark's data before a cold-cache launch, as
// nvbench's l2flush: a memset of a buffer twice the L2's size (cudaDevAttrL2CacheSize) evicts
// every line the previous launch left, whatever the replacement policy, so the next launch reads
// its inputs from DRAM. Queue flush() before the timer's start(): the memset is not timed.
// Move-only (it owns the buffer).
class L2Flush {
 public:
  L2Flush();  // for the current device (cudaGetDevice)

  void flush(cudaStream_t stream);
  std::size_t l2_bytes() const { return l2_bytes_; }
  std::size_t buffer_bytes() const { return buffer_.bytes(); }

 private:
  std::size_t l2_bytes_ = 0;
  DeviceBuffer<std::byte> buffer_;
};

}  // namespace roof::cuda
