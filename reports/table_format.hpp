#pragma once

// Cells of the fixed-width tables the `roofline` subcommands print.

#include <cstdio>
#include <string>

#include "support/text_format.hpp"

namespace roof {

// printf into a std::string, for fixed-width rows.
template <typename... Args>
std::string row(const char* format, Args... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, format, args...);
  return buffer;
}

inline std::string ms(double seconds) {
  return fixed(1e3 * seconds, 3);
}

// Seconds as a person reads a run's length: s below two minutes, min below two hours, then h.
inline std::string duration(double seconds) {
  if (seconds < 120) return fixed(seconds, 1) + " s";
  if (seconds < 7200) return fixed(seconds / 60, 1) + " min";
  return fixed(seconds / 3600, 2) + " h";
}

}  // namespace roof
