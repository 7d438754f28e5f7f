#include "reports/roofline_chart.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <sstream>

#include "reports/chart_style.hpp"
#include "reports/chart_text.hpp"
#include "reports/svg.hpp"
#include "support/text_format.hpp"

namespace roof::chart {
namespace {

using svg::attr;
using svg::number;

constexpr double kWidth = 1000;
constexpr double kPlotLeft = 84;
constexpr double kPlotRight = 720;
constexpr double kPlotHeight = 450;
constexpr double kLegendLeft = 742;
constexpr double kLabelFont = 11;
// A white outline behind label text, drawn first, keeps labels legible across grid and lines.
constexpr const char* kHalo = " paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\"";

// Text is not measured (no font metrics here): an average glyph of sans-serif text is about
// 0.56 of its size, which is what the label placement needs to keep labels apart.
double text_width(const std::string& text, double font_size) {
  return 0.58 * font_size * static_cast<double>(text.size());
}

std::vector<std::string> notes_of(const RooflineChart& chart) {
  int above_memory = 0;
  int above_compute = 0;
  for (const ChartPoint& p : chart.points) {
    const RoofSide side = side_of(chart, p);
    above_memory += side == RoofSide::above_memory;
    above_compute += side == RoofSide::above_compute;
  }
  std::vector<std::string> notes;
  if (above_memory > 0) {
    notes.push_back(
        std::to_string(above_memory) +
        " layer-passes lie above the memory ceiling (red outline): " + chart.above_memory_why);
  }
  if (above_compute > 0) {
    notes.push_back(
        std::to_string(above_compute) +
        " layer-passes lie above the compute peak (red outline): " + chart.above_compute_why);
  }
  notes.insert(notes.end(), chart.notes.begin(), chart.notes.end());
  return notes;
}

// A diamond of 10 pixels centred on (x, y), the ridge point's mark. Built by appending: GCC 12's
// -Wrestrict misfires on "M" + std::string.
std::string diamond(double x, double y) {
  std::string d = "M";
  d += number(x);
  d += ',';
  d += number(y - 5);
  d += "l5,5l-5,5l-5,-5z";
  return d;
}

double header_height(const RooflineChart& chart) {
  return 34 + kLineHeight * static_cast<double>(lines_of(chart.subtitle).size()) + 14;
}

class Renderer {
 public:
  Renderer(const RooflineChart& chart, const RooflineLayout& layout)
      : chart_(chart),
        layout_(layout),
        doc_(layout.width, layout.height, chart.title, chart.subtitle) {}

  std::string render() {
    header();
    axes();
    for (std::size_t i = 0; i < chart_.roofs.size(); ++i) ceilings(i);
    points();
    ceiling_labels();  // over the points, which they avoid where the line leaves room
    legend();
    footnotes();
    return doc_.finish();
  }

 private:
  double px(double ai) const { return layout_.x.to_pixel(ai); }
  double py(double flops) const { return layout_.y.to_pixel(flops); }
  std::string roof_prefix(const RoofLines& roof) const {
    return chart_.roofs.size() > 1 ? roof.name + ": " : "";
  }

  void header() { write_heading(doc_, chart_.title, lines_of(chart_.subtitle)); }

  void axes() {
    const Box& b = layout_.plot;
    doc_.element("rect", " class=\"plot-area\"" + attr("x", b.left) + attr("y", b.top) +
                             attr("width", b.width()) + attr("height", b.height()) +
                             " fill=\"#ffffff\" stroke=\"#9a9a9a\"");
    doc_.open_group(" class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\"");
    for (const int d : layout_.x.decades()) {
      const double x = px(std::pow(10.0, d));
      doc_.element("line",
                   attr("x1", x) + attr("y1", b.top) + attr("x2", x) + attr("y2", b.bottom));
    }
    for (const int d : layout_.y.decades()) {
      const double y = py(std::pow(10.0, d));
      doc_.element("line",
                   attr("x1", b.left) + attr("y1", y) + attr("x2", b.right) + attr("y2", y));
    }
    doc_.close_group();

    doc_.open_group(" class=\"axis x-axis\" stroke=\"#555555\"");
    doc_.element("line", attr("x1", b.left) + attr("y1", b.bottom) + attr("x2", b.right) +
                             attr("y2", b.bottom));
    for (const double v : layout_.x.minor_ticks()) {
      const double x = px(v);
      doc_.element("line",
                   attr("x1", x) + attr("y1", b.bottom) + attr("x2", x) + attr("y2", b.bottom + 3));
    }
    for (const int d : layout_.x.decades()) {
      const double x = px(std::pow(10.0, d));
      doc_.element("line", " class=\"tick\"" + attr("x1", x) + attr("y1", b.bottom) +
                               attr("x2", x) + attr("y2", b.bottom + 6));
      doc_.text(" class=\"tick-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                    attr("x", x) + attr("y", b.bottom + 19),
                decade_label(d));
    }
    doc_.text(" class=\"axis-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                  attr("x", (b.left + b.right) / 2) + attr("y", b.bottom + 40),
              "arithmetic intensity (FLOP/byte, direct FLOPs over compulsory DRAM bytes)");
    doc_.close_group();

    doc_.open_group(" class=\"axis y-axis\" stroke=\"#555555\"");
    doc_.element(
        "line", attr("x1", b.left) + attr("y1", b.top) + attr("x2", b.left) + attr("y2", b.bottom));
    for (const double v : layout_.y.minor_ticks()) {
      const double y = py(v);
      doc_.element("line",
                   attr("x1", b.left - 3) + attr("y1", y) + attr("x2", b.left) + attr("y2", y));
    }
    for (const int d : layout_.y.decades()) {
      const double y = py(std::pow(10.0, d));
      doc_.element("line", " class=\"tick\"" + attr("x1", b.left - 6) + attr("y1", y) +
                               attr("x2", b.left) + attr("y2", y));
      doc_.text(" class=\"tick-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"end\"" +
                    attr("x", b.left - 9) + attr("y", y + 4),
                si_decade_label(d));
    }
    const double mid = (b.top + b.bottom) / 2;
    doc_.text(" class=\"axis-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                  attr("transform", "translate(20," + number(mid) + ") rotate(-90)"),
              "performance (FLOP/s)");
    doc_.close_group();
  }

  // A memory ceiling from where it enters the plot up to the compute value `cap`.
  void slope(const RoofLines& roof, const Ceiling& c, double cap, bool primary) {
    const auto seg = visible_slope(c.value, cap, layout_.x, layout_.y);
    if (!seg) return;
    const double x0 = px(seg->first), y0 = py(c.value * seg->first);
    const double x1 = px(seg->second), y1 = py(c.value * seg->second);
    doc_.element("line",
                 " class=\"ceiling memory-ceiling\"" + attr("data-value", fixed(c.value, 0)) +
                     attr("x1", x0) + attr("y1", y0) + attr("x2", x1) + attr("y2", y1) +
                     attr("stroke", roof.colour) + attr("stroke-width", primary ? 2.4 : 1.3) +
                     (primary ? "" : " stroke-dasharray=\"6 4\""),
                 roof_prefix(roof) + c.label);
    memory_labels_.push_back({x0, y0, x1, y1, roof_prefix(roof) + c.label, roof.colour});
  }

  // A compute ceiling from where it meets the roof's bandwidth slope to the right edge.
  void flat(const RoofLines& roof, const Ceiling& c, bool primary) {
    const double start_ai = std::max(c.value / roof.bandwidth.value, std::pow(10.0, layout_.x.lo));
    const double x0 = px(start_ai);
    const double y = py(c.value);
    doc_.element("line",
                 " class=\"ceiling compute-ceiling\"" + attr("data-value", fixed(c.value, 0)) +
                     attr("x1", x0) + attr("y1", y) + attr("x2", layout_.plot.right) +
                     attr("y2", y) + attr("stroke", roof.colour) +
                     attr("stroke-width", primary ? 2.4 : 1.3) +
                     (primary ? "" : " stroke-dasharray=\"6 4\""),
                 roof_prefix(roof) + c.label);
    compute_labels_.push_back({y, x0, roof_prefix(roof) + c.label, roof.colour});
  }

  void ceilings(std::size_t index) {
    const RoofLines& roof = chart_.roofs[index];
    doc_.open_group(" class=\"roof\"" + attr("data-device", roof.name));
    double top = roof.peak.value;
    for (const Ceiling& c : roof.other_compute) top = std::max(top, c.value);
    // The bandwidth slope runs on, dotted, to any compute ceiling above the peak (FP16).
    if (top > roof.peak.value) {
      const auto seg = visible_slope(roof.bandwidth.value, top, layout_.x, layout_.y);
      const double from = roof.ridge_point();
      if (seg && seg->second > from) {
        doc_.element("line", attr("x1", px(from)) + attr("y1", py(roof.peak.value)) +
                                 attr("x2", px(seg->second)) +
                                 attr("y2", py(roof.bandwidth.value * seg->second)) +
                                 attr("stroke", roof.colour) +
                                 " stroke-width=\"1\" stroke-dasharray=\"2 3\"");
      }
    }
    for (const Ceiling& c : roof.other_memory) slope(roof, c, roof.peak.value, false);
    for (const Ceiling& c : roof.other_compute) flat(roof, c, false);
    slope(roof, roof.bandwidth, roof.peak.value, true);
    flat(roof, roof.peak, true);
    ridge(index);
    doc_.close_group();
  }

  void ridge(std::size_t index) {
    const RoofLines& roof = chart_.roofs[index];
    const double x = px(roof.ridge_point());
    const double y = py(roof.peak.value);
    doc_.element("line", " class=\"ridge\"" + attr("x1", x) + attr("y1", y) + attr("x2", x) +
                             attr("y2", layout_.plot.bottom) + attr("stroke", roof.colour) +
                             " stroke-width=\"0.8\" stroke-dasharray=\"3 3\"");
    doc_.element("path",
                 " class=\"ridge-point\"" + attr("d", diamond(x, y)) + attr("fill", roof.colour),
                 roof_prefix(roof) + "ridge point " + fixed(roof.ridge_point(), 1) +
                     " FLOP/byte: below it a pass is memory bound, above it compute bound");
    if (chart_.roofs.size() == 1) {
      doc_.text(" class=\"ridge-label\" font-size=\"11\"" + attr("fill", roof.colour) +
                    attr("transform", "translate(" + number(x - 5) + "," +
                                          number(layout_.plot.bottom - 6) + ") rotate(-90)") +
                    kHalo,
                "ridge " + fixed(roof.ridge_point(), 1) + " FLOP/B");
    }
  }

  // Boxes of the points, as label obstacles in a frame of the caller's choice.
  template <typename Frame>
  std::vector<Obstacle> point_obstacles(Frame frame) const {
    std::vector<Obstacle> out;
    for (const ChartPoint& p : chart_.points) {
      const auto [a, c] = frame(px(p.ai), py(p.flops));
      const double r = 6 * p.scale();
      out.push_back({a - r, a + r, c - r, c + r});
    }
    return out;
  }

  // A compute ceiling's label sits at the right end of its line, just above it (10 px up,
  // clear of the markers on the line), or just below it; covering a point or another label,
  // it slides left along the line to where it covers the fewest (sliding left is sliding
  // right in the frame a = -x).
  void ceiling_labels() {
    const Box& b = layout_.plot;
    std::vector<Obstacle> obstacles = point_obstacles([](double x, double y) {
      return std::pair{-x, y};
    });
    for (const FlatLabel& l : compute_labels_) {
      const double width = text_width(l.text, kLabelFont);
      const double baselines[] = {l.y - 10, l.y + 15};
      std::optional<std::pair<LabelSpot, double>> spot;  // where, and the baseline
      for (const double baseline : baselines) {
        if (baseline - 10 < b.top || baseline > b.bottom) continue;
        const LabelSpot here = best_label_start(-(b.right - 6), width, baseline - 10, baseline + 3,
                                                -l.x_start, obstacles, 3);
        if (!spot || here.covered < spot->first.covered) spot = {here, baseline};
      }
      if (!spot) spot = {{-(b.right - 6), 0}, std::max(baselines[0], b.top + 10)};
      const double start = spot->first.start;
      const double baseline = spot->second;
      obstacles.push_back({start, start + width, baseline - 10, baseline + 3});
      doc_.text(" class=\"ceiling-label\" text-anchor=\"end\"" + attr("font-size", kLabelFont) +
                    attr("fill", l.colour) + kHalo + attr("x", -start) + attr("y", baseline),
                l.text);
    }
    memory_ceiling_labels();
  }

  // Memory ceilings are parallel on a log-log chart, so their labels run along them, just
  // above or below the line, from its lower end; covering a point or another label, one
  // slides up its line to where it covers the fewest.
  void memory_ceiling_labels() {
    if (memory_labels_.empty()) return;
    const SlopeLabel& first = memory_labels_.front();
    const double angle = std::atan2(first.y1 - first.y0, first.x1 - first.x0);
    const double ux = std::cos(angle), uy = std::sin(angle);
    auto frame = [ux, uy](double x, double y) {
      return std::pair{x * ux + y * uy, -x * uy + y * ux};
    };
    std::vector<Obstacle> obstacles = point_obstacles(frame);
    for (const SlopeLabel& l : memory_labels_) {
      const double width = text_width(l.text, kLabelFont);
      const double length = std::hypot(l.x1 - l.x0, l.y1 - l.y0);
      const auto [base, line] = frame(l.x0, l.y0);
      // Baselines 5 px above and 13 px below the line; capitals are about 8 px tall.
      const double baselines[] = {-5, 13};
      std::optional<std::pair<LabelSpot, double>> spot;  // where, and the baseline
      for (const double baseline : baselines) {
        const LabelSpot here = best_label_start(base + 14, width, line + baseline - 9,
                                                line + baseline + 3, base + length, obstacles, 4);
        if (!spot || here.covered < spot->first.covered) spot = {here, baseline};
      }
      const double t = spot->first.start - base;
      const double baseline = spot->second;
      obstacles.push_back({base + t, base + t + width, line + baseline - 9, line + baseline + 3});
      const double x = l.x0 + t * ux, y = l.y0 + t * uy;
      doc_.text(" class=\"ceiling-label\"" + attr("font-size", kLabelFont) +
                    attr("fill", l.colour) + kHalo +
                    attr("transform", "translate(" + number(x) + "," + number(y) + ") rotate(" +
                                          number(angle * 180 / std::numbers::pi) + ")") +
                    attr("y", baseline),
                l.text);
    }
  }

  void points() {
    doc_.open_group(" class=\"points\"");
    for (const ChartPoint& p : chart_.points) {
      const RoofSide side = side_of(chart_, p);
      std::string tooltip = p.tooltip;
      std::string cls = "point";
      if (side == RoofSide::above_memory) {
        tooltip += ". Above the memory ceiling: " + chart_.above_memory_why;
        cls += " above-roof";
      } else if (side == RoofSide::above_compute) {
        tooltip += ". Above the compute peak: " + chart_.above_compute_why;
        cls += " above-roof";
      }
      if (p.conv1x1) cls += " conv1x1";
      MarkerStyle style{p.pass, chart_.series.at(p.series).colour, p.conv1x1,
                        side != RoofSide::on_or_below};
      const MarkerElement m = marker(style);
      doc_.open_group(
          attr("class", cls) + attr("data-ai", fixed(p.ai, 4)) +
          attr("data-flops", fixed(p.flops, 0)) + attr("data-pass", to_string(p.pass)) +
          attr("transform", "translate(" + number(px(p.ai)) + "," + number(py(p.flops)) + ")" +
                                (p.share > 0 ? " scale(" + number(p.scale()) + ")" : "")) +
          " fill-opacity=\"0.85\"");
      doc_.title(tooltip);
      doc_.element(m.name, m.attributes);
      doc_.close_group();
    }
    doc_.close_group();
  }

  void legend_marker(double x, double y, const MarkerStyle& style) {
    const MarkerElement m = marker(style);
    doc_.open_group(attr("transform", "translate(" + number(x) + "," + number(y) + ")"));
    doc_.element(m.name, m.attributes);
    doc_.close_group();
  }

  void legend_text(double x, double y, const std::string& text) {
    write_legend_text(doc_, x, y, text);
  }

  void legend() {
    doc_.open_group(" class=\"legend\"");
    const double x = kLegendLeft;
    double y = layout_.plot.top + 6;
    write_legend_heading(doc_, x, y, "colour: " + chart_.series_title);
    y += 18;
    for (const Series& s : chart_.series) {
      legend_marker(x + 6, y, {Pass::fwd, s.colour, false, false});
      legend_text(x + 18, y, s.name);
      y += 17;
    }
    y += 8;
    write_legend_heading(doc_, x, y, "shape: pass");
    y += 18;
    const std::string ink(kInkColour);
    for (const Pass pass : kAllPasses) {
      legend_marker(x + 6, y, {pass, ink, false, false});
      legend_text(x + 18, y, std::string(to_string(pass)));
      y += 17;
    }
    legend_marker(x + 6, y, {Pass::fwd, ink, true, false});
    legend_text(x + 18, y, "hollow: 1x1 convolution");
    y += 17;
    bool any_above = false;
    for (const ChartPoint& p : chart_.points) {
      any_above = any_above || side_of(chart_, p) != RoofSide::on_or_below;
    }
    if (any_above) {
      legend_marker(x + 6, y, {Pass::fwd, ink, false, true});
      legend_text(x + 18, y, "red outline: above its roof");
      y += 17;
    }
    y += 8;
    write_legend_heading(doc_, x, y, "lines: ceilings");
    y += 18;
    doc_.element("line", attr("x1", x) + attr("y1", y) + attr("x2", x + 14) + attr("y2", y) +
                             " stroke=\"#222222\" stroke-width=\"2.4\"");
    legend_text(x + 18, y, "the roof the model uses");
    y += 17;
    doc_.element("line", attr("x1", x) + attr("y1", y) + attr("x2", x + 14) + attr("y2", y) +
                             " stroke=\"#222222\" stroke-width=\"1.3\" stroke-dasharray=\"4 3\"");
    legend_text(x + 18, y, "other ceilings");
    y += 17;
    for (const RoofLines& roof : chart_.roofs) {
      doc_.element("path", attr("d", diamond(x + 7, y)) + attr("fill", roof.colour));
      legend_text(x + 18, y,
                  roof_prefix(roof) + "ridge " + fixed(roof.ridge_point(), 1) + " FLOP/B");
      y += 17;
    }
    doc_.close_group();
  }

  void footnotes() {
    std::vector<std::string> lines;
    for (const std::string& note : notes_of(chart_)) {
      for (const std::string& line : lines_of(note)) lines.push_back(line);
    }
    write_notes(doc_, lines, layout_.plot.bottom + 62);
  }

  struct FlatLabel {
    double y;
    double x_start;  // where the line begins
    std::string text;
    std::string colour;
  };
  struct SlopeLabel {
    double x0, y0, x1, y1;
    std::string text;
    std::string colour;
  };

  const RooflineChart& chart_;
  const RooflineLayout& layout_;
  svg::Document doc_;
  std::vector<FlatLabel> compute_labels_;
  std::vector<SlopeLabel> memory_labels_;
};

}  // namespace

double ChartPoint::scale() const {
  if (share <= 0) return 1;
  return std::min(3.0, 0.6 + 6 * std::sqrt(share));
}

RoofSide side_of(const RooflineChart& chart, const ChartPoint& point) {
  const RoofLines& roof = chart.roofs.at(point.roof);
  return roof_side(point.ai, point.flops, roof.peak.value, roof.bandwidth.value);
}

RooflineLayout layout_of(const RooflineChart& chart) {
  std::vector<double> ais;
  std::vector<double> rates;
  for (const ChartPoint& p : chart.points) {
    ais.push_back(p.ai);
    rates.push_back(p.flops);
  }
  double lowest_bandwidth = 0;
  for (const RoofLines& roof : chart.roofs) {
    // The flat part of every roof is shown to three times its ridge point, and the slope from
    // a tenth of it.
    ais.push_back(3 * roof.ridge_point());
    ais.push_back(roof.ridge_point() / 10);
    rates.push_back(roof.peak.value);
    for (const Ceiling& c : roof.other_compute) {
      rates.push_back(c.value);
      ais.push_back(c.value / roof.bandwidth.value);
    }
    if (lowest_bandwidth == 0 || roof.bandwidth.value < lowest_bandwidth) {
      lowest_bandwidth = roof.bandwidth.value;
    }
  }
  // Headroom above the highest ceiling for its label; the x axis starts where the slowest
  // slope is still on the chart's lowest decade at least.
  const auto [x_lo, x_hi] = decade_range(ais, 1.0, 3);
  if (lowest_bandwidth > 0) rates.push_back(lowest_bandwidth * std::pow(10.0, x_lo) * 3);
  double highest = 0;
  for (const double r : rates) highest = std::max(highest, r);
  rates.push_back(highest * 1.6);  // room above the highest ceiling for its label
  const auto [y_lo, y_hi] = decade_range(rates, 1.0, 2);

  RooflineLayout layout;
  const double top = header_height(chart);
  layout.plot = Box{kPlotLeft, top, kPlotRight, top + kPlotHeight};
  layout.x = LogAxis{x_lo, x_hi, layout.plot.left, layout.plot.right};
  layout.y = LogAxis{y_lo, y_hi, layout.plot.bottom, layout.plot.top};
  layout.width = kWidth;
  std::size_t note_lines = 0;
  for (const std::string& note : notes_of(chart)) note_lines += lines_of(note).size();
  const double legend_bottom =
      layout.plot.top + 150 + 17.0 * static_cast<double>(chart.series.size() + chart.roofs.size());
  layout.height = std::max(layout.plot.bottom + 52 + kLineHeight * static_cast<double>(note_lines),
                           legend_bottom) +
                  14;
  return layout;
}

std::string render_roofline(const RooflineChart& chart) {
  const RooflineLayout layout = layout_of(chart);
  return Renderer(chart, layout).render();
}

}  // namespace roof::chart
