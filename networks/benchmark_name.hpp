#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof {

// The name every measured layer-pass carries, in bench_layers' output and wherever it is read
// back (ARCHITECTURE.md, "Benchmarks"):
//   <op>/<network>:<layer>/<pass>/mb:<batch>/impl:<impl>[/cache:<cold|hot>]
// op is conv, conv1x1 or fc for the layers with MACs, the op's own name for the others (relu,
// max_pool, avg_pool, lrn, batch_norm, concat, add, dropout, softmax_loss), so Google
// Benchmark's --benchmark_filter=conv1x1 selects exactly the 1x1 convolutions and
// --benchmark_filter=^relu/ the ReLUs. GPU cases name their cache state (cold: L2 flushed before
// each launch); CPU cases run hot and leave it out (docs/bench.md).
std::string benchmark_name(std::string_view network, const Layer& layer, Pass pass,
                           std::string_view impl, std::string_view cache = "");

// The optimizer step of a whole network, one row per network and implementation:
//   sgd_update/<network>:parameters/update/mb:<batch>/impl:<impl>
std::string update_benchmark_name(std::string_view network, std::int64_t batch,
                                  std::string_view impl);

struct ParsedBenchmarkName {
  std::string op;
  std::string network;
  std::string layer;
  Pass pass = Pass::fwd;
  std::int64_t batch = 0;
  std::string impl;
  std::string cache;    // "" when the name has no cache part
  bool update = false;  // the optimizer step (op sgd_update, pass "update"); pass is then fwd
};

// Reads a name back, ignoring Google Benchmark's own suffixes (/real_time, /manual_time).
// Throws InputError for a name that does not follow the grammar.
ParsedBenchmarkName parse_benchmark_name(const std::string& name);

}  // namespace roof
