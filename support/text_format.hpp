#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace roof {

// A number with a fixed count of decimals, for the sentences and tables people read (JSON and
// CSV carry full precision instead).
inline std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// A number in a message as printf's %g writes it: 1e-300 and 1e+300 stay readable, where
// std::to_string gives 0.000000 and fixed() 301 digits.
inline std::string general_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Breaks text at spaces into lines of at most `width` columns (a longer word stays whole);
// every line after the first starts with `indent`; the first line continues one that already
// holds `first_column` columns (a label). No trailing newline.
inline std::string wrap(const std::string& text, std::size_t width, const std::string& indent,
                        std::size_t first_column = 0) {
  std::string out;
  std::size_t line_length = first_column;
  bool line_empty = true;  // no word on the current line yet
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line_empty && line_length + 1 + word.size() > width) {
      out += "\n" + indent;
      line_length = indent.size();
      line_empty = true;
    } else if (!line_empty) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
    if (!word.empty()) line_empty = false;
    start = end + 1;
  }
  return out;
}

// Names in the catalogues and choices on the command line match case-insensitively.
inline std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A CSV field as RFC 4180 writes it: quoted, with its quotes doubled, when it holds a comma, a
// quote or a line break (a user's layer name may: "conv,1" would shift every later column).
inline std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// A word as a POSIX shell reads it back: as it is when it holds only characters no shell splits
// or expands, else in single quotes (a quote inside as '\'').
inline std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-+=/.,:@%") == std::string_view::npos;
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// "a, b, c": the items with `separator` between them.
inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty() || &item != &items.front()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace roof
