#pragma once

// What bench_roofs says about a GPU, from the CUDA runtime's attributes, and the theoretical peaks
// its ceilings are compared with.

#include <cstddef>
#include <string>

namespace roof::bench::gpu {

struct GpuDevice {
  int index = 0;
  std::string name;
  int major = 0;  // compute capability
  int minor = 0;
  int sm_count = 0;
  int sm_clock_khz = 0;      // the peak (boost) clock the runtime reports
  int memory_clock_khz = 0;  // likewise; DDR and HBM move data on both edges
  int memory_bus_bits = 0;
  std::size_t l2_bytes = 0;
  std::size_t memory_bytes = 0;
};

// Asks the runtime about device `index` (every call checked; throws roof::cuda::CudaError).
GpuDevice describe_gpu(int index);

// FP32 FMA lanes per SM, and fp16 FMA lanes per SM outside the tensor cores (a half2 FMA counts
// two), by compute capability, from NVIDIA's architecture whitepapers (V100, T4, A100, GA102,
// AD102, H100, B200, GB202); 0 for an architecture the table does not know.
int fp32_lanes_per_sm(int major, int minor);
int fp16_lanes_per_sm(int major, int minor);

// Two FLOPs per FMA lane per cycle, at the peak SM clock; 0 when the lanes are unknown.
double theoretical_fp32_flops(const GpuDevice& gpu);
double theoretical_fp16_flops(const GpuDevice& gpu);
// Two transfers per memory clock over the bus: what the runtime's attributes imply.
double theoretical_dram_bytes_per_second(const GpuDevice& gpu);

}  // namespace roof::bench::gpu
