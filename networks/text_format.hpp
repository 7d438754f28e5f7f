#pragma once

#include <cstdio>
#include <string>

namespace roof {

// A number with a fixed count of decimals, for the sentences and tables people read (JSON and
// CSV carry full precision instead).
inline std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace roof
