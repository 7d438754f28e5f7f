#include "kernels/cuda/cudnn_check.hpp"

#include <array>
#include <cstdio>

namespace roof::cuda {

std::string describe_cudnn_error(cudnnStatus_t status, const char* call, const char* file,
                                 int line) {
  std::string text = std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
                     cudnnGetErrorString(status);
#if CUDNN_MAJOR >= 9
  // cuDNN 9 keeps a per-thread message naming the check that failed inside the library, e.g.
  // "(n <= 0) || (c <= 0) || (h <= 0) || (w <= 0)"; reading it clears it.
  std::array<char, 512> detail{};
  cudnnGetLastErrorString(detail.data(), detail.size());
  if (detail[0] != '\0') text += std::string(" (") + detail.data() + ")";
#endif
  return text;
}

void throw_cudnn_error(cudnnStatus_t status, const char* call, const char* file, int line) {
  throw CudnnError(status, describe_cudnn_error(status, call, file, line));
}

void report_cudnn_error(cudnnStatus_t status, const char* call, const char* file,
                        int line) noexcept {
  try {
    std::fprintf(stderr, "roofline: warning: %s\n",
                 describe_cudnn_error(status, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "roofline: warning: %s failed (cuDNN status %d)\n", call,
                 static_cast<int>(status));
  }
}

}  // namespace roof::cuda
