#include "bench/common/checked_output.hpp"

#include "support/printable.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace roof::bench {
namespace {

// Set once run_checked has reported a failed stdout (check_stdout_at_exit stays quiet then).
bool g_stdout_failure_reported = false;

// Google Benchmark's --name=value form (a bare --name leaves the value unchanged there too).
std::optional<std::string> flag_value(std::string_view arg, std::string_view name) {
  const std::string prefix = "--" + std::string(name) + "=";
  if (!arg.starts_with(prefix)) return std::nullopt;
  return std::string(arg.substr(prefix.size()));
}

std::string errno_text(int error) {
  return error != 0 ? std::strerror(error)
                    : "the stream reported a failed write (a full disk or a closed pipe)";
}

}  // namespace

OutputFileFlags output_file_flags(int argc, char** argv) {
  OutputFileFlags flags;
  if (const char* path = std::getenv("BENCHMARK_OUT")) flags.path = path;
  if (const char* format = std::getenv("BENCHMARK_OUT_FORMAT")) flags.format = format;
  for (int i = 1; i < argc; ++i) {
    if (auto path = flag_value(argv[i], "benchmark_out")) flags.path = *path;
    if (auto format = flag_value(argv[i], "benchmark_out_format")) flags.format = *format;
  }
  return flags;
}

std::unique_ptr<CheckedFileReporter> CheckedFileReporter::for_format(std::string_view format) {
  std::unique_ptr<benchmark::BenchmarkReporter> inner;
  if (format == "json") {
    inner = std::make_unique<benchmark::JSONReporter>();
  } else if (format == "csv") {
    // Deprecated in Google Benchmark, and still what its --benchmark_out_format=csv writes.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    inner = std::make_unique<benchmark::CSVReporter>();
#pragma GCC diagnostic pop
  } else if (format == "console") {
    inner = std::make_unique<benchmark::ConsoleReporter>(benchmark::ConsoleReporter::OO_None);
  } else {
    return nullptr;
  }
  return std::unique_ptr<CheckedFileReporter>(new CheckedFileReporter(std::move(inner)));
}

CheckedFileReporter::CheckedFileReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner)
    : inner_(std::move(inner)) {}

bool CheckedFileReporter::ReportContext(const Context& context) {
  // Google Benchmark sets this reporter's streams to the file after constructing it.
  inner_->SetOutputStream(&GetOutputStream());
  inner_->SetErrorStream(&GetErrorStream());
  started_ = true;
  const bool ok = inner_->ReportContext(context);
  check();
  return ok;
}

void CheckedFileReporter::ReportRuns(const std::vector<Run>& runs) {
  inner_->ReportRuns(runs);
  check();
}

void CheckedFileReporter::Finalize() {
  inner_->Finalize();
  check();
}

void CheckedFileReporter::check() {
  std::ostream& out = GetOutputStream();
  errno = 0;
  out.flush();
  if (!out && !failure_) failure_ = errno_text(errno);
}

bool output_file_openable(std::string_view program, const OutputFileFlags& flags) {
  if (flags.path.empty()) return true;
  errno = 0;
  std::ofstream probe(flags.path, std::ios::app);
  if (probe) return true;
  const int error = errno;
  std::cerr << program << ": error: could not open --benchmark_out '" << printable(flags.path)
            << "'" << (error != 0 ? ": " + errno_text(error) : std::string()) << '\n';
  return false;
}

bool run_checked(std::string_view program, benchmark::BenchmarkReporter* display,
                 const OutputFileFlags& flags) {
  benchmark::BenchmarkReporter* shown =
      display != nullptr ? display : benchmark::CreateDefaultDisplayReporter();
  std::unique_ptr<CheckedFileReporter> file;
  if (!flags.path.empty()) file = CheckedFileReporter::for_format(flags.format);
  if (file) {
    benchmark::RunSpecifiedBenchmarks(shown, file.get());
  } else {
    benchmark::RunSpecifiedBenchmarks(shown);
  }
  bool ok = true;
  // Not started: either the file could not be opened, or no benchmark matched the filter (Google
  // Benchmark said which on stderr); only the first leaves no file behind.
  std::error_code error;
  if (file && !file->started() && !std::filesystem::is_regular_file(flags.path, error)) {
    std::cerr << program << ": error: could not open --benchmark_out '" << flags.path << "'\n";
    ok = false;
  }
  if (file && file->failure()) {
    std::cerr << program << ": error: could not write --benchmark_out '" << flags.path
              << "': " << *file->failure() << '\n';
    ok = false;
  }
  errno = 0;
  std::cout.flush();
  if (!std::cout) {
    g_stdout_failure_reported = true;  // the at-exit check need not say it again
    std::cerr << program << ": error: could not write the results to stdout: " << errno_text(errno)
              << '\n';
    ok = false;
  }
  return ok;
}

namespace {
const char* g_exit_program = nullptr;

void stdout_check_at_exit() {
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (failed && !g_stdout_failure_reported) {
    std::cerr << g_exit_program
              << ": error: writing standard output failed (a full disk or a closed pipe?); the "
                 "output is incomplete\n";
    std::cerr.flush();
    std::_Exit(2);
  }
  if (failed) std::_Exit(2);
}
}  // namespace

void check_stdout_at_exit(const char* program) {
  g_exit_program = program;
  std::atexit(stdout_check_at_exit);
}

}  // namespace roof::bench
