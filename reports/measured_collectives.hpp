#pragma once

#include <string>
#include <string_view>
#include <vector>

// What the report reads from bench_comm's Google Benchmark JSON (bench/comm/, docs/bench.md):
// per collective, the largest message, the best bus bandwidth and the smallest message's time,
// with the run's hosts, GPUs and NCCL version from its context.
namespace roof::report {

// One collective of one bench_comm run, over every size it measured.
struct MeasuredCollective {
  std::string file;
  std::string collective;  // "all_reduce", "broadcast", "all_gather", as in the benchmark names
  int ranks = 0;
  std::string nodes;           // the context's roof_nodes; "" when the run did not write it
  double largest_bytes = 0;    // nccl-tests' size of the largest message measured
  double best_busbw = 0;       // bytes/s, the best `busbw` of any size and repetition
  double smallest_bytes = 0;   // the smallest message measured
  double smallest_time_s = 0;  // its time, the best of its repetitions (mostly latency)
};

struct CommRun {
  std::string path;
  std::string hosts;  // roof_hosts, else roof_hostname, else Google Benchmark's host_name
  std::string gpus;   // roof_gpus: "8 x Tesla V100-SXM2-16GB"
  std::string nccl_version;
  std::string git_revision;
  std::string compiler;  // with the build type, as every bench program writes them
  std::string date;
  std::vector<MeasuredCollective> collectives;  // by collective name
};

// Rows named comm/<collective>/bytes:<size>/ranks:<n> (Google Benchmark may append
// /manual_time) with the counters busbw and bytes; rows with errors, and repetitions' stddev and
// cv aggregates, do not count. Throws InputError naming `path` for a file that is empty, not
// Google Benchmark JSON, not bench_comm's (context roof_tool), or without a measured row.
CommRun read_comm_run(std::string_view json_text, const std::string& path);

// Every run's collectives in one list, sorted by collective, then ranks, nodes and file.
std::vector<MeasuredCollective> merged_collectives(const std::vector<CommRun>& runs);

// "8 KiB", "256 MiB", "1.5 GiB": message sizes as bench_comm chooses them, powers of two.
std::string size_text(double bytes);

}  // namespace roof::report
