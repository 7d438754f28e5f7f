#pragma once

#include <array>
#include <string>
#include <vector>

#include "tests/reports/xml_tree.hpp"

// Where a chart's labels and points sit, read back from its SVG, for the layout tests: a text's
// box from its position, anchor, rotation and font size, with the width the charts assume for a
// glyph (0.58 of the font size, reports/roofline_chart.cpp), and each point's centre.
namespace roof::test {

struct Quad {
  std::array<double, 4> x{};  // corners, in order around the box
  std::array<double, 4> y{};
  std::string text;
};

struct Centre {
  double x = 0;
  double y = 0;
};

// The ceiling and ridge labels of a roofline chart.
std::vector<Quad> label_boxes(const XmlNode& svg);
// The centre of every <g class="point">.
std::vector<Centre> point_centres(const XmlNode& svg);

// Whether two convex quads overlap by more than `margin` (separating axes).
bool overlap(const Quad& a, const Quad& b, double margin = 0.5);
// Whether the centre lies inside the quad, `margin` in from its edges.
bool inside(const Quad& q, const Centre& c, double margin = 0.5);

}  // namespace roof::test
