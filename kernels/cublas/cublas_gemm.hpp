#pragma once

#include <cublas_v2.h>

#include <array>
#include <string>

#include "kernels/cublas/cublas_plan.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::cuda {

// The device address of each Operand (indexed by it) and their element type.
struct OperandPointers {
  std::array<void*, 6> base{};
  DType dtype = DType::fp32;
};

// Runs one planned call on the handle's stream: cublasSgemm(StridedBatched) for fp32 with default
// math, cublasGemmEx / cublasGemmStridedBatchedEx with the compute type of gemm_compute_name()
// otherwise. Every status is checked.
void run_gemm(cublasHandle_t handle, const kernels::GpuRunnerOptions& options, const GemmCall& call,
              const OperandPointers& operands);

// What run_gemm() calls for these options, e.g. "cublasSgemm" or
// "cublasGemmEx CUBLAS_COMPUTE_32F_FAST_TF32", for descriptions.
std::string gemm_routine(const kernels::GpuRunnerOptions& options);

}  // namespace roof::cuda
