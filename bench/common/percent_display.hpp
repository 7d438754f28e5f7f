#pragma once

// Fractions as percentages on Google Benchmark's console: a counter named fraction_of_X (the
// fraction of a roof, of the theoretical peak, of the plain triad) prints there as %_of_X,
// times 100 ("62.8" under %_of_roof instead of "628.034m" under fraction_of_roof, Google
// Benchmark's SI prefixes being meant for rates, not fractions); the load counters other_load
// and steal, shares of the CPUs' time, print as %_other_load and %_steal. Only the console changes:
// the JSON and CSV of --benchmark_out, and a --benchmark_format=json display, keep the fraction
// under its own name, which is what the suite's readers take.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

namespace roof::bench {

// The console name and value of a counter: ("%_of_roof", 62.8) for ("fraction_of_roof", 0.628);
// other counters as they are.
std::string console_counter_name(const std::string& name);

// Runs with every fraction_of_ counter renamed and scaled as console_counter_name says.
std::vector<benchmark::BenchmarkReporter::Run> with_percentages(
    std::vector<benchmark::BenchmarkReporter::Run> runs);

// The display reporter the programs hand Google Benchmark: its default one (--benchmark_format,
// --benchmark_color and --benchmark_counters_tabular honoured), percentages where that is the
// console. Lives as long as the program, as Google Benchmark's own default display does.
benchmark::BenchmarkReporter* percent_display_reporter();

}  // namespace roof::bench
