#include "reports/chart_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "support/text_format.hpp"

namespace roof::chart {

double LogAxis::to_pixel(double value) const {
  if (!(value > 0)) throw std::logic_error("LogAxis::to_pixel of a value that is not positive");
  const double t = (std::log10(value) - lo) / (hi - lo);
  return from_px + t * (to_px - from_px);
}

double LogAxis::from_pixel(double px) const {
  const double t = (px - from_px) / (to_px - from_px);
  return std::pow(10.0, lo + t * (hi - lo));
}

bool LogAxis::covers(double value) const {
  // A whisker of slack, so a value at exactly 10^hi is not lost to log10's rounding.
  const double l = std::log10(value);
  return value > 0 && l >= lo - 1e-9 && l <= hi + 1e-9;
}

std::vector<int> LogAxis::decades() const {
  std::vector<int> out(static_cast<std::size_t>(hi - lo + 1));
  std::iota(out.begin(), out.end(), lo);
  return out;
}

std::vector<double> LogAxis::minor_ticks() const {
  std::vector<double> out;
  for (int d = lo; d < hi; ++d) {
    for (int m = 2; m <= 9; ++m) out.push_back(m * std::pow(10.0, d));
  }
  return out;
}

std::pair<int, int> decade_range(const std::vector<double>& values, double headroom,
                                 int min_decades) {
  double smallest = std::numeric_limits<double>::infinity();
  double largest = 0;
  for (const double v : values) {
    if (!(v > 0) || !std::isfinite(v)) continue;
    smallest = std::min(smallest, v);
    largest = std::max(largest, v);
  }
  if (largest == 0) return {0, min_decades};
  // The 1e-9 keeps a value that is exactly a decade (1000 = 10^3, up to rounding) on its decade.
  int lo = static_cast<int>(std::floor(std::log10(smallest / headroom) + 1e-9));
  int hi = static_cast<int>(std::ceil(std::log10(largest * headroom) - 1e-9));
  if (hi <= lo) hi = lo + 1;
  if (hi - lo < min_decades) lo = hi - min_decades;
  return {lo, hi};
}

std::string decade_label(int decade) {
  if (decade >= 0 && decade <= 3) return fixed(std::pow(10.0, decade), 0);
  if (decade < 0 && decade >= -2) return fixed(std::pow(10.0, decade), -decade);
  return "1e" + std::to_string(decade);
}

std::string si_decade_label(int decade) {
  static const char* const prefixes[] = {"", "k", "M", "G", "T", "P", "E"};
  if (decade < 0 || decade >= 21) return decade_label(decade);
  const int group = decade / 3;
  const std::string mantissa = fixed(std::pow(10.0, decade % 3), 0);
  return mantissa + (group == 0 ? "" : std::string(" ") + prefixes[group]);
}

double LinearAxis::to_pixel(double value) const {
  return from_px + value / max * (to_px - from_px);
}

std::vector<double> LinearAxis::ticks() const {
  std::vector<double> out;
  const auto steps = static_cast<int>(std::lround(max / step));
  for (int i = 0; i <= steps; ++i) out.push_back(i * step);
  return out;
}

LinearAxis nice_linear_axis(double max_value, double from_px, double to_px, int target_ticks) {
  if (!(max_value > 0)) max_value = 1;
  const double raw = max_value / std::max(target_ticks, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  const double top = std::ceil(max_value / step - 1e-9) * step;
  return LinearAxis{top, step, from_px, to_px};
}

RoofSide roof_side(double ai, double flops, double peak_flops, double bandwidth, double tolerance) {
  if (flops > peak_flops * (1 + tolerance)) return RoofSide::above_compute;
  if (flops > ai * bandwidth * (1 + tolerance)) return RoofSide::above_memory;
  return RoofSide::on_or_below;
}

LabelSpot best_label_start(double from, double length, double c_lo, double c_hi, double limit,
                           const std::vector<Obstacle>& obstacles, double pad) {
  std::vector<const Obstacle*> in_band;
  for (const Obstacle& o : obstacles) {
    if (c_lo < o.c_hi && c_hi > o.c_lo) in_band.push_back(&o);
  }
  auto covered_at = [&](double start) {
    int count = 0;
    for (const Obstacle* o : in_band) {
      count += start < o->a_hi + pad && start + length > o->a_lo - pad;
    }
    return count;
  };
  // The best start is `from` or just past an obstacle: moving a label any less far uncovers
  // nothing more.
  std::vector<double> starts = {from};
  for (const Obstacle* o : in_band) {
    const double past = o->a_hi + pad + 1e-6 * (1 + std::abs(o->a_hi));
    if (past > from && past + length <= limit) starts.push_back(past);
  }
  std::sort(starts.begin(), starts.end());
  LabelSpot best{from, covered_at(from)};
  for (const double start : starts) {
    if (best.covered == 0) break;
    const int covered = covered_at(start);
    if (covered < best.covered) best = {start, covered};
  }
  return best;
}

std::optional<std::pair<double, double>> visible_slope(double bandwidth, double cap,
                                                       const LogAxis& x, const LogAxis& y) {
  const double x_lo = std::pow(10.0, x.lo);
  const double x_hi = std::pow(10.0, x.hi);
  const double y_lo = std::pow(10.0, y.lo);
  const double y_hi = std::min(std::pow(10.0, y.hi), cap);
  const double start = std::max(x_lo, y_lo / bandwidth);
  const double end = std::min(x_hi, y_hi / bandwidth);
  if (!(end > start)) return std::nullopt;
  return std::make_pair(start, end);
}

}  // namespace roof::chart
