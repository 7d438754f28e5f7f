#pragma once

#include <cstdint>
#include <string_view>

#include "support/input_error.hpp"

namespace roof {

// Counts are int64 so that any batch up to 65536 is exact; these refuse to wrap instead of
// printing a wrong number when a user asks for something larger still.
inline std::int64_t checked_mul(std::int64_t a, std::int64_t b, std::string_view what = "count") {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw InputError(std::string(what) + " overflows 64 bits; use a smaller batch");
  }
  return product;
}

inline std::int64_t checked_add(std::int64_t a, std::int64_t b, std::string_view what = "count") {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    throw InputError(std::string(what) + " overflows 64 bits; use a smaller batch");
  }
  return sum;
}

// ceil(a / b) for a >= 0, b > 0, without forming a + b - 1 (which wraps when a is near the
// largest int64: --images 9223372036854775807 gave a negative count of iterations).
inline std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return a / b + (a % b != 0 ? 1 : 0);
}

}  // namespace roof
