#include "reports/breakdown_chart.hpp"

#include <algorithm>
#include <numeric>
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
constexpr double kBarsLeft = 200;
constexpr double kBarsRight = 820;
constexpr double kBarHeight = 22;
constexpr double kBarPitch = 34;

// The passes in the colours of their markers' usual series order would mislead; these are the
// palette's blue, orange and green for the passes, grey for what is not a conv or fc layer and
// purple for the update, yellow for the GPU's wait on the host.
constexpr std::array<const char*, 6> kPartColours = {"#0072b2", "#e69f00", "#009e73",
                                                     "#a0a0a0", "#cc79a7", "#f0e442"};

// Milliseconds read best up to a few seconds; beyond that, seconds.
struct TimeUnit {
  double per_second;
  const char* name;
};
TimeUnit unit_for(double seconds) {
  return seconds >= 10 ? TimeUnit{1, "s"} : TimeUnit{1e3, "ms"};
}

// One slow implementation (the plain-loop rung runs 100x the others) would squash every other
// bar into a sliver on a linear axis, and a log axis cannot stack parts. So the axis stops at
// kBreakFactor x the lower median bar when the longest bar is beyond that; a longer bar is drawn
// to the axis end with a break mark, its full total written after it.
constexpr double kBreakFactor = 3;

double axis_end(const std::vector<Bar>& bars) {
  std::vector<double> totals;
  for (const Bar& bar : bars) totals.push_back(bar.total());
  if (totals.size() < 2) return totals.empty() ? 0 : totals[0];
  std::sort(totals.begin(), totals.end());
  const double cap = kBreakFactor * totals[(totals.size() - 1) / 2];
  return totals.back() > cap && cap > 0 ? cap : totals.back();
}

std::string amount(double value) {
  return fixed(value, value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

}  // namespace

double Bar::total() const {
  return std::accumulate(seconds.begin(), seconds.end(), 0.0);
}

std::string render_breakdown(const BreakdownChart& chart) {
  const double longest = axis_end(chart.bars);
  const TimeUnit unit = unit_for(longest);
  const std::vector<std::string> subtitle = lines_of(chart.subtitle);
  std::vector<std::string> notes;
  for (const std::string& note : chart.notes) {
    for (const std::string& line : lines_of(note)) notes.push_back(line);
  }
  const double legend_y = 44 + kLineHeight * static_cast<double>(subtitle.size()) + 8;
  const double bars_top = legend_y + 30;
  const double bars_bottom = bars_top + kBarPitch * static_cast<double>(chart.bars.size());
  const double height = bars_bottom + 48 + kLineHeight * static_cast<double>(notes.size()) + 10;
  const LinearAxis axis = nice_linear_axis(longest * unit.per_second, kBarsLeft, kBarsRight, 6);

  svg::Document doc(kWidth, height, chart.title, chart.subtitle);
  write_heading(doc, chart.title, subtitle);

  doc.open_group(" class=\"legend\"");
  double x = kBarsLeft;
  // The host's part is listed only where a bar has it: the roofline model and measured runs
  // never do.
  const bool any_host_wait = std::any_of(chart.bars.begin(), chart.bars.end(),
                                         [](const Bar& b) { return b.seconds[kHostWaitPart] > 0; });
  for (std::size_t p = 0; p < kIterationParts.size(); ++p) {
    if (p == kHostWaitPart && !any_host_wait) continue;
    doc.element("rect", attr("x", x) + attr("y", legend_y - 9) + " width=\"12\" height=\"12\"" +
                            attr("fill", kPartColours[p]));
    doc.text(attr("x", x + 17) + attr("y", legend_y + 1) + " font-size=\"11.5\"",
             chart.part_name(p));
    x += 34 + 6.5 * static_cast<double>(std::string_view(chart.part_name(p)).size());
  }
  doc.close_group();

  doc.open_group(" class=\"grid axis x-axis\" stroke=\"#e3e3e3\"");
  for (const double t : axis.ticks()) {
    const double tx = axis.to_pixel(t);
    doc.element("line", attr("x1", tx) + attr("y1", bars_top - 6) + attr("x2", tx) +
                            attr("y2", bars_bottom));
    doc.text(" class=\"tick-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
                 attr("x", tx) + attr("y", bars_bottom + 16),
             fixed(t, axis.step >= 1     ? 0
                      : axis.step >= 0.1 ? 1
                                         : 2));
  }
  doc.text(" class=\"axis-label\" stroke=\"none\" fill=\"#222222\" text-anchor=\"middle\"" +
               attr("x", (kBarsLeft + kBarsRight) / 2) + attr("y", bars_bottom + 36),
           std::string("time per training iteration (") + unit.name + ")");
  doc.close_group();

  doc.open_group(" class=\"bars\"");
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const double top = bars_top + kBarPitch * static_cast<double>(i) + (kBarPitch - kBarHeight) / 2;
    doc.text(" class=\"bar-label\" text-anchor=\"end\"" + attr("x", kBarsLeft - 8) +
                 attr("y", top + kBarHeight / 2 + 4) + attr("fill", kInkColour),
             bar.label);
    double start = 0;
    const double total = bar.total();
    const bool broken = total > longest * (1 + 1e-9);
    const double shown = axis.max / unit.per_second;  // a broken bar runs to the axis end
    for (std::size_t p = 0; p < kIterationParts.size(); ++p) {
      const double s = bar.seconds[p];
      if (!(s > 0)) continue;
      const double x0 = axis.to_pixel(std::min(start, shown) * unit.per_second);
      const double x1 = axis.to_pixel(std::min(start + s, shown) * unit.per_second);
      doc.element("rect",
                  " class=\"segment\"" + attr("data-part", chart.part_name(p)) + attr("x", x0) +
                      attr("y", top) + attr("width", std::max(x1 - x0, 0.0)) +
                      attr("height", kBarHeight) + attr("fill", kPartColours[p]),
                  bar.label + ": " + chart.part_name(p) + " " + amount(s * unit.per_second) + " " +
                      unit.name + " (" + fixed(100 * s / total, 1) + "% of " +
                      amount(total * unit.per_second) + " " + unit.name + ")");
      start += s;
    }
    const double end = axis.to_pixel(std::min(total, shown) * unit.per_second);
    if (broken) {
      // Two white slashes across the bar's end: the bar goes on beyond the axis.
      for (const double dx : {-16.0, -10.0}) {
        doc.element("line", " class=\"axis-break\"" + attr("x1", end + dx) +
                                attr("y1", top + kBarHeight + 3) + attr("x2", end + dx + 6) +
                                attr("y2", top - 3) + " stroke=\"#ffffff\" stroke-width=\"3\"");
      }
    }
    // A broken bar fills most of the axis: its total goes inside it, before the break.
    doc.text(" class=\"bar-total\" font-size=\"11.5\"" +
                 (broken ? attr("x", end - 22) + " text-anchor=\"end\"" + attr("fill", "#ffffff")
                         : attr("x", end + 6) + attr("fill", kInkColour)) +
                 attr("y", top + kBarHeight / 2 + 4),
             amount(total * unit.per_second) + " " + unit.name +
                 (broken ? " (bar broken: beyond the axis)" : "") +
                 (bar.note.empty() ? "" : "  " + bar.note));
  }
  doc.close_group();

  write_notes(doc, notes, bars_bottom + 58);
  return doc.finish();
}

}  // namespace roof::chart
