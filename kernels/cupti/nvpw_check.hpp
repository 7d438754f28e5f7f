#pragma once

#include <nvperf_host.h>  // NVPA_Status, in every toolkit's layout of the NVPW headers

#include <stdexcept>
#include <string>

namespace roof::cupti {

// A failed NVPW (NVIDIA Perfworks, libnvperf_host) call: the call's text, where it was made, and
// the status by name.
class NvpwError : public std::runtime_error {
 public:
  NvpwError(NVPA_Status status, const std::string& what)
      : std::runtime_error(what), status_(status) {}
  NVPA_Status status() const { return status_; }

 private:
  NVPA_Status status_;
};

// "NVPA_STATUS_UNSUPPORTED_GPU". NVPW has no string function in every toolkit, so the names come
// from our own table (the values are the library's ABI and have never been renumbered); a value
// past it reads "NVPA status 42".
std::string nvpa_status_name(NVPA_Status status);
std::string describe_nvpw_error(NVPA_Status status, const char* call, const char* file, int line);
[[noreturn]] void throw_nvpw_error(NVPA_Status status, const char* call, const char* file,
                                   int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_nvpw_error(NVPA_Status status, const char* call, const char* file, int line) noexcept;

}  // namespace roof::cupti

#define ROOF_NVPW_CHECK(call)                                                        \
  do {                                                                               \
    const NVPA_Status roof_nvpw_status_ = (call);                                    \
    if (roof_nvpw_status_ != NVPA_STATUS_SUCCESS) {                                  \
      ::roof::cupti::throw_nvpw_error(roof_nvpw_status_, #call, __FILE__, __LINE__); \
    }                                                                                \
  } while (false)

#define ROOF_NVPW_CHECK_NOTHROW(call)                                                 \
  do {                                                                                \
    const NVPA_Status roof_nvpw_status_ = (call);                                     \
    if (roof_nvpw_status_ != NVPA_STATUS_SUCCESS) {                                   \
      ::roof::cupti::report_nvpw_error(roof_nvpw_status_, #call, __FILE__, __LINE__); \
    }                                                                                 \
  } while (false)
