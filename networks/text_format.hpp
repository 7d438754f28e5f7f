#pragma once

#include <cstddef>
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

// Breaks text at spaces into lines of at most `width` columns (a longer word stays whole);
// every line after the first starts with `indent`. No trailing newline.
inline std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out;
  std::size_t line_length = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += "\n" + indent;
      line_length = indent.size();
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
    start = end + 1;
  }
  return out;
}

}  // namespace roof
