#include "bench/comm/comm_benchmarks.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

namespace roof::bench::comm {
namespace {

std::string describe(const Verification& v, int ranks) {
  std::string text = std::to_string(v.wrong) + " of " + std::to_string(v.checked) +
                     " output elements wrong over " + std::to_string(ranks) + " ranks";
  if (!v.first.empty()) text += "; first: " + v.first;
  return text;
}

}  // namespace

CommBenchmarks::CommBenchmarks(const Peers& peers, RankLayout layout, double timeout_seconds)
    : peers_(peers), layout_(std::move(layout)), timeout_seconds_(timeout_seconds) {}

CommBenchmarks::~CommBenchmarks() = default;

void CommBenchmarks::register_cases(const std::vector<std::size_t>& sizes) {
  for (const Collective collective : all_collectives) {
    for (const std::size_t bytes : sizes) {
      benchmark::RegisterBenchmark(case_name(collective, bytes, layout_.ranks).c_str(),
                                   [this, collective, bytes](benchmark::State& state) {
                                     run_case(state, collective, bytes);
                                   })
          ->UseManualTime()
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

CommWorld& CommBenchmarks::world() {
  if (!world_) world_ = std::make_unique<CommWorld>(peers_, layout_, timeout_seconds_);
  return *world_;
}

void CommBenchmarks::fail(const std::string& name, const std::exception& error) {
  ++failures_;
  if (world_) world_->abort();
  if (peers_.several()) {
    // The other ranks wait inside the collective this one left: end them all.
    std::fprintf(stderr, "bench_comm: error on rank %d (%s), %s: %s\n", peers_.rank(),
                 peers_.hostname().c_str(), name.c_str(), error.what());
    peers_.abort(2);
  }
  // One process: the communicators are aborted, and a new world per case would only fail again
  // (or half-work on GPUs left in error), so every later case is skipped with this error.
  first_error_ = name + ": " + error.what();
  world_.reset();
}

void CommBenchmarks::run_case(benchmark::State& state, Collective collective, std::size_t bytes) {
  const std::string name = case_name(collective, bytes, layout_.ranks);
  const Counts c = counts(collective, bytes, layout_.ranks);
  if (!first_error_.empty()) {
    state.SkipWithError(("not run after the first failure, " + first_error_).c_str());
    return;
  }
  const int collectives = collectives_per_iteration(bytes);
  try {
    CommWorld& w = world();
    // Google Benchmark calls a case several times while it settles the iteration count; the
    // result is checked at the first call, before anything of it is timed.
    if (std::find(verified_.begin(), verified_.end(), name) == verified_.end()) {
      const Verification v = w.verify(collective, c);
      if (v.wrong > 0) {
        ++failures_;
        state.SkipWithError(describe(v, layout_.ranks).c_str());
        return;
      }
      verified_.push_back(name);
    }
    w.run(collective, c);  // warm-up: NCCL sets up the protocol for this size on first use
    for (auto _ : state) state.SetIterationTime(w.timed(collective, c, collectives));
  } catch (const std::exception& e) {
    fail(name, e);
    state.SkipWithError(e.what());
    return;
  }
  using benchmark::Counter;
  const double size = static_cast<double>(c.bytes);
  state.counters["algbw"] = Counter(size, Counter::kIsIterationInvariantRate);
  state.counters["busbw"] =
      Counter(size * bus_factor(collective, layout_.ranks), Counter::kIsIterationInvariantRate);
  state.counters["bytes"] = Counter(size, Counter::kDefaults, Counter::OneK::kIs1024);
  state.counters["ranks"] = Counter(layout_.ranks);
  state.SetLabel(collectives > 1 ? "out-of-place fp32, verified on every rank, " +
                                       std::to_string(collectives) + " back-to-back per iteration"
                                 : std::string("out-of-place fp32, verified on every rank"));
}

}  // namespace roof::bench::comm
