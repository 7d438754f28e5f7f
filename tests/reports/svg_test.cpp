// The SVG writer: escaping, numbers, and a document any XML parser accepts.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/svg.hpp"
#include "tests/reports/xml_tree.hpp"

namespace roof::svg {
namespace {

TEST(Svg, EscapesTheFiveXmlCharacters) {
  EXPECT_EQ(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(escape("inception_3a.1x1 resnet50:layer1.0.conv2"),
            "inception_3a.1x1 resnet50:layer1.0.conv2");
}

TEST(Svg, NumbersHaveOneDecimalAndNoNegativeZero) {
  EXPECT_EQ(number(2.0), "2");
  EXPECT_EQ(number(12.34), "12.3");
  EXPECT_EQ(number(-3.06), "-3.1");
  EXPECT_EQ(number(-0.04), "0");
  EXPECT_EQ(number(1e6), "1000000");
  EXPECT_THROW(number(std::nan("")), std::logic_error);
}

TEST(Svg, AttributesAreEscaped) {
  EXPECT_EQ(attr("data-layer", "a\"b"), " data-layer=\"a&quot;b\"");
  EXPECT_EQ(attr("x", 0.25), " x=\"0.2\"");
}

TEST(Svg, DocumentIsWellFormedWhateverTheNames) {
  Document doc(100, 50, "chart of <conv> & \"fc\"", "it's a test");
  doc.open_group(attr("class", "points"));
  doc.open_group(attr("class", "point"));
  doc.title("googlenet:inception_3a.1x1 <fwd> & more");
  doc.element("circle", attr("r", 3.0));
  doc.close_group();
  doc.element("rect", attr("width", 10.0), "a tooltip with <angle brackets>");
  doc.text(attr("x", 1.0), "label & \"quote\"");
  const std::string svg = doc.finish();  // closes the open group
  const auto root = test::parse_xml(svg);
  EXPECT_EQ(root->name, "svg");
  EXPECT_EQ(root->attribute("xmlns"), "http://www.w3.org/2000/svg");
  EXPECT_EQ(root->child("title")->text, "chart of <conv> & \"fc\"");
  const auto points = root->by_class("point");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0]->child("title")->text, "googlenet:inception_3a.1x1 <fwd> & more");
  EXPECT_EQ(root->by_name("rect").back()->child("title")->text, "a tooltip with <angle brackets>");
  EXPECT_EQ(root->by_name("text").at(0)->text, "label & \"quote\"");
}

TEST(XmlTree, RejectsWhatIsNotWellFormed) {
  EXPECT_THROW(test::parse_xml("<a><b></a></b>"), std::runtime_error);
  EXPECT_THROW(test::parse_xml("<a x=1/>"), std::runtime_error);
  EXPECT_THROW(test::parse_xml("<a>x & y</a>"), std::runtime_error);
  EXPECT_THROW(test::parse_xml("<a>"), std::runtime_error);
  EXPECT_THROW(test::parse_xml("<a/><b/>"), std::runtime_error);
  EXPECT_NO_THROW(test::parse_xml("<!DOCTYPE html>\n<a x='1'><!-- c --><b/>t &amp; u</a>"));
}

}  // namespace
}  // namespace roof::svg
