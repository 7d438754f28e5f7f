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
// U+2028 and U+2029 break a line; the zero-width space and the bidirectional marks (U+061C,
// U+200B, U+200E-U+200F, U+202A-U+202E, U+2060-U+206F), the byte-order mark U+FEFF, the
// interlinear annotations (U+FFF9-U+FFFB) and the tag characters (U+E0000-U+E007F) are invisible
// or reorder the text around them, so a name holding one would read as something it is not.
// The zero-width (non-)joiners U+200C and U+200D stay: Persian, the Indic scripts and emoji
// sequences need them.
bool acts_as_control(char32_t c) {
  return c == 0x061c || c == 0x200b || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) ||
         (c >= 0xe0000 && c <= 0xe007f);
}

char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<char32_t>(text[i + k]) & 0xff; };
  if (length == 2) return ((byte(0) & 0x1f) << 6) | (byte(1) & 0x3f);
  if (length == 3) return ((byte(0) & 0x0f) << 12) | ((byte(1) & 0x3f) << 6) | (byte(2) & 0x3f);
  return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3f) << 12) | ((byte(2) & 0x3f) << 6) |
         (byte(3) & 0x3f);
}

// One character of `text` at i: how many bytes it takes, and its escaped form, or "" when it is
// printed as it is.
struct Step {
  std::size_t length = 1;
  std::string escaped;
};

Step step_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  const auto byte = static_cast<unsigned char>(c);
  Step step;
  if (c == '\n') {
    step.escaped = "\\n";
  } else if (c == '\t') {
    step.escaped = "\\t";
  } else if (c == '\r') {
    step.escaped = "\\r";
  } else if (byte < 0x20 || byte == 0x7f) {
    escape(step.escaped, byte);
  } else if (byte < 0x80) {
    // printed as it is
  } else if (const std::size_t length = utf8_length(text, i); length > 0) {
    step.length = length;  // a character in another script stays readable
    if (const char32_t point = code_point(text, i, length); acts_as_control(point)) {
      char escaped[12];
      std::snprintf(escaped, sizeof escaped, point > 0xffff ? "\\U%08x" : "\\u%04x",
                    static_cast<unsigned>(point));
      step.escaped = escaped;
    }
  } else {
    escape(step.escaped, byte);
  }
  return step;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Step step = step_at(text, i);
    if (step.escaped.empty()) {
      out.append(text.substr(i, step.length));
    } else {
      out += step.escaped;
    }
    i += step.length;
  }
  return out;
}

std::string unprintable_excerpt(std::string_view text, std::size_t width) {
  std::size_t first = 0;
  while (first < text.size() && step_at(text, first).escaped.empty()) {
    first += step_at(text, first).length;
  }
  if (first == text.size()) first = 0;
  // Start up to half the width before it, on a character's first byte.
  std::size_t start = first > width / 2 ? first - width / 2 : 0;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xc0) == 0x80) --start;
  std::size_t end = start;
  while (end < text.size() && end - start < width) end += step_at(text, end).length;
  return (start > 0 ? "..." : "") + printable(text.substr(start, end - start)) +
         (end < text.size() ? "..." : "");
}

}  // namespace roof
