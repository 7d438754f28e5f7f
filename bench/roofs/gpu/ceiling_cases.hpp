#pragma once

// The bodies of the roof/gpu<index>/... benchmarks. Each selects its GPU, sizes its buffers from
// the device, gives them known contents, runs the shared timed loop (timed_launches.hpp), checks
// what the launches left against the exact host values (ceiling_math.hpp) and labels the row. A
// CUDA or cuBLAS error, or a wrong result, is state.SkipWithError with the reason, never a number.

#include <benchmark/benchmark.h>

#include "bench/roofs/gpu/gpu_device.hpp"
#include "bench/roofs/gpu/timed_launches.hpp"

namespace roof::bench::gpu {

struct GpuCase {
  GpuDevice gpu;
  Instrumentation instrumentation;
};

void fma_fp32_case(benchmark::State& state, const GpuCase& c);
void fma_fp16_case(benchmark::State& state, const GpuCase& c);
void dram_copy_case(benchmark::State& state, const GpuCase& c);
void dram_triad_case(benchmark::State& state, const GpuCase& c);
void l2_case(benchmark::State& state, const GpuCase& c);
void intensity_case(benchmark::State& state, const GpuCase& c, int fmas);
// cuBLAS GEMMs on the tensor cores (gemm_ceilings.cpp): fp16 inputs with fp32 accumulation
// (CUBLAS_COMPUTE_32F), and fp32 inputs as TF32 (CUBLAS_COMPUTE_32F_FAST_TF32).
void gemm_fp16_case(benchmark::State& state, const GpuCase& c);
void gemm_tf32_case(benchmark::State& state, const GpuCase& c);

}  // namespace roof::bench::gpu
