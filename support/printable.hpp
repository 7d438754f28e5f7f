#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace roof {

// An error message as one printable line: control characters (a newline, a terminal escape)
// and bytes that are not well-formed UTF-8 are shown as \n, \t, \r or \xNN, and the Unicode
// line separators and invisible or bidirectional marks (U+2028, U+202E, U+FEFF, ...) as \uXXXX,
// so whatever a user typed or a file held is named, never executed by the terminal, reordered
// nor split over lines; characters of other scripts (a file named données.json) stay as they
// are.
std::string printable(std::string_view text);

// A short excerpt of `text` for a message about it: about `width` bytes around the first
// character printable() escapes (or from the start), made printable, with "..." where cut, so
// that a long name's offending character is shown rather than cut off.
std::string unprintable_excerpt(std::string_view text, std::size_t width = 40);

// True when printable() leaves the text as it is: well-formed UTF-8 without control characters
// or the marks above.
inline bool is_printable(std::string_view text) {
  return printable(text) == text;
}

}  // namespace roof
