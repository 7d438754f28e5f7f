#include "reports/chart_data.hpp"

#include <cstdio>

#include "support/text_format.hpp"

namespace roof::chart {
namespace {

// All 17 significant digits: the text reads back as the same double.
std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

std::string row(std::initializer_list<std::string> fields) {
  std::string out;
  for (const std::string& f : fields) {
    if (!out.empty()) out += ',';
    out += csv_field(f);
  }
  return out + "\n";
}

}  // namespace

std::string roofline_data_csv(const RooflineChart& chart) {
  std::string out = row({chart.series_title, "roof", "roof_peak_flops", "roof_bandwidth_bytes",
                         "pass", "conv1x1", "ai_flop_per_byte", "flops", "share", "side", "label"});
  for (const ChartPoint& p : chart.points) {
    const RoofLines& roof = chart.roofs.at(p.roof);
    const RoofSide side = side_of(chart, p);
    const char* side_name = side == RoofSide::on_or_below    ? "on_or_below"
                            : side == RoofSide::above_memory ? "above_memory"
                                                             : "above_compute";
    out +=
        row({chart.series.at(p.series).name, roof.name, number(roof.peak.value),
             number(roof.bandwidth.value), std::string(to_string(p.pass)), p.conv1x1 ? "yes" : "no",
             number(p.ai), number(p.flops), number(p.share), side_name, p.tooltip});
  }
  return out;
}

std::string breakdown_data_csv(const BreakdownChart& chart) {
  std::string out = row({"bar", "part", "seconds", "share_of_bar", "note"});
  for (const Bar& bar : chart.bars) {
    const double total = bar.total();
    for (std::size_t i = 0; i < kIterationParts.size(); ++i) {
      out += row({bar.label, chart.part_name(i), number(bar.seconds[i]),
                  number(total > 0 ? bar.seconds[i] / total : 0), bar.note});
    }
  }
  return out;
}

std::string scaling_data_csv(const ScalingChart& chart) {
  std::string out = row({"kind", "line", "gpus", "speedup", "label"});
  for (const ScalingLine& line : chart.lines) {
    for (const ScalingPoint& p : line.points) {
      out += row({"modelled", line.name, std::to_string(p.gpus), number(p.speedup), p.tooltip});
    }
  }
  for (const MeasuredScaling& m : chart.measured) {
    for (const ScalingPoint& p : m.points) {
      out += row({"measured", m.line, std::to_string(p.gpus), number(p.speedup),
                  m.label + ": " + p.tooltip});
    }
  }
  return out;
}

}  // namespace roof::chart
