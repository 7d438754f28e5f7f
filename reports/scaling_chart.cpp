#include "reports/scaling_chart.hpp"

#include <algorithm>
#include <sstream>

#include "reports/chart_geometry.hpp"
#include "reports/chart_style.hpp"
#include "reports/chart_text.hpp"
#include "reports/svg.hpp"
#include "support/text_format.hpp"

namespace roof::chart {
namespace {

using svg::attr;
using svg::number;

constexpr double kWidth = 1000;
constexpr double kPlotLeft = 76;
constexpr double kPlotRight = 660;
constexpr double kPlotHeight = 360;
constexpr double kLegendLeft = 690;
constexpr std::size_t kLegendColumns = 44;  // of 11.5 px text in the legend's 300 px
constexpr double kModelDot = 3.2;
constexpr double kMeasuredSize = 6.5;

// A diamond centred on (0, 0), the measured points' mark: no model point has that shape. Built by
// appending: GCC 12's -Wrestrict misfires on "M" + std::string.
std::string diamond(double r) {
  std::string d = "M0,";
  d += number(-r);
  d += 'L';
  d += number(r);
  d += ",0L0,";
  d += number(r);
  d += 'L';
  d += number(-r);
  d += ",0Z";
  return d;
}

// Lines drawn later are thinner, so one that runs on top of another (two strategies with the
// same speedups) leaves the one below it visible at its edges.
double line_width(std::size_t index) {
  return std::max(3.0 - 0.6 * static_cast<double>(index), 1.4);
}

std::string gpus_text(int gpus) {
  return std::to_string(gpus) + (gpus == 1 ? " GPU" : " GPUs");
}

struct Layout {
  Box plot;
  LinearAxis x;
  LinearAxis y;
  double height = 0;
};

std::vector<std::string> legend_lines(const ScalingChart& chart) {
  std::vector<std::string> out;
  for (const ScalingLine& line : chart.lines) {
    std::string text = line.legend.empty() ? line.name : line.legend;
    if (!line.points.empty()) {
      const ScalingPoint& last = line.points.back();
      text += ": " + fixed(last.speedup, 2) + "x on " + gpus_text(last.gpus);
    }
    out.push_back(text);
  }
  return out;
}

Layout layout_of(const ScalingChart& chart) {
  int most_gpus = 2;
  double highest = 2;
  for (const ScalingLine& line : chart.lines) {
    for (const ScalingPoint& p : line.points) {
      most_gpus = std::max(most_gpus, p.gpus);
      highest = std::max(highest, p.speedup);
    }
  }
  for (const MeasuredScaling& m : chart.measured) {
    for (const ScalingPoint& p : m.points) {
      most_gpus = std::max(most_gpus, p.gpus);
      highest = std::max(highest, p.speedup);
    }
  }
  highest = std::max(highest, static_cast<double>(most_gpus));  // the ideal's end
  Layout layout;
  const double top = 34 + kLineHeight * static_cast<double>(lines_of(chart.subtitle).size()) + 20;
  layout.plot = Box{kPlotLeft, top, kPlotRight, top + kPlotHeight};
  layout.x = nice_linear_axis(most_gpus, kPlotLeft, kPlotRight, std::min(most_gpus, 8));
  layout.y = nice_linear_axis(highest, layout.plot.bottom, layout.plot.top,
                              std::min(static_cast<int>(highest + 0.999), 8));
  std::size_t note_lines = 0;
  for (const std::string& note : chart.notes) note_lines += lines_of(note).size();
  double legend_bottom = top + 40 + 17.0 * static_cast<double>(chart.lines.size() + 1);
  for (const MeasuredScaling& m : chart.measured) {
    legend_bottom += 17.0 * static_cast<double>(lines_of(m.label, kLegendColumns).size()) + 30;
  }
  layout.height = std::max(layout.plot.bottom + 56 + kLineHeight * static_cast<double>(note_lines),
                           legend_bottom) +
                  12;
  return layout;
}

class Renderer {
 public:
  Renderer(const ScalingChart& chart, const Layout& layout)
      : chart_(chart), layout_(layout), doc_(kWidth, layout.height, chart.title, chart.subtitle) {}

  std::string render() {
    header();
    axes();
    ideal();
    lines();
    measured();
    legend();
    footnotes();
    return doc_.finish();
  }

 private:
  double px(double gpus) const { return layout_.x.to_pixel(gpus); }
  double py(double speedup) const { return layout_.y.to_pixel(speedup); }

  std::string colour_of(const std::string& line) const {
    for (const ScalingLine& l : chart_.lines) {
      if (l.name == line) return l.colour;
    }
    return std::string(kInkColour);
  }

  void header() { write_heading(doc_, chart_.title, lines_of(chart_.subtitle)); }

  void axes() {
    const Box& b = layout_.plot;
    doc_.element("rect", " class=\"plot-area\"" + attr("x", b.left) + attr("y", b.top) +
                             attr("width", b.width()) + attr("height", b.height()) +
                             " fill=\"#ffffff\" stroke=\"#9a9a9a\"");
    doc_.open_group(" class=\"grid\"" + attr("stroke", kGridColour) + " stroke-width=\"1\"");
    for (const double t : layout_.x.ticks()) {
      doc_.element(
          "line", attr("x1", px(t)) + attr("y1", b.top) + attr("x2", px(t)) + attr("y2", b.bottom));
    }
    for (const double t : layout_.y.ticks()) {
      doc_.element(
          "line", attr("x1", b.left) + attr("y1", py(t)) + attr("x2", b.right) + attr("y2", py(t)));
    }
    doc_.close_group();

    const auto decimals = [](const LinearAxis& axis) { return axis.step >= 1 ? 0 : 1; };
    doc_.open_group(" class=\"axis x-axis\" stroke=\"#555555\"");
    doc_.element("line", attr("x1", b.left) + attr("y1", b.bottom) + attr("x2", b.right) +
                             attr("y2", b.bottom));
    for (const double t : layout_.x.ticks()) {
      doc_.element("line", " class=\"tick\"" + attr("x1", px(t)) + attr("y1", b.bottom) +
                               attr("x2", px(t)) + attr("y2", b.bottom + 6));
      doc_.text(" class=\"tick-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                    attr("x", px(t)) + attr("y", b.bottom + 19),
                fixed(t, decimals(layout_.x)));
    }
    doc_.text(" class=\"axis-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                  attr("x", (b.left + b.right) / 2) + attr("y", b.bottom + 40),
              "GPUs (linear axis)");
    doc_.close_group();

    doc_.open_group(" class=\"axis y-axis\" stroke=\"#555555\"");
    doc_.element(
        "line", attr("x1", b.left) + attr("y1", b.top) + attr("x2", b.left) + attr("y2", b.bottom));
    for (const double t : layout_.y.ticks()) {
      doc_.element("line", " class=\"tick\"" + attr("x1", b.left - 6) + attr("y1", py(t)) +
                               attr("x2", b.left) + attr("y2", py(t)));
      doc_.text(" class=\"tick-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"end\"" +
                    attr("x", b.left - 9) + attr("y", py(t) + 4),
                fixed(t, decimals(layout_.y)));
    }
    doc_.text(
        " class=\"axis-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
            attr("transform", "translate(24," + number((b.top + b.bottom) / 2) + ") rotate(-90)"),
        "speedup over one GPU (linear axis)");
    doc_.close_group();
  }

  int most_gpus() const {
    int most = 1;
    for (const ScalingLine& line : chart_.lines) {
      for (const ScalingPoint& p : line.points) most = std::max(most, p.gpus);
    }
    for (const MeasuredScaling& m : chart_.measured) {
      for (const ScalingPoint& p : m.points) most = std::max(most, p.gpus);
    }
    return most;
  }

  void ideal() {
    const double n = most_gpus();
    doc_.element("line",
                 " class=\"ideal\"" + attr("x1", px(1)) + attr("y1", py(1)) + attr("x2", px(n)) +
                     attr("y2", py(n)) + attr("stroke", kInkColour) +
                     " stroke-width=\"1.3\" stroke-dasharray=\"6 4\"",
                 "ideal: speedup = GPUs (every GPU as fast as one alone, no communication)");
  }

  void lines() {
    doc_.open_group(" class=\"lines\"");
    for (std::size_t i = 0; i < chart_.lines.size(); ++i) {
      const ScalingLine& line = chart_.lines[i];
      std::string points;
      std::string summary = (line.legend.empty() ? line.name : line.legend) + ", modelled:";
      // Built by appending: GCC 12's -Wrestrict misfires on " " + std::string.
      for (const ScalingPoint& p : line.points) {
        if (!points.empty()) points += ' ';
        points += number(px(p.gpus));
        points += ',';
        points += number(py(p.speedup));
        summary += ' ';
        summary += gpus_text(p.gpus);
        summary += ' ';
        summary += fixed(p.speedup, 2);
        summary += "x;";
      }
      summary.pop_back();
      doc_.element("polyline",
                   " class=\"scaling-line\"" + attr("data-line", line.name) +
                       attr("points", points) + " fill=\"none\"" + attr("stroke", line.colour) +
                       attr("stroke-width", line_width(i)) + " stroke-linejoin=\"round\"",
                   summary);
      for (const ScalingPoint& p : line.points) {
        doc_.element("circle",
                     " class=\"model-point\"" + attr("data-line", line.name) +
                         attr("data-gpus", std::to_string(p.gpus)) +
                         attr("data-speedup", fixed(p.speedup, 4)) + attr("cx", px(p.gpus)) +
                         attr("cy", py(p.speedup)) + attr("r", kModelDot) +
                         attr("fill", line.colour),
                     p.tooltip);
      }
    }
    doc_.close_group();
  }

  // A hollow diamond with a dot in the line's colour, centred on the group's origin.
  void measured_mark(const std::string& colour) {
    doc_.element("path", attr("d", diamond(kMeasuredSize)) + " fill=\"#ffffff\"" +
                             attr("stroke", colour) + " stroke-width=\"2.2\"");
    doc_.element("circle", attr("r", 1.6) + attr("fill", colour));
  }

  void measured() {
    doc_.open_group(" class=\"measured-points\"");
    for (const MeasuredScaling& m : chart_.measured) {
      const std::string colour = colour_of(m.line);
      for (const ScalingPoint& p : m.points) {
        doc_.open_group(" class=\"point measured\"" + attr("data-gpus", std::to_string(p.gpus)) +
                        attr("data-speedup", fixed(p.speedup, 4)) +
                        attr("transform", "translate(" + number(px(p.gpus)) + "," +
                                              number(py(p.speedup)) + ")"));
        doc_.title(p.tooltip.empty() ? m.label : p.tooltip);
        measured_mark(colour);
        doc_.close_group();
      }
    }
    doc_.close_group();
  }

  void legend_text(double x, double y, const std::string& text) {
    write_legend_text(doc_, x, y, text);
  }

  void legend() {
    doc_.open_group(" class=\"legend\"");
    const double x = kLegendLeft;
    double y = layout_.plot.top + 6;
    write_legend_heading(doc_, x, y, "lines: modelled");
    y += 18;
    const std::vector<std::string> texts = legend_lines(chart_);
    for (std::size_t i = 0; i < chart_.lines.size(); ++i) {
      const std::string& colour = chart_.lines[i].colour;
      doc_.element("line", attr("x1", x) + attr("y1", y) + attr("x2", x + 16) + attr("y2", y) +
                               attr("stroke", colour) + attr("stroke-width", line_width(i)));
      doc_.element("circle",
                   attr("cx", x + 8) + attr("cy", y) + attr("r", kModelDot) + attr("fill", colour));
      legend_text(x + 22, y, texts[i]);
      y += 17;
    }
    doc_.element("line", attr("x1", x) + attr("y1", y) + attr("x2", x + 16) + attr("y2", y) +
                             attr("stroke", kInkColour) +
                             " stroke-width=\"1.3\" stroke-dasharray=\"6 4\"");
    legend_text(x + 22, y, "ideal: speedup = GPUs");
    y += 25;
    if (!chart_.measured.empty()) {
      write_legend_heading(doc_, x, y, "markers: measured");
      y += 18;
    }
    for (const MeasuredScaling& m : chart_.measured) {
      doc_.open_group(attr("transform", "translate(" + number(x + 8) + "," + number(y) + ")"));
      measured_mark(colour_of(m.line));
      doc_.close_group();
      for (const std::string& line : lines_of(m.label, kLegendColumns)) {
        doc_.text(" class=\"legend-measured\"" + attr("x", x + 22) + attr("y", y + 4) +
                      attr("font-size", 11.5) + attr("fill", kInkColour),
                  line);
        y += 15;
      }
      y += 4;
    }
    doc_.close_group();
  }

  void footnotes() {
    std::vector<std::string> lines;
    for (const std::string& note : chart_.notes) {
      for (const std::string& line : lines_of(note)) lines.push_back(line);
    }
    write_notes(doc_, lines, layout_.plot.bottom + 62);
  }

  const ScalingChart& chart_;
  const Layout& layout_;
  svg::Document doc_;
};

}  // namespace

std::string render_scaling(const ScalingChart& chart) {
  const Layout layout = layout_of(chart);
  return Renderer(chart, layout).render();
}

}  // namespace roof::chart
