#pragma once

#include <cstdio>
#include <string>

#include "reports/chart_geometry.hpp"
#include "tests/reports/xml_tree.hpp"

namespace roof::test {

// The plot area a chart declares (<rect class="plot-area">).
inline chart::Box plot_area(const XmlNode& svg) {
  const auto rects = svg.by_class("plot-area");
  if (rects.size() != 1) throw std::runtime_error("a chart needs exactly one plot-area");
  const XmlNode& r = *rects[0];
  const double x = std::stod(r.attribute("x")), y = std::stod(r.attribute("y"));
  return {x, y, x + std::stod(r.attribute("width")), y + std::stod(r.attribute("height"))};
}

// Where a point is drawn: its group's transform="translate(x,y)".
inline std::pair<double, double> translation(const XmlNode& point) {
  double x = 0, y = 0;
  if (std::sscanf(point.attribute("transform").c_str(), "translate(%lf,%lf)", &x, &y) != 2) {
    throw std::runtime_error("a point without translate(x,y)");
  }
  return {x, y};
}

}  // namespace roof::test
