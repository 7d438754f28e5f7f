#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

// The time of one training iteration as horizontal stacked bars, one bar per device (or per
// implementation), split into the parts of an iteration.
namespace roof::chart {

// The parts, in the order they are stacked: the three passes of the conv and fc layers, every
// other op (pooling, ReLU, LRN, batch norm, concat, add, dropout, the loss; all passes), the
// optimizer update, and the time the GPU waits on the host to launch its next kernel (the
// achievable model's host timeline; zero under the roofline model and for measured rows).
inline constexpr std::array<const char*, 6> kIterationParts = {
    "forward", "backward-data", "backward-weights", "other ops", "update", "waiting on the host"};
inline constexpr std::size_t kHostWaitPart = 5;
inline constexpr std::size_t kUpdatePart = 4;
// The update's part under PyTorch 1.x's recipe, which adds its gradient zeroing and accumulation.
inline constexpr const char* kUpdateWithBookkeeping = "update and gradient zeroing";

struct Bar {
  std::string label;
  std::array<double, 6> seconds{};  // by kIterationParts
  std::string note;                 // after the total, e.g. "measured conv/fc"
  double total() const;
};

struct BreakdownChart {
  std::string title;
  std::string subtitle;  // says measured or modelled, and from what
  std::vector<Bar> bars;
  std::vector<std::string> notes;
  bool update_has_bookkeeping = false;  // the update part holds PyTorch 1.x's zero_grad work too

  // The part's name in the legend, tooltips and CSV.
  const char* part_name(std::size_t part) const {
    return part == kUpdatePart && update_has_bookkeeping ? kUpdateWithBookkeeping
                                                         : kIterationParts[part];
  }
};

// A standalone SVG document: one <rect class="segment"> per non-zero part of each bar, with a
// tooltip giving the part, its time and its share of the bar. When the longest bar is more than
// 3x the lower median bar, the axis ends at 3x that median and longer bars are drawn broken
// (<line class="axis-break">), their totals written in full.
std::string render_breakdown(const BreakdownChart& chart);

}  // namespace roof::chart
