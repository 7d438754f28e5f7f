#pragma once

// When a measured ceiling says less about the machine than about what else ran on it. One rule,
// applied by the program that measures (bench_roofs warns on stderr at the end of its run) and
// by every program that loads its file (roofline and bench_layers warn on stderr, the report
// lists the warnings beside the ceilings), so both say the same thing about the same run.
// docs/roofs.md, "A disturbed run", gives the reasons for each limit.

#include <map>
#include <string>
#include <vector>

namespace roof {

// One bench_roofs row as both sides see it: Google Benchmark's Run, or a row of the JSON.
struct CeilingRow {
  std::string name;       // the run name, without the aggregate's suffix
  std::string aggregate;  // "" for a repetition, else "mean", "median", "stddev", "cv"
  std::map<std::string, double> counters;
};

// Other processes or the hypervisor (steal) held more than this share of the machine's CPUs
// during a row (its `other_load` counter).
inline constexpr double kOtherLoadLimit = 0.10;
// A ceiling's rate varied by more than this between repetitions (its `cv` aggregate).
inline constexpr double kSpreadLimit = 0.05;
// An FMA row reached less than this share of the theoretical peak at the clock measured beside it.
inline constexpr double kFmaFractionLimit = 0.80;

enum class DisturbanceKind { other_load, spread, fma_below_theoretical };

struct Disturbance {
  DisturbanceKind kind;
  std::string row;   // the benchmark, "roof/fma_fp32"
  double value = 0;  // the share of the CPUs, the coefficient of variation, the fraction of peak
};

// What is wrong with one row; empty for a row that looks undisturbed, and for a GPU's rows
// (roof/gpu...: another device, whose file loads as its own). The benchmark's time suffix
// ("/real_time") is dropped.
std::vector<Disturbance> row_disturbances(const CeilingRow& row);

// One line per kind of disturbance found, worst rows first, each line saying what was seen, how
// much, and what to do; empty when `found` is.
std::vector<std::string> disturbance_warnings(const std::vector<Disturbance>& found);

}  // namespace roof
