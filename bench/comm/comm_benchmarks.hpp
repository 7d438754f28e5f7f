#pragma once

// bench_comm's cases: one Google Benchmark per (collective, message size), named
// comm/<collective>/bytes:<size>/ranks:<n>, each verified once before it is timed, timed with CUDA
// events through UseManualTime() (20 back-to-back collectives per timed iteration up to 1 MiB),
// with nccl-tests' counters (docs/bench.md, "bench_comm"). The first failed CUDA or NCCL call
// ends the communicators: under MPI every process (MPI_Abort), in one process the world, and
// every later case is skipped with that first error rather than run on a broken world.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "bench/comm/comm_world.hpp"
#include "bench/comm/peers.hpp"

namespace roof::bench::comm {

class CommBenchmarks {
 public:
  // timeout_seconds: see CommWorld (ROOF_COMM_TIMEOUT_S).
  CommBenchmarks(const Peers& peers, RankLayout layout, double timeout_seconds);
  ~CommBenchmarks();
  CommBenchmarks(const CommBenchmarks&) = delete;
  CommBenchmarks& operator=(const CommBenchmarks&) = delete;

  // Registers every collective at every size; the object must outlive the run.
  void register_cases(const std::vector<std::size_t>& sizes);

  // Cases whose result was wrong or whose calls failed (not those skipped after a failure).
  int failures() const { return failures_; }

 private:
  void run_case(benchmark::State& state, Collective collective, std::size_t bytes);
  CommWorld& world();  // created at the first case, so that listing the cases needs no NCCL
  // After a failed call: aborts the communicators and drops the world for good.
  void fail(const std::string& name, const std::exception& error);

  const Peers& peers_;
  RankLayout layout_;
  double timeout_seconds_ = 0;
  std::unique_ptr<CommWorld> world_;
  std::string first_error_;  // "<case>: <what failed>", once a call has failed
  std::vector<std::string> verified_;
  int failures_ = 0;
};

}  // namespace roof::bench::comm
