#pragma once

#include <string>
#include <vector>

// Speedup against the number of GPUs as SVG: one line per strategy of the model, the ideal
// (speedup = GPUs) dashed, and measured speedups as markers beside them. Both axes are linear,
// so the ideal is the diagonal and a line's distance below it is what the GPUs lose.
namespace roof::chart {

struct ScalingPoint {
  int gpus = 1;
  double speedup = 1;
  std::string tooltip;
};

// One modelled strategy ("data", "model", "owt"): a polyline through its points, each point
// marked with a dot that carries its tooltip.
struct ScalingLine {
  std::string name;    // short, for data-line and MeasuredScaling::line: "owt"
  std::string legend;  // "one weird trick (owt)"; the legend adds the speedup at the most GPUs
  std::string colour;
  std::vector<ScalingPoint> points;  // by GPU count
};

// Speedups somebody measured, drawn as hollow diamonds: `label` is the legend entry, which says
// who measured them; `line` names the modelled line they measure (its colour fills the marks).
struct MeasuredScaling {
  std::string label;
  std::string line;
  std::vector<ScalingPoint> points;
};

struct ScalingChart {
  std::string title;
  std::string subtitle;  // says modelled from which entries, and measured by whom
  std::vector<ScalingLine> lines;
  std::vector<MeasuredScaling> measured;
  std::vector<std::string> notes;
};

// A standalone SVG document: a <rect class="plot-area">, one <polyline class="scaling-line">
// per line (data-line its name) with a <circle class="model-point"> per point, the ideal as
// <line class="ideal">, and one <g class="point measured"> per measured point, translated to
// where it is drawn, with its tooltip.
std::string render_scaling(const ScalingChart& chart);

}  // namespace roof::chart
