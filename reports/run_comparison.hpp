#pragma once

#include <map>
#include <string>
#include <vector>

#include "networks/cost.hpp"
#include "reports/measured_run.hpp"

// Two measured runs of one network compared, in the spirit of Google Benchmark's compare.py:
// the same implementation's time of each layer-pass in the baseline and in the contender, their
// ratio, and the geometric mean of the ratios.
namespace roof::report {

struct PassChange {
  std::string layer;
  Pass pass = Pass::fwd;
  std::string impl;
  double baseline_s = 0;
  double contender_s = 0;
  double ratio() const { return contender_s / baseline_s; }  // below 1: the contender is faster
};

struct ImplChange {
  std::string impl;
  int passes = 0;            // layer-passes both runs measured
  double geomean_ratio = 0;  // of contender / baseline over those passes
  double min_ratio = 0;      // the pass that gained most
  double max_ratio = 0;      // and lost most
  double baseline_iteration_s = 0;
  double contender_iteration_s = 0;
};

struct RunComparison {
  std::size_t baseline = 0;  // indices into the runs compared
  std::size_t contender = 0;
  std::vector<ImplChange> impls;   // the implementations both measured, in the baseline's order
  std::vector<PassChange> passes;  // every layer-pass of those, in the baseline's row order
};

// Runs of the same network, batch and kind of processor (CPU or GPU) form a group; the first of
// each group is the baseline, and every later one is compared with it on the implementations
// both measured. Groups of one, and pairs without a common implementation, give nothing.
std::vector<RunComparison> compare_runs(const std::vector<MeasuredRun>& runs);

}  // namespace roof::report
