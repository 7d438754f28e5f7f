#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "results/benchmark_file.hpp"
#include "roofline/interconnect.hpp"

namespace roof {

// True for the Google Benchmark JSON bench_comm writes (context.roof_tool == "bench_comm").
bool is_bench_comm_json(const nlohmann::json& doc);

// The link a bench_comm run measured (docs/bench.md, "bench_comm"), from its comm/all_reduce rows:
//   - achieved_gbs (and theoretical_gbs, which nothing else measures) is the best `busbw` among
//     the three largest message sizes present, in GB/s (1e9 bytes/s): the bandwidth of the link
//     once latency no longer counts;
//   - latency_us is the smallest message's time less its bandwidth term (busbw factor x size /
//     that bandwidth), over the ring's 2(n-1) steps, so that roofline's alpha-beta model of a
//     ring all-reduce (roofline/collectives.hpp) gives back the measured time of that message;
//   - scope gpu for one node, node for several; the name is the run's roof_interconnect_name;
//     measured_by says "bench_comm (NCCL <version>, <ranks> GPUs on <nodes> node(s), <host>)".
// Every repetition and the mean and median aggregates count; rows with errors do not.
// Throws InputError naming `origin` for a file without all-reduce rows, with errored ones only,
// with fewer than two ranks, or with a malformed field.
Interconnect read_bench_comm(const BenchmarkFile& file);
Interconnect read_bench_comm(const nlohmann::json& doc, const std::string& origin);

}  // namespace roof
