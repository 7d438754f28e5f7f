#include "bench/common/percent_display.hpp"

#include <utility>

namespace roof::bench {
namespace {

constexpr const char* kFraction = "fraction_of_";
// Shares of all the CPUs' time the run watched (bench/common/machine_load.hpp), also fractions.
constexpr const char* kShares[] = {"other_load", "steal"};

bool is_share(const std::string& name) {
  for (const char* share : kShares) {
    if (name == share) return true;
  }
  return false;
}

class PercentDisplay : public benchmark::BenchmarkReporter {
 public:
  explicit PercentDisplay(benchmark::BenchmarkReporter* inner)
      : inner_(inner), console_(dynamic_cast<benchmark::ConsoleReporter*>(inner) != nullptr) {}
  bool ReportContext(const Context& context) override { return inner_->ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    inner_->ReportRuns(console_ ? with_percentages(runs) : runs);
  }
  void Finalize() override { inner_->Finalize(); }

 private:
  benchmark::BenchmarkReporter* inner_;  // Google Benchmark's static default display
  bool console_;
};

}  // namespace

std::string console_counter_name(const std::string& name) {
  const std::string prefix = kFraction;
  if (is_share(name)) return "%_" + name;
  return name.starts_with(prefix) ? "%_of_" + name.substr(prefix.size()) : name;
}

std::vector<benchmark::BenchmarkReporter::Run> with_percentages(
    std::vector<benchmark::BenchmarkReporter::Run> runs) {
  for (benchmark::BenchmarkReporter::Run& run : runs) {
    benchmark::UserCounters shown;
    for (auto [name, counter] : run.counters) {
      if (name.starts_with(kFraction) || is_share(name)) counter.value *= 100;
      shown.emplace(console_counter_name(name), counter);
    }
    run.counters = std::move(shown);
  }
  return runs;
}

benchmark::BenchmarkReporter* percent_display_reporter() {
  static PercentDisplay display(benchmark::CreateDefaultDisplayReporter());
  return &display;
}

}  // namespace roof::bench
