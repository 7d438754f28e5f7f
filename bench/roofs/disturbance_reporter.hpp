#pragma once

// The display reporter bench_roofs hands Google Benchmark: the one --benchmark_format asks for,
// and beside it what its rows say about the machine (roofline/run_disturbance.hpp: other load,
// a spread between repetitions, an FMA ceiling far below its theoretical peak), for the
// warnings printed at the end of the run. The JSON of --benchmark_out carries the same facts
// (the other_load counters, the cv aggregates, fraction_of_theoretical), so a program that loads
// the file finds the same warnings.

#include <benchmark/benchmark.h>

#include <vector>

#include "roofline/run_disturbance.hpp"

namespace roof::bench {

class DisturbanceReporter : public benchmark::BenchmarkReporter {
 public:
  DisturbanceReporter();
  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;
  const std::vector<Disturbance>& found() const { return found_; }

 private:
  // percent_display_reporter()'s, around Google Benchmark's own static default: not ours to
  // delete.
  benchmark::BenchmarkReporter* display_ = nullptr;
  std::vector<Disturbance> found_;
};

}  // namespace roof::bench
