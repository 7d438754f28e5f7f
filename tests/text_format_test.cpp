// Labelled lines of the tables wrap within 100 columns, continuation lines included.
#include "support/text_format.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

namespace roof {
namespace {

std::size_t longest_line(const std::string& text) {
  std::istringstream in(text);
  std::size_t longest = 0;
  for (std::string line; std::getline(in, line);) longest = std::max(longest, line.size());
  return longest;
}

TEST(TextFormat, WrapFillsEveryLineToTheWidth) {
  EXPECT_EQ(wrap("aa bb cc dd", 5, "  "), "aa bb\n  cc\n  dd");
  EXPECT_EQ(wrap("one", 2, ""), "one");  // a longer word stays whole
  EXPECT_EQ(wrap("", 10, "  "), "");
}

// After a 19-column label the first line holds 81 columns of text and every later line, indent
// included, 100: the continuation lines used to stop at 81.
TEST(TextFormat, WrapAfterALabelCountsTheLabel) {
  const std::string label = "  caveat:          ";
  const std::string indent(label.size(), ' ');
  std::string text;
  for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i % 10) + " ";
  const std::string wrapped = label + wrap(text, 100, indent, label.size());
  EXPECT_LE(longest_line(wrapped), 100u);
  std::istringstream in(wrapped);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_GT(first.size(), 94u);
  EXPECT_GT(second.size(), 94u);
  EXPECT_EQ(second.rfind(indent + "word", 0), 0u);  // the indent, then a word: no extra space
  EXPECT_EQ(wrap("a b", 4, "  ", 2), "a\n  b");
}

}  // namespace
}  // namespace roof
