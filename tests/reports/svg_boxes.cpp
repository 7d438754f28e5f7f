#include "tests/reports/svg_boxes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace roof::test {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kGlyph = 0.58;  // reports/roofline_chart.cpp's text_width

double number(const std::string& text) {
  return text.empty() ? 0 : std::stod(text);
}

// "translate(95.4,298.9) rotate(-35.3)": the offset and the angle in degrees (0, 0, 0 if none).
void transform_of(const std::string& t, double& tx, double& ty, double& degrees) {
  tx = ty = degrees = 0;
  if (const auto at = t.find("translate("); at != std::string::npos) {
    std::sscanf(t.c_str() + at, "translate(%lf,%lf)", &tx, &ty);
  }
  if (const auto at = t.find("rotate("); at != std::string::npos) {
    std::sscanf(t.c_str() + at, "rotate(%lf)", &degrees);
  }
}

void project(const Quad& q, double ax, double ay, double& lo, double& hi) {
  lo = std::numeric_limits<double>::max();
  hi = std::numeric_limits<double>::lowest();
  for (int i = 0; i < 4; ++i) {
    const double d = q.x[i] * ax + q.y[i] * ay;
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
}

}  // namespace

std::vector<Quad> label_boxes(const XmlNode& svg) {
  std::vector<Quad> out;
  std::vector<const XmlNode*> texts = svg.by_class("ceiling-label");
  for (const XmlNode* n : svg.by_class("ridge-label")) texts.push_back(n);
  for (const XmlNode* n : texts) {
    const double size = number(n->attribute("font-size"));
    const double width = kGlyph * size * static_cast<double>(n->text.size());
    double x0 = number(n->attribute("x"));
    if (n->attribute("text-anchor") == "end") x0 -= width;
    if (n->attribute("text-anchor") == "middle") x0 -= width / 2;
    const double base = number(n->attribute("y"));
    // Ascent about 0.75 of the size above the baseline, descent 0.2 below.
    const double top = base - 0.75 * size;
    const double bottom = base + 0.2 * size;
    double tx = 0;
    double ty = 0;
    double degrees = 0;
    transform_of(n->attribute("transform"), tx, ty, degrees);
    const double a = degrees * kPi / 180;
    const double lx[4] = {x0, x0 + width, x0 + width, x0};
    const double ly[4] = {top, top, bottom, bottom};
    Quad q;
    q.text = n->text;
    for (int i = 0; i < 4; ++i) {
      q.x[i] = tx + lx[i] * std::cos(a) - ly[i] * std::sin(a);
      q.y[i] = ty + lx[i] * std::sin(a) + ly[i] * std::cos(a);
    }
    out.push_back(q);
  }
  return out;
}

std::vector<Centre> point_centres(const XmlNode& svg) {
  std::vector<Centre> out;
  for (const XmlNode* n : svg.by_class("point")) {
    double x = 0;
    double y = 0;
    double degrees = 0;
    transform_of(n->attribute("transform"), x, y, degrees);
    out.push_back({x, y});
  }
  return out;
}

bool overlap(const Quad& a, const Quad& b, double margin) {
  for (const Quad* q : {&a, &b}) {
    for (int i = 0; i < 4; ++i) {
      const int j = (i + 1) % 4;
      const double ax = -(q->y[j] - q->y[i]);
      const double ay = q->x[j] - q->x[i];
      const double length = std::hypot(ax, ay);
      if (length == 0) continue;
      double a_lo = 0;
      double a_hi = 0;
      double b_lo = 0;
      double b_hi = 0;
      project(a, ax / length, ay / length, a_lo, a_hi);
      project(b, ax / length, ay / length, b_lo, b_hi);
      if (a_hi - margin <= b_lo || b_hi - margin <= a_lo) return false;  // a separating axis
    }
  }
  return true;
}

bool inside(const Quad& q, const Centre& c, double margin) {
  for (int i = 0; i < 4; ++i) {
    const int j = (i + 1) % 4;
    // The corners run clockwise on screen (y down): inside is to the right of every edge.
    const double cross = (q.x[j] - q.x[i]) * (c.y - q.y[i]) - (q.y[j] - q.y[i]) * (c.x - q.x[i]);
    const double length = std::hypot(q.x[j] - q.x[i], q.y[j] - q.y[i]);
    if (cross / length < margin) return false;
  }
  return true;
}

}  // namespace roof::test
