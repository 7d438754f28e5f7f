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

// The runtime keeps a non-sticky error (an out-of-memory cudaMalloc, an invalid launch
// configuration) recorded until someone reads it: left there, the next benchmark case's
// cudaGetLastError() after its own launches would fail with this case's error. So a failed check
// reads and clears it through this function (cudaGetLastError); a test swaps it to see it is
// called. A sticky error (a kernel fault) stays, as the runtime keeps it for every later call.
using LastErrorReader = cudaError_t (*)();
LastErrorReader& last_error_reader();

// Both clear the recorded error (last_error_reader) before they throw or report.
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
