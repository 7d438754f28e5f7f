#include "bench/roofs/disturbance_reporter.hpp"

#include "bench/common/percent_display.hpp"

namespace roof::bench {

DisturbanceReporter::DisturbanceReporter() : display_(percent_display_reporter()) {}

bool DisturbanceReporter::ReportContext(const Context& context) {
  return display_->ReportContext(context);
}

void DisturbanceReporter::ReportRuns(const std::vector<Run>& runs) {
  display_->ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred) continue;
    CeilingRow row;
    row.name = run.run_name.str();
    if (run.run_type == Run::RT_Aggregate) row.aggregate = run.aggregate_name;
    for (const auto& [key, counter] : run.counters) row.counters[key] = counter.value;
    for (Disturbance& d : row_disturbances(row)) found_.push_back(std::move(d));
  }
}

void DisturbanceReporter::Finalize() {
  display_->Finalize();
}

}  // namespace roof::bench
