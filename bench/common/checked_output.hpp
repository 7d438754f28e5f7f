#pragma once

// Every write of a benchmark program checked: Google Benchmark opens the --benchmark_out file
// and writes it through its reporter without looking at the stream again, so on a full disk a
// run left an empty or truncated file and exited 0. The programs run their benchmarks through
// run_checked instead, which hands Google Benchmark a file reporter of the format asked for that
// flushes and checks the file after the context, after each run and at the end, and checks
// stdout once the run is over.

#include <benchmark/benchmark.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace roof::bench {

// --benchmark_out and --benchmark_out_format as Google Benchmark reads them (the last of each on
// the command line, else the BENCHMARK_OUT and BENCHMARK_OUT_FORMAT environment variables, else
// no file and "json"). Read before benchmark::Initialize, which removes them from argv.
struct OutputFileFlags {
  std::string path;  // empty: no file
  std::string format = "json";
};
OutputFileFlags output_file_flags(int argc, char** argv);

// Whether the --benchmark_out file can be opened for writing, tried before anything runs (Google
// Benchmark's own refusal, "invalid file name", comes after the program's setup and without its
// name). When it cannot, prints "<program>: error: could not open --benchmark_out 'P': reason"
// and returns false. Opening it creates it empty, as Google Benchmark would.
bool output_file_openable(std::string_view program, const OutputFileFlags& flags);

// The file reporter: Google Benchmark's own JSON, CSV or console reporter writing to the stream
// Google Benchmark opened for --benchmark_out, each write followed by a flush and a check.
class CheckedFileReporter : public benchmark::BenchmarkReporter {
 public:
  // nullptr for a format Google Benchmark does not know (it refuses the flag itself).
  static std::unique_ptr<CheckedFileReporter> for_format(std::string_view format);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  // The first failed write: "No space left on device"; nullopt while every write succeeded.
  const std::optional<std::string>& failure() const { return failure_; }
  // Google Benchmark opened the file and started writing it (it does not when it cannot open
  // the file, which it reports on stderr and returns without running anything).
  bool started() const { return started_; }

 private:
  explicit CheckedFileReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner);
  void check();

  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  std::optional<std::string> failure_;
  bool started_ = false;
};

// Registers a check of stdout at exit, for the paths that leave main through exit() and never
// reach run_checked: Google Benchmark's --help prints its flags and calls exit(0). When stdout
// could not be written (a full disk, a closed pipe), it prints "<program>: error: ..." on
// stderr and ends the program with status 2. Call it first in main; `program` must outlive it.
void check_stdout_at_exit(const char* program);

// benchmark::RunSpecifiedBenchmarks(display, checked file reporter) where `flags` names a file
// (display nullptr: Google Benchmark's default display), then a check of stdout. Returns false
// after printing "<program>: error: ..." on stderr when a write failed.
bool run_checked(std::string_view program, benchmark::BenchmarkReporter* display,
                 const OutputFileFlags& flags);

}  // namespace roof::bench
