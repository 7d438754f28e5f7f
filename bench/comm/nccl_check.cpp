#include "bench/comm/nccl_check.hpp"

#include <cstdio>

namespace roof::bench::comm {

std::string nccl_error_text(ncclResult_t code) {
  std::string text = ncclGetErrorString(code);
#if defined(NCCL_VERSION_CODE) && NCCL_VERSION_CODE >= NCCL_VERSION(2, 13, 0)
  const char* last = ncclGetLastError(nullptr);
  if (last != nullptr && *last != '\0') text += " (" + std::string(last) + ")";
#endif
  return text;
}

namespace {

std::string describe(ncclResult_t code, const char* call, const char* file, int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         nccl_error_text(code);
}

}  // namespace

void throw_nccl_error(ncclResult_t code, const char* call, const char* file, int line) {
  throw NcclError(code, describe(code, call, file, line));
}

void report_nccl_error(ncclResult_t code, const char* call, const char* file, int line) noexcept {
  try {
    std::fprintf(stderr, "bench_comm: warning: %s\n", describe(code, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "bench_comm: warning: %s failed (%s)\n", call, ncclGetErrorString(code));
  }
}

std::string nccl_version() {
  int code = 0;
  ROOF_NCCL_CHECK(ncclGetVersion(&code));
  // NCCL 2.9 widened the minor field: 22809 is 2.28.9, 2804 was 2.8.4.
  const int major = code >= 10000 ? code / 10000 : code / 1000;
  const int minor = code >= 10000 ? code % 10000 / 100 : code % 1000 / 100;
  const int patch = code % 100;
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace roof::bench::comm
