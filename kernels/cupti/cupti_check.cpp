#include "kernels/cupti/cupti_check.hpp"

#include <cupti.h>

#include <cstdio>

namespace roof::cupti {

std::string cupti_result_text(CUptiResult result) {
  const char* text = nullptr;
  // The lookup has a status of its own: a result this CUPTI does not know makes it fail.
  if (cuptiGetResultString(result, &text) != CUPTI_SUCCESS || text == nullptr) {
    return "CUPTI result " + std::to_string(static_cast<int>(result));
  }
  return text;
}

std::string describe_cupti_error(CUptiResult result, const char* call, const char* file, int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         cupti_result_text(result);
}

void throw_cupti_error(CUptiResult result, const char* call, const char* file, int line) {
  throw CuptiError(result, describe_cupti_error(result, call, file, line));
}

void report_cupti_error(CUptiResult result, const char* call, const char* file, int line) noexcept {
  try {
    std::fprintf(stderr, "roofline: warning: %s\n",
                 describe_cupti_error(result, call, file, line).c_str());
  } catch (...) {  // formatting allocates; a destructor must not throw even then
    std::fprintf(stderr, "roofline: warning: %s failed (CUPTI result %d)\n", call,
                 static_cast<int>(result));
  }
}

}  // namespace roof::cupti
