#pragma once

#include <cudnn.h>

#include <stdexcept>
#include <string>

namespace roof::cuda {

// A failed cuDNN call: the call's text, where it was made, cuDNN's name for the status and, with
// cuDNN 9, its own explanation of the last error (cudnnGetLastErrorString).
class CudnnError : public std::runtime_error {
 public:
  CudnnError(cudnnStatus_t status, const std::string& what)
      : std::runtime_error(what), status_(status) {}
  cudnnStatus_t status() const { return status_; }

 private:
  cudnnStatus_t status_;
};

// The message of a failed call, out of line so the macro stays small at every call site.
std::string describe_cudnn_error(cudnnStatus_t status, const char* call, const char* file,
                                 int line);
[[noreturn]] void throw_cudnn_error(cudnnStatus_t status, const char* call, const char* file,
                                    int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_cudnn_error(cudnnStatus_t status, const char* call, const char* file,
                        int line) noexcept;

}  // namespace roof::cuda

#define ROOF_CUDNN_CHECK(call)                                                        \
  do {                                                                                \
    const cudnnStatus_t roof_cudnn_status_ = (call);                                  \
    if (roof_cudnn_status_ != CUDNN_STATUS_SUCCESS) {                                 \
      ::roof::cuda::throw_cudnn_error(roof_cudnn_status_, #call, __FILE__, __LINE__); \
    }                                                                                 \
  } while (false)

#define ROOF_CUDNN_CHECK_NOTHROW(call)                                                 \
  do {                                                                                 \
    const cudnnStatus_t roof_cudnn_status_ = (call);                                   \
    if (roof_cudnn_status_ != CUDNN_STATUS_SUCCESS) {                                  \
      ::roof::cuda::report_cudnn_error(roof_cudnn_status_, #call, __FILE__, __LINE__); \
    }                                                                                  \
  } while (false)
