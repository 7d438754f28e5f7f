#include "reports/chart_style.hpp"

#include <array>
#include <cmath>

#include "reports/svg.hpp"

namespace roof::chart {

std::string_view series_colour(std::size_t n) {
  static constexpr std::array<std::string_view, 7> palette = {
      "#0072b2",  // blue
      "#d55e00",  // vermillion
      "#009e73",  // bluish green
      "#cc79a7",  // reddish purple
      "#e69f00",  // orange
      "#56b4e9",  // sky blue
      "#000000",  // black
  };
  return palette[n % palette.size()];
}

std::string_view implementation_colour(std::string_view implementation) {
  struct Entry {
    std::string_view name, colour;
  };
  static constexpr std::array<Entry, 10> colours = {{
      {"direct", "#0072b2"},          // blue
      {"blocked_direct", "#7570b3"},  // slate violet: rung 2
      {"brgemm_direct", "#66a61e"},   // leaf green: rung 3
      {"packed_sgemm", "#009e73"},    // bluish green
      {"winograd_f2x3", "#8c6d1f"},   // dark gold: rung 5
      {"cuda", "#56b4e9"},            // sky blue: our GPU kernels
      {"blas", "#d55e00"},            // vermillion
      {"onednn", "#e69f00"},          // orange
      {"cudnn", "#cc79a7"},           // reddish purple
      {"cublas", "#6a3d9a"},          // dark purple: not the roofs' near-black ink
  }};
  for (const Entry& e : colours) {
    if (e.name == implementation) return e.colour;
  }
  return "#555555";  // dark grey: not one of the suite's
}

MarkerElement marker(const MarkerStyle& style) {
  const std::string fill = style.hollow ? "#ffffff" : style.colour;
  std::string stroke = style.hollow ? style.colour : "#ffffff";
  double stroke_width = style.hollow ? 1.8 : 0.6;
  if (style.above_roof) {
    stroke = std::string(kAboveRoofColour);
    stroke_width = 1.8;
  }
  const std::string paint = svg::attr("fill", fill) + svg::attr("stroke", stroke) +
                            svg::attr("stroke-width", stroke_width);
  const double r = style.size;
  switch (style.pass) {
    case Pass::fwd:
      return {"circle", svg::attr("r", r) + paint};
    case Pass::bwd_data: {
      // An upward triangle of about the circle's area, centred on its centroid.
      const double h = r * 2.2;
      const double half = h / std::sqrt(3.0);
      const std::string d = "M0," + svg::number(-h * 2 / 3) + "L" + svg::number(half) + "," +
                            svg::number(h / 3) + "L" + svg::number(-half) + "," +
                            svg::number(h / 3) + "Z";
      return {"path", svg::attr("d", d) + paint};
    }
    case Pass::bwd_weights: {
      const double a = r * 0.9;
      return {"rect", svg::attr("x", -a) + svg::attr("y", -a) + svg::attr("width", 2 * a) +
                          svg::attr("height", 2 * a) + paint};
    }
  }
  return {"circle", svg::attr("r", r) + paint};
}

std::string_view pass_shape_name(Pass pass) {
  switch (pass) {
    case Pass::fwd:
      return "circle";
    case Pass::bwd_data:
      return "triangle";
    case Pass::bwd_weights:
      return "square";
  }
  return "circle";
}

}  // namespace roof::chart
