#include "support/printable.hpp"

#include <cstdio>

namespace roof {
namespace {

void escape(std::string& out, unsigned char byte) {
  char escaped[5];
  std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
  out += escaped;
}

// The length of the well-formed UTF-8 sequence of a printable character starting at text[i]
// (2 to 4 bytes), or 0: a stray byte, a truncated or overlong sequence, a C1 control.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead >= 0xf0 && lead <= 0xf4   ? 4
                             : lead >= 0xe0                 ? 3
                             : lead >= 0xc2 && lead <= 0xdf ? 2
                                                            : 0;
  if (length == 0 || lead > 0xf4 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  }
  if (lead == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) return 0;  // C1 controls
  if (lead == 0xe0 && static_cast<unsigned char>(text[i + 1]) < 0xa0) return 0;  // overlong
  if (lead == 0xf0 && static_cast<unsigned char>(text[i + 1]) < 0x90) return 0;  // overlong
  return length;
}

// Characters that are not control characters in the C sense but act like them on a terminal:
// U+2028 and U+2029 break a line; the zero-width and bidirectional marks (U+200B-U+200F,
// U+202A-U+202E, U+2060-U+2069) and the byte-order mark U+FEFF are invisible or reorder the
// text around them, so a name holding one would read as something it is not.
bool acts_as_control(char32_t c) {
  return (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0xfeff;
}

char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<char32_t>(text[i + k]) & 0xff; };
  if (length == 2) return ((byte(0) & 0x1f) << 6) | (byte(1) & 0x3f);
  if (length == 3) return ((byte(0) & 0x0f) << 12) | ((byte(1) & 0x3f) << 6) | (byte(2) & 0x3f);
  return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3f) << 12) | ((byte(2) & 0x3f) << 6) |
         (byte(3) & 0x3f);
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (byte < 0x20 || byte == 0x7f) {
      escape(out, byte);
    } else if (byte < 0x80) {
      out += c;
    } else if (const std::size_t length = utf8_length(text, i); length > 0) {
      if (const char32_t point = code_point(text, i, length); acts_as_control(point)) {
        char escaped[9];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(point));
        out += escaped;
      } else {
        out.append(text.substr(i, length));  // a character in another script stays readable
      }
      i += length - 1;
    } else {
      escape(out, byte);
    }
  }
  return out;
}

}  // namespace roof
