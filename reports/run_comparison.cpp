#include "reports/run_comparison.hpp"

#include <algorithm>
#include <cmath>

namespace roof::report {
namespace {

bool same_group(const MeasuredRun& a, const MeasuredRun& b) {
  return a.network.name == b.network.name && a.network.batch == b.network.batch &&
         a.on_gpu == b.on_gpu;
}

RunComparison compare_pair(const std::vector<MeasuredRun>& runs, std::size_t a, std::size_t b) {
  RunComparison out{a, b, {}, {}};
  const MeasuredIteration& base = runs[a].iteration;
  const MeasuredIteration& next = runs[b].iteration;
  std::map<std::pair<std::string, Pass>, const MeasuredRow*> next_rows;
  for (const MeasuredRow& row : next.rows) next_rows[{row.layer, row.pass}] = &row;
  for (const std::string& impl : base.impls) {
    if (std::find(next.impls.begin(), next.impls.end(), impl) == next.impls.end()) continue;
    ImplChange change{impl, 0, 0, 0, 0, base.iteration_s.at(impl), next.iteration_s.at(impl)};
    double log_sum = 0;
    for (const MeasuredRow& row : base.rows) {
      const auto there = next_rows.find({row.layer, row.pass});
      if (there == next_rows.end()) continue;
      const auto t0 = row.measured_s.find(impl);
      const auto t1 = there->second->measured_s.find(impl);
      if (t0 == row.measured_s.end() || t1 == there->second->measured_s.end()) continue;
      if (!(t0->second > 0) || !(t1->second > 0)) continue;
      const PassChange pass{row.layer, row.pass, impl, t0->second, t1->second};
      log_sum += std::log(pass.ratio());
      change.min_ratio =
          change.passes == 0 ? pass.ratio() : std::min(change.min_ratio, pass.ratio());
      change.max_ratio =
          change.passes == 0 ? pass.ratio() : std::max(change.max_ratio, pass.ratio());
      ++change.passes;
      out.passes.push_back(pass);
    }
    if (change.passes == 0) continue;
    change.geomean_ratio = std::exp(log_sum / change.passes);
    out.impls.push_back(change);
  }
  return out;
}

}  // namespace

std::vector<RunComparison> compare_runs(const std::vector<MeasuredRun>& runs) {
  std::vector<RunComparison> out;
  std::vector<bool> grouped(runs.size(), false);
  for (std::size_t a = 0; a < runs.size(); ++a) {
    if (grouped[a]) continue;
    for (std::size_t b = a + 1; b < runs.size(); ++b) {
      if (grouped[b] || !same_group(runs[a], runs[b])) continue;
      grouped[b] = true;
      RunComparison c = compare_pair(runs, a, b);
      if (!c.impls.empty()) out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace roof::report
