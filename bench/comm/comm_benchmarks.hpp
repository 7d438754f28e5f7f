#pragma once

// bench_comm's cases: one Google Benchmark per (collective, message size), named
// comm/<collective>/bytes:<size>/ranks:<n>, each verified once before it is timed, timed with CUDA
// events through UseManualTime(), with nccl-tests' counters (docs/bench.md, "bench_comm").

#include <benchmark/benchmark.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "bench/comm/comm_world.hpp"
#include "bench/comm/peers.hpp"

namespace roof::bench::comm {

class CommBenchmarks {
 public:
  CommBenchmarks(const Peers& peers, RankLayout layout);
  ~CommBenchmarks();
  CommBenchmarks(const CommBenchmarks&) = delete;
  CommBenchmarks& operator=(const CommBenchmarks&) = delete;

  // Registers every collective at every size; the object must outlive the run.
  void register_cases(const std::vector<std::size_t>& sizes);

  // Cases whose result was wrong or whose calls failed.
  int failures() const { return failures_; }

 private:
  void run_case(benchmark::State& state, Collective collective, std::size_t bytes);
  CommWorld& world();  // created at the first case, so that listing the cases needs no NCCL

  const Peers& peers_;
  RankLayout layout_;
  std::unique_ptr<CommWorld> world_;
  std::vector<std::string> verified_;
  int failures_ = 0;
};

}  // namespace roof::bench::comm
