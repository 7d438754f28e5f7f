#include "bench/roofs/gpu/gpu_device.hpp"

#include <cuda_runtime_api.h>

#include "kernels/cuda/cuda_check.hpp"

namespace roof::bench::gpu {
namespace {

int attribute(cudaDeviceAttr what, int device) {
  int value = 0;
  ROOF_CUDA_CHECK(cudaDeviceGetAttribute(&value, what, device));
  return value;
}

}  // namespace

GpuDevice describe_gpu(int index) {
  GpuDevice gpu;
  gpu.index = index;
  cudaDeviceProp prop{};
  ROOF_CUDA_CHECK(cudaGetDeviceProperties(&prop, index));
  gpu.name = prop.name;
  gpu.major = prop.major;
  gpu.minor = prop.minor;
  gpu.sm_count = prop.multiProcessorCount;
  gpu.memory_bytes = prop.totalGlobalMem;
  // The clocks are attributes only: CUDA 13 removed them from cudaDeviceProp.
  gpu.sm_clock_khz = attribute(cudaDevAttrClockRate, index);
  gpu.memory_clock_khz = attribute(cudaDevAttrMemoryClockRate, index);
  gpu.memory_bus_bits = attribute(cudaDevAttrGlobalMemoryBusWidth, index);
  gpu.l2_bytes = static_cast<std::size_t>(attribute(cudaDevAttrL2CacheSize, index));
  return gpu;
}

int fp32_lanes_per_sm(int major, int minor) {
  if (major == 7 || (major == 8 && minor == 0)) return 64;  // Volta, Turing, A100
  if (major == 8 || major == 9 || major == 10 || major == 12) return 128;
  return 0;
}

int fp16_lanes_per_sm(int major, int minor) {
  if (major == 7) return 128;                // V100, T4: twice fp32
  if (major == 8 && minor == 0) return 256;  // A100: four times fp32
  if (major == 8) return 128;                // GA10x, AD10x: the same as fp32
  if (major == 9) return 256;                // H100: twice fp32
  return 0;
}

double theoretical_fp32_flops(const GpuDevice& gpu) {
  return 2.0 * fp32_lanes_per_sm(gpu.major, gpu.minor) * gpu.sm_count * gpu.sm_clock_khz * 1e3;
}

double theoretical_fp16_flops(const GpuDevice& gpu) {
  return 2.0 * fp16_lanes_per_sm(gpu.major, gpu.minor) * gpu.sm_count * gpu.sm_clock_khz * 1e3;
}

double theoretical_dram_bytes_per_second(const GpuDevice& gpu) {
  return 2.0 * gpu.memory_clock_khz * 1e3 * gpu.memory_bus_bits / 8.0;
}

}  // namespace roof::bench::gpu
