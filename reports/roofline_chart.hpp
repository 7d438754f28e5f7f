#pragma once

#include <string>
#include <vector>

#include "networks/cost.hpp"
#include "reports/chart_geometry.hpp"

// A roofline chart (Williams, Waterman and Patterson 2009) as SVG: log-log axes, the ceilings of
// one or more devices, and one point per layer-pass.
namespace roof::chart {

struct Ceiling {
  std::string label;  // with its value, e.g. "FP32 9.30 TFLOP/s"
  double value = 0;   // FLOP/s for a compute ceiling, bytes/s for a memory one
};

// One device's roof: the two ceilings a prediction uses (drawn solid) and others worth seeing
// beside them (dashed): FP64 and FP16 or tensor peaks, cache bandwidths.
struct RoofLines {
  std::string name;
  std::string colour;
  Ceiling peak;
  Ceiling bandwidth;
  std::vector<Ceiling> other_compute;
  std::vector<Ceiling> other_memory;
  double ridge_point() const { return peak.value / bandwidth.value; }
};

struct Series {
  std::string name;
  std::string colour;
};

struct ChartPoint {
  std::size_t series = 0;
  std::size_t roof = 0;  // the roof it is judged against
  Pass pass = Pass::fwd;
  bool conv1x1 = false;
  double ai = 0;     // FLOP/byte
  double flops = 0;  // FLOP/s
  std::string tooltip;
  double share = 0;  // of the iteration's time: sizes a modelled point; 0 keeps the marker size

  // The marker's scale: its area grows with the share (1.2x at 1%, 2.5x at 10%, at most 3x).
  double scale() const;
};

struct RooflineChart {
  std::string title;
  std::string subtitle;  // says measured or modelled, and from what
  std::vector<RoofLines> roofs;
  std::string series_title = "series";  // what the colours tell apart: "network", "device"
  std::vector<Series> series;
  std::vector<ChartPoint> points;  // drawn in this order, later on top
  // What a point above the memory slope or above the peak means in this chart; it goes into
  // the point's tooltip and the chart's note.
  std::string above_memory_why;
  std::string above_compute_why;
  std::vector<std::string> notes;
};

// Where things go: the axes cover every point, every ceiling's value and ridge point.
struct RooflineLayout {
  Box plot;
  LogAxis x;
  LogAxis y;
  double width = 0;
  double height = 0;
};
RooflineLayout layout_of(const RooflineChart& chart);

// How a point sits against its roof (its roof's two solid ceilings).
RoofSide side_of(const RooflineChart& chart, const ChartPoint& point);

// The chart as a standalone SVG document. Every point is a <g class="point ..."> with a
// <title> tooltip and data-ai / data-flops attributes; points above their roof carry the class
// "above-roof", a red outline, and why in their tooltip and in the chart's note.
std::string render_roofline(const RooflineChart& chart);

}  // namespace roof::chart
