// The tensor-core ceilings: one large square cuBLAS GEMM per launch, C = A B, column-major, no
// transposes. cuBLAS picks its kernel inside the call; CUPTI's record of the warm-up names it.
#include <cublas_v2.h>
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "bench/roofs/gpu/ceiling_cases.hpp"
#include "bench/roofs/gpu/ceiling_kernels.hpp"
#include "bench/roofs/gpu/ceiling_math.hpp"
#include "kernels/cuda/cublas_check.hpp"
#include "kernels/cuda/cublas_handle.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/stream.hpp"

namespace roof::bench::gpu {
namespace {

using benchmark::State;

float to_float(float value) {
  return value;
}
float to_float(__half value) {
  return __half2float(value);
}

cudaDataType_t data_type(float) {
  return CUDA_R_32F;
}
cudaDataType_t data_type(__half) {
  return CUDA_R_16F;
}

// "" when 64 entries spread over C hold the exact product, else the first that does not. fp16
// output rounds the exact integer once (2^-11 of it at most); TF32 inputs -2..2 and fp32 sums
// of integers below 2^24 are exact.
template <typename T>
std::string check_product(const T* c, std::int64_t n, double tolerance) {
  for (int s = 0; s < 64; ++s) {
    const std::int64_t i = (s * 997) % n;
    const std::int64_t j = (s * 6151 + n - 1) % n;
    T value{};
    ROOF_CUDA_CHECK(cudaMemcpy(&value, c + i + j * n, sizeof(T), cudaMemcpyDeviceToHost));
    const double expected = expected_gemm_entry(i, j, n);
    const double got = to_float(value);
    if (!(std::abs(got - expected) <= tolerance * std::abs(expected))) {
      char text[128];
      std::snprintf(text, sizeof text, "C(%lld, %lld) = %.9g, expected %.9g",
                    static_cast<long long>(i), static_cast<long long>(j), got, expected);
      return text;
    }
  }
  return "";
}

template <typename T>
void gemm_case(State& state, const GpuCase& c, cublasComputeType_t compute, const char* what,
               double tolerance) {
  try {
    ROOF_CUDA_CHECK(cudaSetDevice(c.gpu.index));
    const cuda::Stream stream;
    cuda::CublasHandle handle;
    handle.set_stream(stream.get());
    std::size_t free = 0;
    std::size_t total = 0;
    ROOF_CUDA_CHECK(cudaMemGetInfo(&free, &total));
    const std::int64_t n = gemm_size(free, sizeof(T));
    if (n == 0) throw std::runtime_error("not enough free memory for three 1024 x 1024 matrices");
    const auto elements = static_cast<std::size_t>(n * n);
    cuda::DeviceBuffer<T> a(elements);
    cuda::DeviceBuffer<T> b(elements);
    cuda::DeviceBuffer<T> product(elements);
    const int fill_blocks = memory_blocks(MemoryKernel::fill, c.gpu.sm_count);
    launch_gemm_operand(a.get(), GemmOperand::a, n, n, fill_blocks, stream.get());
    launch_gemm_operand(b.get(), GemmOperand::b, n, n, fill_blocks, stream.get());

    const float alpha = 1.0f;
    const float beta = 0.0f;
    const int dim = static_cast<int>(n);
    CeilingLaunch launch;
    launch.enqueue = [&](cudaStream_t) {  // the handle is bound to the stream
      ROOF_CUBLAS_CHECK(cublasGemmEx(handle.get(), CUBLAS_OP_N, CUBLAS_OP_N, dim, dim, dim, &alpha,
                                     a.get(), data_type(T{}), dim, b.get(), data_type(T{}), dim,
                                     &beta, product.get(), data_type(T{}), dim, compute,
                                     CUBLAS_GEMM_DEFAULT));
    };
    const double nd = static_cast<double>(n);
    launch.flops = 2.0 * nd * nd * nd;
    launch.bytes = 3.0 * nd * nd * sizeof(T);  // A and B read, C written: the compulsory traffic
    launch.fp16 = sizeof(T) == 2;
    const TimedRun run = run_timed_launches(state, launch, c.instrumentation, stream.get());
    if (state.error_occurred()) return;  // the blocker timed out: no time to check or report

    const std::string wrong = check_product(product.get(), n, tolerance);
    if (!wrong.empty()) {
      state.SkipWithError((std::string(what) + ": " + wrong).c_str());
      return;
    }
    state.SetLabel((std::string(what) + ", n = " + std::to_string(n) + "; " + run.cupti).c_str());
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

}  // namespace

void gemm_fp16_case(State& state, const GpuCase& c) {
  // fp16 A, B and C, fp32 accumulation: cuBLAS uses the tensor cores unless told to be pedantic.
  gemm_case<__half>(state, c, CUBLAS_COMPUTE_32F,
                    "cublasGemmEx fp16 in and out, CUBLAS_COMPUTE_32F", std::ldexp(1.0, -11));
}

void gemm_tf32_case(State& state, const GpuCase& c) {
  // cublasComputeType_t and its TF32 mode arrived with cuBLAS 11.0 (CUDA 11.0), the oldest
  // toolkit the suite builds with; the guard keeps the reason readable if that ever changes.
#if defined(CUBLAS_VERSION) && CUBLAS_VERSION >= 110000
  gemm_case<float>(state, c, CUBLAS_COMPUTE_32F_FAST_TF32,
                   "cublasGemmEx fp32 in and out, CUBLAS_COMPUTE_32F_FAST_TF32", 0.0);
#else
  static_cast<void>(c);
  state.SkipWithError("CUBLAS_COMPUTE_32F_FAST_TF32 needs cuBLAS 11.0 or newer");
#endif
}

}  // namespace roof::bench::gpu
