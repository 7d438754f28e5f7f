#include "kernels/cuda/cublas_check.hpp"

#include <cstdio>

// cublasGetStatusName/String arrived with CUDA 11.4 Update 2 (cuBLAS 11.6); the guard asks for
// cuBLAS 11.7 (CUDA 11.5), a version sure to have them. Older toolkits get the names from the
// switch below, which holds only statuses every CUDA 11 cuBLAS knows.
#if defined(CUBLAS_VERSION) && CUBLAS_VERSION >= 110700
#define ROOF_CUBLAS_HAS_STATUS_STRINGS 1
#endif

namespace roof::cuda {

std::string cublas_status_text(cublasStatus_t status) {
#ifdef ROOF_CUBLAS_HAS_STATUS_STRINGS
  return std::string(cublasGetStatusName(status)) + " (" + cublasGetStatusString(status) + ")";
#else
  switch (status) {
    case CUBLAS_STATUS_SUCCESS:
      return "CUBLAS_STATUS_SUCCESS";
    case CUBLAS_STATUS_NOT_INITIALIZED:
      return "CUBLAS_STATUS_NOT_INITIALIZED";
    case CUBLAS_STATUS_ALLOC_FAILED:
      return "CUBLAS_STATUS_ALLOC_FAILED";
    case CUBLAS_STATUS_INVALID_VALUE:
      return "CUBLAS_STATUS_INVALID_VALUE";
    case CUBLAS_STATUS_ARCH_MISMATCH:
      return "CUBLAS_STATUS_ARCH_MISMATCH";
    case CUBLAS_STATUS_MAPPING_ERROR:
      return "CUBLAS_STATUS_MAPPING_ERROR";
    case CUBLAS_STATUS_EXECUTION_FAILED:
      return "CUBLAS_STATUS_EXECUTION_FAILED";
    case CUBLAS_STATUS_INTERNAL_ERROR:
      return "CUBLAS_STATUS_INTERNAL_ERROR";
    case CUBLAS_STATUS_NOT_SUPPORTED:
      return "CUBLAS_STATUS_NOT_SUPPORTED";
    case CUBLAS_STATUS_LICENSE_ERROR:
      return "CUBLAS_STATUS_LICENSE_ERROR";
  }
  return "cuBLAS status " + std::to_string(static_cast<int>(status));
#endif
}

std::string describe_cublas_error(cublasStatus_t status, const char* call, const char* file,
                                  int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         cublas_status_text(status);
}

void throw_cublas_error(cublasStatus_t status, const char* call, const char* file, int line) {
  throw CublasError(status, describe_cublas_error(status, call, file, line));
}

void report_cublas_error(cublasStatus_t status, const char* call, const char* file,
                         int line) noexcept {
  try {
    std::fprintf(stderr, "roofline: warning: %s\n",
                 describe_cublas_error(status, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "roofline: warning: %s failed (cuBLAS status %d)\n", call,
                 static_cast<int>(status));
  }
}

}  // namespace roof::cuda
