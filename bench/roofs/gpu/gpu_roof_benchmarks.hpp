#pragma once

// The GPU half of bench_roofs: roof/gpu<index>/... for every GPU the CUDA probe finds, and each
// GPU's description in the JSON context. Compiled only in builds with CUDA (ROOF_HAVE_CUDA).

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/roofs/gpu/ceiling_cases.hpp"
#include "kernels/cuda/device_probe.hpp"

namespace roof::bench::gpu {

struct GpuRoofCase {
  std::string name;  // roof/gpu0/fma_fp32
  std::function<void(benchmark::State&)> run;
};

// The cases of one GPU, in registration order: fma_fp32, fma_fp16, gemm_fp16_tensor, gemm_tf32
// (compute capability 8.0 and newer only: older GPUs have no TF32 tensor cores and cuBLAS would
// quietly run fp32), dram_copy, dram_triad, l2, intensity/<flops per byte> for 1 to 256 FMAs per
// element. Host logic only: listing them touches no GPU.
std::vector<GpuRoofCase> gpu_roof_cases(const GpuCase& c);

// "bench_roofs: no CUDA device found (<the runtime's words>); GPU ceilings skipped"
std::string no_gpu_message(const std::string& runtime_reason);

// With GPUs: describes each in the context (roof_gpu<index>_...) and registers its cases, timed
// manually in milliseconds. Without: writes no_gpu_message as one line to `err` and registers
// nothing, so the CPU ceilings run alone (bench_roofs prints that line after the run, so that its
// stdout starts with the first ceiling). Returns how many GPUs were registered.
// ROOF_CUPTI_COUNTERS=1 in the environment adds the profiled pass to every case. The names
// registered are appended to `names` where it is given.
int register_gpu_roof_benchmarks(const cuda::CudaProbe& probe, std::ostream& err,
                                 std::vector<std::string>* names = nullptr);

}  // namespace roof::bench::gpu
