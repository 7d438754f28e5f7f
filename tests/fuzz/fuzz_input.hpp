#pragma once

// What every fuzz target shares: the input as text, and the one rule they check. Bad input may
// be refused only with InputError (a clear one-line message); any other exception escapes
// LLVMFuzzerTestOneInput, libFuzzer reports it as a crash with the input that caused it, and the
// sanitizers (ROOF_SANITIZE) turn undefined behaviour and memory errors into crashes too.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "support/input_error.hpp"

namespace roof::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs f(text); an InputError is the expected refusal of bad input.
template <typename F>
int refuse_only_with_input_error(const std::uint8_t* data, std::size_t size, F f) {
  try {
    f(text_of(data, size));
  } catch (const InputError&) {
  }
  return 0;
}

}  // namespace roof::fuzz
