#pragma once

// Progress of a long run on stderr, after each case: "bench_layers: 12 of 340 cases done in
// 3 min 10 s, about 1 h 20 min left". Only where a person watches (stderr a terminal) or when
// ROOF_PROGRESS=1 asks for it: a log or a pipe stays as Google Benchmark writes it otherwise.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

namespace roof::bench {

// How many of `names` a run executes under Google Benchmark's --benchmark_filter (a regular
// expression searched in each name; a leading '-' keeps the names it does not match).
int cases_selected(const std::vector<std::string>& names, const std::string& filter);

// "3 min 10 s", "1 h 20 min", "45 s".
std::string duration_text(double seconds);

class ProgressReporter : public benchmark::BenchmarkReporter {
 public:
  // `inner` is the display reporter that prints the results; not owned.
  ProgressReporter(std::string program, benchmark::BenchmarkReporter* inner, int total);
  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  std::string program_;
  benchmark::BenchmarkReporter* inner_;
  int total_;
  int done_ = 0;
  bool shown_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace roof::bench
