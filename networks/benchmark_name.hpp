#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof {

// The name every measured layer-pass carries, in bench_layers' output and wherever it is read
// back (ARCHITECTURE.md, "Benchmarks"):
//   <op>/<network>:<layer>/<pass>/mb:<batch>/impl:<impl>
// op is conv, conv1x1 or fc, so Google Benchmark's --benchmark_filter=conv1x1 selects exactly
// the 1x1 convolutions.
std::string benchmark_name(std::string_view network, const Layer& layer, Pass pass,
                           std::string_view impl);

struct ParsedBenchmarkName {
  std::string op;
  std::string network;
  std::string layer;
  Pass pass = Pass::fwd;
  std::int64_t batch = 0;
  std::string impl;
};

// Reads a name back, ignoring Google Benchmark's own suffixes (/real_time, /manual_time).
// Throws InputError for a name that does not follow the grammar.
ParsedBenchmarkName parse_benchmark_name(const std::string& name);

}  // namespace roof
