#include "kernels/cublas/cublas_gemm.hpp"

#include <cstddef>
#include <stdexcept>

#include "kernels/cuda/cublas_check.hpp"

namespace roof::cuda {
namespace {

using MathMode = kernels::GpuRunnerOptions::MathMode;

bool plain_sgemm(const kernels::GpuRunnerOptions& options) {
  return options.dtype == DType::fp32 && options.math == MathMode::default_math;
}

// The compute type of the Ex routines: fp32 sums always; what the inputs may be rounded to first.
//   fp32 data: tf32 -> FAST_TF32 (tensor cores on TF32-rounded inputs), tensor_op -> FAST_16F
//              (rounded to fp16 inside cuBLAS);
//   fp16 data: default_math -> 32F_PEDANTIC (no tensor cores), tensor_op -> 32F (tensor cores).
cublasComputeType_t compute_type(const kernels::GpuRunnerOptions& options) {
  if (options.dtype == DType::fp16) {
    return options.math == MathMode::default_math ? CUBLAS_COMPUTE_32F_PEDANTIC
                                                  : CUBLAS_COMPUTE_32F;
  }
  return options.math == MathMode::tf32 ? CUBLAS_COMPUTE_32F_FAST_TF32
                                        : CUBLAS_COMPUTE_32F_FAST_16F;
}

const char* compute_name(cublasComputeType_t type) {
  switch (type) {
    case CUBLAS_COMPUTE_32F_PEDANTIC:
      return "CUBLAS_COMPUTE_32F_PEDANTIC";
    case CUBLAS_COMPUTE_32F:
      return "CUBLAS_COMPUTE_32F";
    case CUBLAS_COMPUTE_32F_FAST_TF32:
      return "CUBLAS_COMPUTE_32F_FAST_TF32";
    case CUBLAS_COMPUTE_32F_FAST_16F:
      return "CUBLAS_COMPUTE_32F_FAST_16F";
    default:
      return "another compute type";
  }
}

std::size_t element_size(DType dtype) {
  return dtype == DType::fp16 ? 2 : 4;
}

// The address of batch entry 0 of a view.
void* address(const MatrixView& view, const OperandPointers& operands) {
  void* base = operands.base[static_cast<std::size_t>(view.tensor)];
  if (base == nullptr) throw std::logic_error("cublas: a planned operand has no device tensor");
  return static_cast<std::byte*>(base) +
         static_cast<std::size_t>(view.offset) * element_size(operands.dtype);
}

cublasOperation_t op(bool transpose) {
  return transpose ? CUBLAS_OP_T : CUBLAS_OP_N;
}

int to_int(std::int64_t value) {
  return static_cast<int>(value);  // fits_cublas_int() was checked in supports()
}

}  // namespace

void run_gemm(cublasHandle_t handle, const kernels::GpuRunnerOptions& options, const GemmCall& call,
              const OperandPointers& operands) {
  const float alpha = 1.0f;  // fp32 scalars: the compute type is fp32 in every case
  const int m = to_int(call.m), n = to_int(call.n), k = to_int(call.k);
  const int lda = to_int(call.a.ld), ldb = to_int(call.b.ld), ldc = to_int(call.c.ld);
  const int batch = to_int(call.batch);
  void* a = address(call.a, operands);
  void* b = address(call.b, operands);
  void* c = address(call.c, operands);
  if (plain_sgemm(options)) {
    const auto* fa = static_cast<const float*>(a);
    const auto* fb = static_cast<const float*>(b);
    auto* fc = static_cast<float*>(c);
    if (batch == 1) {
      ROOF_CUBLAS_CHECK(cublasSgemm(handle, op(call.transpose_a), op(call.transpose_b), m, n, k,
                                    &alpha, fa, lda, fb, ldb, &call.beta, fc, ldc));
    } else {
      ROOF_CUBLAS_CHECK(cublasSgemmStridedBatched(
          handle, op(call.transpose_a), op(call.transpose_b), m, n, k, &alpha, fa, lda,
          call.a.stride, fb, ldb, call.b.stride, &call.beta, fc, ldc, call.c.stride, batch));
    }
    return;
  }
  const cudaDataType_t type = options.dtype == DType::fp16 ? CUDA_R_16F : CUDA_R_32F;
  const cublasComputeType_t compute = compute_type(options);
  if (batch == 1) {
    ROOF_CUBLAS_CHECK(cublasGemmEx(handle, op(call.transpose_a), op(call.transpose_b), m, n, k,
                                   &alpha, a, type, lda, b, type, ldb, &call.beta, c, type, ldc,
                                   compute, CUBLAS_GEMM_DEFAULT));
  } else {
    ROOF_CUBLAS_CHECK(cublasGemmStridedBatchedEx(
        handle, op(call.transpose_a), op(call.transpose_b), m, n, k, &alpha, a, type, lda,
        call.a.stride, b, type, ldb, call.b.stride, &call.beta, c, type, ldc, call.c.stride, batch,
        compute, CUBLAS_GEMM_DEFAULT));
  }
}

std::string gemm_routine(const kernels::GpuRunnerOptions& options) {
  if (plain_sgemm(options)) return "cublasSgemm (StridedBatched over images)";
  return std::string("cublasGemmEx (StridedBatchedEx over images), ") +
         (options.dtype == DType::fp16 ? "CUDA_R_16F" : "CUDA_R_32F") + " data, " +
         compute_name(compute_type(options));
}

}  // namespace roof::cuda
