#pragma once

#include <cupti_result.h>

#include <stdexcept>
#include <string>

namespace roof::cupti {

// A failed CUPTI call: the call's text, where it was made, and CUPTI's name for the result.
class CuptiError : public std::runtime_error {
 public:
  CuptiError(CUptiResult result, const std::string& what)
      : std::runtime_error(what), result_(result) {}
  CUptiResult result() const { return result_; }

 private:
  CUptiResult result_;
};

// "CUPTI_ERROR_INVALID_PARAMETER", from cuptiGetResultString; "CUPTI result 12345" for a result
// this CUPTI has no words for (cuptiGetResultString then fails itself).
std::string cupti_result_text(CUptiResult result);
std::string describe_cupti_error(CUptiResult result, const char* call, const char* file, int line);
[[noreturn]] void throw_cupti_error(CUptiResult result, const char* call, const char* file,
                                    int line);
// For destructors, which must not throw: reports on stderr and carries on.
void report_cupti_error(CUptiResult result, const char* call, const char* file, int line) noexcept;

}  // namespace roof::cupti

#define ROOF_CUPTI_CHECK(call)                                                         \
  do {                                                                                 \
    const CUptiResult roof_cupti_result_ = (call);                                     \
    if (roof_cupti_result_ != CUPTI_SUCCESS) {                                         \
      ::roof::cupti::throw_cupti_error(roof_cupti_result_, #call, __FILE__, __LINE__); \
    }                                                                                  \
  } while (false)

#define ROOF_CUPTI_CHECK_NOTHROW(call)                                                  \
  do {                                                                                  \
    const CUptiResult roof_cupti_result_ = (call);                                      \
    if (roof_cupti_result_ != CUPTI_SUCCESS) {                                          \
      ::roof::cupti::report_cupti_error(roof_cupti_result_, #call, __FILE__, __LINE__); \
    }                                                                                   \
  } while (false)
