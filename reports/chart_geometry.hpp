#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

// The geometry of the charts, kept apart from drawing so that it can be tested alone: log and
// linear scales, their ticks, and where a point sits against its roof.
namespace roof::chart {

// A rectangle in pixels, y growing downwards as in SVG.
struct Box {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
  bool contains(double x, double y) const {
    return x >= left && x <= right && y >= top && y <= bottom;
  }
};

// A log10 axis over whole decades, 10^lo .. 10^hi, mapped linearly (in the logarithm) onto the
// pixels from_px .. to_px (to_px < from_px for a y axis, which grows upwards).
struct LogAxis {
  int lo = 0;
  int hi = 1;
  double from_px = 0;
  double to_px = 1;

  double to_pixel(double value) const;  // value > 0
  double from_pixel(double px) const;
  bool covers(double value) const;   // within 10^lo .. 10^hi
  std::vector<int> decades() const;  // lo .. hi
  // 2 .. 9 x 10^k inside the axis, for the small ticks between decades.
  std::vector<double> minor_ticks() const;
};

// The smallest whole-decade range [lo, hi] that holds every positive value with at least
// `headroom` (a factor, >= 1) to spare above the largest and below the smallest, and is at
// least `min_decades` wide, widened downwards (a roofline has its slope to show below the
// data; above it, nothing). Non-positive values are ignored; with no value left the range is
// [0, min_decades].
std::pair<int, int> decade_range(const std::vector<double>& values, double headroom = 1.0,
                                 int min_decades = 1);

// A decade's label: "0.01", "0.1", "1", "10", "100", "1000", then "1e4" and up, "1e-3" and down.
std::string decade_label(int decade);
// A rate's decade label with an SI prefix: 10^9 -> "1 G", 10^13 -> "10 T", 10^6 -> "1 M".
std::string si_decade_label(int decade);

// A linear axis from 0 to `max` (a whole number of steps of 1, 2 or 5 x 10^k) on from_px..to_px.
struct LinearAxis {
  double max = 1;
  double step = 1;
  double from_px = 0;
  double to_px = 1;
  double to_pixel(double value) const;
  std::vector<double> ticks() const;  // 0, step, ... max
};

// The axis with about `target_ticks` steps whose top is the first tick at or above
// `max_value` (> 0).
LinearAxis nice_linear_axis(double max_value, double from_px, double to_px, int target_ticks = 5);

// Where a point (FLOP/s at an arithmetic intensity) sits against a roof: on or below it, above
// the memory slope (more bytes per second than the bandwidth allows: a hot cache), or above the
// compute peak (more FLOPs per second than the peak: an algorithm that executes fewer FLOPs
// than the direct count, such as Winograd). Within a relative `tolerance` counts as on it: the
// model's points lie exactly on their roof up to rounding.
enum class RoofSide { on_or_below, above_memory, above_compute };
RoofSide roof_side(double ai, double flops, double peak_flops, double bandwidth,
                   double tolerance = 1e-6);

// Label placement without font metrics: a label is a box that slides along one direction
// (a) and occupies a band across it (c); obstacles are boxes in the same frame (points, and
// labels already placed).
struct Obstacle {
  double a_lo = 0;
  double a_hi = 0;
  double c_lo = 0;
  double c_hi = 0;
};

// Where a label of `length` in the band [c_lo, c_hi] goes along its path, from `from` on and
// ending by `limit`: the earliest start that covers no obstacle (keeping `pad` away from them
// along a), else the earliest that covers the fewest; a label longer than its path starts at
// `from`. `covered` counts the obstacles it covers there.
struct LabelSpot {
  double start = 0;
  int covered = 0;
};
LabelSpot best_label_start(double from, double length, double c_lo, double c_hi, double limit,
                           const std::vector<Obstacle>& obstacles, double pad);

// The part of the line y = slope x (a memory ceiling: FLOP/s = bandwidth x AI) that lies in
// the chart between the axes' ranges and below `cap` (the compute ceiling it meets), as two
// AI values; empty when none of it is visible.
std::optional<std::pair<double, double>> visible_slope(double bandwidth, double cap,
                                                       const LogAxis& x, const LogAxis& y);

}  // namespace roof::chart
