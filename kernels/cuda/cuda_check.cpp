#include "kernels/cuda/cuda_check.hpp"

#include <cstdio>

namespace roof::cuda {
namespace {

std::string describe(cudaError_t code, const char* call, const char* file, int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         cudaGetErrorName(code) + " (" + cudaGetErrorString(code) + ")";
}

}  // namespace

LastErrorReader& last_error_reader() {
  static LastErrorReader reader = &cudaGetLastError;
  return reader;
}

void throw_cuda_error(cudaError_t code, const char* call, const char* file, int line) {
  (void)last_error_reader()();
  throw CudaError(code, describe(code, call, file, line));
}

void report_cuda_error(cudaError_t code, const char* call, const char* file, int line) noexcept {
  (void)last_error_reader()();
  try {
    std::fprintf(stderr, "roofline: warning: %s\n", describe(code, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "roofline: warning: %s failed (%s)\n", call, cudaGetErrorName(code));
  }
}

}  // namespace roof::cuda
