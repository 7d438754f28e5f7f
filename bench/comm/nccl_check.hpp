#pragma once

#include <nccl.h>

#include <stdexcept>
#include <string>

// ncclCommGetAsyncError and ncclCommAbort, with which a wait polls for a failed communicator and
// ends it instead of blocking forever, exist since NCCL 2.4. Without them bench_comm still polls
// the streams and enforces ROOF_COMM_TIMEOUT_S, but cannot stop a hung collective.
#if defined(NCCL_VERSION_CODE) && defined(NCCL_VERSION)
#if NCCL_VERSION_CODE >= NCCL_VERSION(2, 4, 0)
#define ROOF_NCCL_HAS_ASYNC_ERRORS 1
#endif
#endif
#ifndef ROOF_NCCL_HAS_ASYNC_ERRORS
#define ROOF_NCCL_HAS_ASYNC_ERRORS 0
#endif

namespace roof::bench::comm {

// A failed NCCL call: the call's text, where it was made, NCCL's words for the status and, where
// the library has them (NCCL 2.13 and newer), its words for the last failure.
class NcclError : public std::runtime_error {
 public:
  NcclError(ncclResult_t code, const std::string& what) : std::runtime_error(what), code_(code) {}
  ncclResult_t code() const { return code_; }

 private:
  ncclResult_t code_;
};

// NCCL's words for `code` and, where the library has them (2.13 and newer), for the last failure:
// "unhandled system error (remote process exited or there was a network error)".
std::string nccl_error_text(ncclResult_t code);

[[noreturn]] void throw_nccl_error(ncclResult_t code, const char* call, const char* file, int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_nccl_error(ncclResult_t code, const char* call, const char* file, int line) noexcept;

// "2.28.9", from ncclGetVersion (the library loaded, not the header compiled against).
std::string nccl_version();

}  // namespace roof::bench::comm

#define ROOF_NCCL_CHECK(call)                                                              \
  do {                                                                                     \
    const ncclResult_t roof_nccl_status_ = (call);                                         \
    if (roof_nccl_status_ != ncclSuccess) {                                                \
      ::roof::bench::comm::throw_nccl_error(roof_nccl_status_, #call, __FILE__, __LINE__); \
    }                                                                                      \
  } while (false)

#define ROOF_NCCL_CHECK_NOTHROW(call)                                                       \
  do {                                                                                      \
    const ncclResult_t roof_nccl_status_ = (call);                                          \
    if (roof_nccl_status_ != ncclSuccess) {                                                 \
      ::roof::bench::comm::report_nccl_error(roof_nccl_status_, #call, __FILE__, __LINE__); \
    }                                                                                       \
  } while (false)
