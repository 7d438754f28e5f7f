#pragma once

#include <cublas_v2.h>

#include <stdexcept>
#include <string>

namespace roof::cuda {

// A failed cuBLAS call: the call's text, where it was made, the status's name and cuBLAS's
// description of it.
class CublasError : public std::runtime_error {
 public:
  CublasError(cublasStatus_t status, const std::string& what)
      : std::runtime_error(what), status_(status) {}
  cublasStatus_t status() const { return status_; }

 private:
  cublasStatus_t status_;
};

// "CUBLAS_STATUS_INVALID_VALUE (an invalid value was used as an argument)": cuBLAS's own words
// where the toolkit has cublasGetStatusName/String (cuBLAS 11.4.2 and newer), the name alone
// before.
std::string cublas_status_text(cublasStatus_t status);
std::string describe_cublas_error(cublasStatus_t status, const char* call, const char* file,
                                  int line);
[[noreturn]] void throw_cublas_error(cublasStatus_t status, const char* call, const char* file,
                                     int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_cublas_error(cublasStatus_t status, const char* call, const char* file,
                         int line) noexcept;

}  // namespace roof::cuda

#define ROOF_CUBLAS_CHECK(call)                                                         \
  do {                                                                                  \
    const cublasStatus_t roof_cublas_status_ = (call);                                  \
    if (roof_cublas_status_ != CUBLAS_STATUS_SUCCESS) {                                 \
      ::roof::cuda::throw_cublas_error(roof_cublas_status_, #call, __FILE__, __LINE__); \
    }                                                                                   \
  } while (false)

#define ROOF_CUBLAS_CHECK_NOTHROW(call)                                                  \
  do {                                                                                   \
    const cublasStatus_t roof_cublas_status_ = (call);                                   \
    if (roof_cublas_status_ != CUBLAS_STATUS_SUCCESS) {                                  \
      ::roof::cuda::report_cublas_error(roof_cublas_status_, #call, __FILE__, __LINE__); \
    }                                                                                    \
  } while (false)
