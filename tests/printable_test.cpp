// Error messages stay one printable line whatever a user typed or a file held.
#include "support/printable.hpp"

#include <gtest/gtest.h>

namespace roof {
namespace {

TEST(Printable, EscapesControlCharactersAndStrayBytes) {
  EXPECT_EQ(printable("vgg\n\x1b[31mred\t\r"), "vgg\\n\\x1b[31mred\\t\\r");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
  EXPECT_EQ(printable("bad \xff\xfe byte"), "bad \\xff\\xfe byte");
  EXPECT_EQ(printable("truncated \xc3"), "truncated \\xc3");
  EXPECT_EQ(printable("overlong \xc0\xaf"), "overlong \\xc0\\xaf");
  EXPECT_EQ(printable("C1 \xc2\x9b"), "C1 \\xc2\\x9b");  // U+009B, a terminal's CSI
}

// Characters that reorder, hide or break a line on a terminal though they are not C controls:
// the right-to-left override U+202E, the line separator U+2028, the byte-order mark U+FEFF.
TEST(Printable, EscapesLineSeparatorsAndInvisibleMarks) {
  EXPECT_EQ(printable("n\xe2\x80\xae"
                      "abc"),
            "n\\u202eabc");
  EXPECT_EQ(printable("a\xe2\x80\xa8"
                      "b"),
            "a\\u2028b");
  EXPECT_EQ(printable("\xef\xbb\xbfmb1"), "\\ufeffmb1");
  EXPECT_EQ(printable("zero\xe2\x80\x8bwidth"), "zero\\u200bwidth");
  EXPECT_FALSE(is_printable("n\xe2\x81\xa6x"));                   // U+2066, left-to-right isolate
  EXPECT_FALSE(is_printable("\xd8\x9c"));                         // U+061C, the Arabic letter mark
  EXPECT_EQ(printable("tag\xf3\xa0\x80\x81"), "tag\\U000e0001");  // U+E0001, a tag character
  EXPECT_TRUE(is_printable("\xe2\x80\x94"));                      // U+2014, an em dash, stays
  // The zero-width non-joiner and joiner stay: Persian words and emoji sequences need them.
  EXPECT_TRUE(is_printable("\xd9\x85\xe2\x80\x8c\xd9\x8a"));
  EXPECT_TRUE(is_printable("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"));
}

// A message shows the part of a long text around its first escaped character.
TEST(Printable, AnExcerptShowsTheFirstEscapedCharacter) {
  const std::string name = std::string(100, 'a') + "\x1b[31m" + std::string(100, 'b');
  const std::string excerpt = unprintable_excerpt(name, 40);
  EXPECT_NE(excerpt.find("\\x1b[31m"), std::string::npos) << excerpt;
  EXPECT_EQ(excerpt.substr(0, 3), "...");
  EXPECT_EQ(excerpt.substr(excerpt.size() - 3), "...");
  EXPECT_LT(excerpt.size(), 60u);
  EXPECT_EQ(unprintable_excerpt("short"), "short");
  // Never starts inside a character of several bytes.
  std::string word;
  for (int i = 0; i < 30; ++i) word += "\xc3\xa9";  // e acute
  word += "\n";
  EXPECT_EQ(unprintable_excerpt(word, 10).find("\\x"), std::string::npos);
}

TEST(Printable, KeepsPrintableTextAndOtherScripts) {
  EXPECT_EQ(printable("plain text, (42) 'quoted'"), "plain text, (42) 'quoted'");
  EXPECT_EQ(printable("donn\xc3\xa9"
                      "es.json"),
            "donn\xc3\xa9"
            "es.json");  // données
  EXPECT_EQ(printable("\xe2\x80\x94 \xf0\x9f\x99\x82"), "\xe2\x80\x94 \xf0\x9f\x99\x82");
}

}  // namespace
}  // namespace roof
