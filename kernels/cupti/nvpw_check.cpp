#include "kernels/cupti/nvpw_check.hpp"

#include <array>
#include <cstdio>

namespace roof::cupti {
namespace {

// Indexed by NVPA_Status, as nvperf_common.h numbers it (CUDA 10.0 to 13).
constexpr std::array<const char*, 26> kStatusNames = {
    "NVPA_STATUS_SUCCESS",
    "NVPA_STATUS_ERROR",
    "NVPA_STATUS_INTERNAL_ERROR",
    "NVPA_STATUS_NOT_INITIALIZED",
    "NVPA_STATUS_NOT_LOADED",
    "NVPA_STATUS_FUNCTION_NOT_FOUND",
    "NVPA_STATUS_NOT_SUPPORTED",
    "NVPA_STATUS_NOT_IMPLEMENTED",
    "NVPA_STATUS_INVALID_ARGUMENT",
    "NVPA_STATUS_INVALID_METRIC_ID",
    "NVPA_STATUS_DRIVER_NOT_LOADED",
    "NVPA_STATUS_OUT_OF_MEMORY",
    "NVPA_STATUS_INVALID_THREAD_STATE",
    "NVPA_STATUS_FAILED_CONTEXT_ALLOC",
    "NVPA_STATUS_UNSUPPORTED_GPU",
    "NVPA_STATUS_INSUFFICIENT_DRIVER_VERSION",
    "NVPA_STATUS_OBJECT_NOT_REGISTERED",
    "NVPA_STATUS_INSUFFICIENT_PRIVILEGE",
    "NVPA_STATUS_INVALID_CONTEXT_STATE",
    "NVPA_STATUS_INVALID_OBJECT_STATE",
    "NVPA_STATUS_RESOURCE_UNAVAILABLE",
    "NVPA_STATUS_DRIVER_LOADED_TOO_LATE",
    "NVPA_STATUS_INSUFFICIENT_SPACE",
    "NVPA_STATUS_OBJECT_MISMATCH",
    "NVPA_STATUS_VIRTUALIZED_DEVICE_NOT_SUPPORTED",
    "NVPA_STATUS_PROFILING_NOT_ALLOWED",
};

// The table's positions are the header's values; a toolkit that renumbered them fails here.
static_assert(NVPA_STATUS_SUCCESS == 0 && NVPA_STATUS_INVALID_ARGUMENT == 8 &&
              NVPA_STATUS_UNSUPPORTED_GPU == 14 && NVPA_STATUS_INSUFFICIENT_PRIVILEGE == 17);

}  // namespace

std::string nvpa_status_name(NVPA_Status status) {
  const auto index = static_cast<std::size_t>(status);
  if (index < kStatusNames.size()) return kStatusNames[index];
  return "NVPA status " + std::to_string(static_cast<int>(status));
}

std::string describe_nvpw_error(NVPA_Status status, const char* call, const char* file, int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         nvpa_status_name(status);
}

void throw_nvpw_error(NVPA_Status status, const char* call, const char* file, int line) {
  throw NvpwError(status, describe_nvpw_error(status, call, file, line));
}

void report_nvpw_error(NVPA_Status status, const char* call, const char* file, int line) noexcept {
  try {
    std::fprintf(stderr, "roofline: warning: %s\n",
                 describe_nvpw_error(status, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "roofline: warning: %s failed (NVPA status %d)\n", call,
                 static_cast<int>(status));
  }
}

}  // namespace roof::cupti
