#pragma once

#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>

namespace roof::cuda {

// A failed CUDA runtime call: the call's text, where it was made, and the runtime's words.
class CudaError : public std::runtime_error {
 public:
  CudaError(cudaError_t code, const std::string& what) : std::runtime_error(what), code_(code) {}
  cudaError_t code() const { return code_; }

 private:
  cudaError_t code_;
};

[[noreturn]] void throw_cuda_error(cudaError_t code, const char* call, const char* file, int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_cuda_error(cudaError_t code, const char* call, const char* file, int line) noexcept;

}  // namespace roof::cuda

// Every CUDA runtime call goes through one of these. The status variable has a name no caller
// uses, so the macro can wrap any expression.
#define ROOF_CUDA_CHECK(call)                                                       \
  do {                                                                              \
    const cudaError_t roof_cuda_status_ = (call);                                   \
    if (roof_cuda_status_ != cudaSuccess) {                                         \
      ::roof::cuda::throw_cuda_error(roof_cuda_status_, #call, __FILE__, __LINE__); \
    }                                                                               \
  } while (false)

#define ROOF_CUDA_CHECK_NOTHROW(call)                                                \
  do {                                                                               \
    const cudaError_t roof_cuda_status_ = (call);                                    \
    if (roof_cuda_status_ != cudaSuccess) {                                          \
      ::roof::cuda::report_cuda_error(roof_cuda_status_, #call, __FILE__, __LINE__); \
    }                                                                                \
  } while (false)
