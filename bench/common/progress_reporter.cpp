#include "bench/common/progress_reporter.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <regex>

namespace roof::bench {

int cases_selected(const std::vector<std::string>& names, const std::string& filter) {
  if (filter.empty() || filter == "." || filter == "all") return static_cast<int>(names.size());
  const bool negated = filter.front() == '-';
  int selected = 0;
  try {
    const std::regex re(negated ? filter.substr(1) : filter, std::regex::extended);
    for (const std::string& name : names) {
      if (std::regex_search(name, re) != negated) ++selected;
    }
  } catch (const std::regex_error&) {
    return static_cast<int>(names.size());  // Google Benchmark reports the bad filter itself
  }
  return selected;
}

std::string duration_text(double seconds) {
  const long s = std::lround(seconds);
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

ProgressReporter::ProgressReporter(std::string program, benchmark::BenchmarkReporter* inner,
                                   int total)
    : program_(std::move(program)), inner_(inner), total_(total) {
  const char* asked = std::getenv("ROOF_PROGRESS");
  shown_ = total_ > 1 && (asked != nullptr ? std::string(asked) == "1" : isatty(STDERR_FILENO));
}

bool ProgressReporter::ReportContext(const Context& context) {
  start_ = std::chrono::steady_clock::now();
  return inner_->ReportContext(context);
}

void ProgressReporter::ReportRuns(const std::vector<Run>& runs) {
  inner_->ReportRuns(runs);
  ++done_;
  if (!shown_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::cout.flush();  // the result line first, then its progress
  std::cerr << program_ << ": " << done_ << " of " << total_ << " cases done in "
            << duration_text(elapsed);
  if (done_ < total_) {
    std::cerr << ", about " << duration_text(elapsed / done_ * (total_ - done_)) << " left";
  }
  std::cerr << '\n';
}

void ProgressReporter::Finalize() {
  inner_->Finalize();
}

}  // namespace roof::bench
