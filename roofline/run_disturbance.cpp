#include "roofline/run_disturbance.hpp"

#include <algorithm>

#include "support/text_format.hpp"

namespace roof {
namespace {

std::string benchmark_of(std::string name) {
  for (const char* suffix : {"/real_time", "/manual_time"}) {
    if (name.ends_with(suffix)) name.resize(name.size() - std::string_view(suffix).size());
  }
  return name;
}

std::string percent(double fraction) {
  return fixed(100 * fraction, fraction < 0.1 ? 1 : 0) + "%";
}

// "roof/a 23%, roof/b 15%, roof/c 12% and 4 more rows": the worst three.
std::string worst_rows(std::vector<Disturbance> rows, bool lowest_first) {
  std::stable_sort(rows.begin(), rows.end(), [&](const Disturbance& x, const Disturbance& y) {
    return lowest_first ? x.value < y.value : x.value > y.value;
  });
  std::string text;
  const std::size_t shown = std::min<std::size_t>(rows.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) {
    text += (i == 0 ? "" : ", ") + rows[i].row + " " + percent(rows[i].value);
  }
  if (rows.size() > shown) text += " and " + std::to_string(rows.size() - shown) + " more";
  return text;
}

}  // namespace

std::vector<Disturbance> row_disturbances(const CeilingRow& row) {
  std::vector<Disturbance> found;
  const std::string name = benchmark_of(row.name);
  // The CPU's ceilings only: a GPU's rows describe another device, and the advice here is a CPU's.
  if (name.starts_with("roof/gpu")) return found;
  const auto counter = [&](const std::string& key) -> const double* {
    const auto it = row.counters.find(key);
    return it == row.counters.end() ? nullptr : &it->second;
  };
  if (row.aggregate == "cv") {
    // The coefficient of variation of the row's rate over its repetitions.
    for (const char* rate : {"flops", "bytes_per_second"}) {
      if (const double* cv = counter(rate); cv && *cv > kSpreadLimit) {
        found.push_back({DisturbanceKind::spread, name, *cv});
        break;
      }
    }
    return found;
  }
  // The repetitions, and the mean and median for a run that reported aggregates only; the
  // warnings keep one entry per row (disturbance_warnings), so a row seen twice counts once.
  if (!row.aggregate.empty() && row.aggregate != "mean" && row.aggregate != "median") {
    return found;
  }
  if (const double* load = counter("other_load"); load && *load > kOtherLoadLimit) {
    found.push_back({DisturbanceKind::other_load, name, *load});
  }
  if (const double* fraction = counter("fraction_of_theoretical");
      fraction && *fraction > 0 && *fraction < kFmaFractionLimit) {
    found.push_back({DisturbanceKind::fma_below_theoretical, name, *fraction});
  }
  return found;
}

std::vector<std::string> disturbance_warnings(const std::vector<Disturbance>& found) {
  std::vector<std::string> lines;
  // One entry per row, with its largest value: the most other load, the largest spread, and of
  // an FMA row's fractions of the peak the best (the ceiling is the best repetition).
  const auto of_kind = [&](DisturbanceKind kind) {
    std::vector<Disturbance> rows;
    for (const Disturbance& d : found) {
      if (d.kind != kind) continue;
      auto same = std::find_if(rows.begin(), rows.end(),
                               [&](const Disturbance& r) { return r.row == d.row; });
      if (same == rows.end()) {
        rows.push_back(d);
      } else {
        same->value = std::max(same->value, d.value);
      }
    }
    return rows;
  };
  if (const auto rows = of_kind(DisturbanceKind::other_load); !rows.empty()) {
    lines.push_back("other processes or the hypervisor held more than " + percent(kOtherLoadLimit) +
                    " of the CPUs during " + std::to_string(rows.size()) +
                    (rows.size() == 1 ? " row" : " rows") + " (" + worst_rows(rows, false) +
                    "), so those ceilings may be low: measure again on an idle machine");
  }
  if (const auto rows = of_kind(DisturbanceKind::spread); !rows.empty()) {
    lines.push_back(std::to_string(rows.size()) +
                    (rows.size() == 1 ? " row varies" : " rows vary") + " by more than " +
                    percent(kSpreadLimit) +
                    " between repetitions (coefficient of variation: " + worst_rows(rows, false) +
                    "): the machine was not steady, and the best repetition is the ceiling");
  }
  for (const Disturbance& d : of_kind(DisturbanceKind::fma_below_theoretical)) {
    lines.push_back(d.row + " reached " + percent(d.value) +
                    " of its theoretical peak at the clock measured beside it (below " +
                    percent(kFmaFractionLimit) +
                    "): another process held a core, the clock fell during the run, or the "
                    "core has one FMA unit, not the two assumed (ROOF_FMA_UNITS=1 says so)");
  }
  return lines;
}

}  // namespace roof
