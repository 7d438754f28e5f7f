#pragma once

#include <optional>
#include <string>
#include <vector>

namespace roof {

// Where a link sits: between the GPUs of one node, or between nodes.
enum class LinkScope { gpu, node };

std::string_view to_string(LinkScope scope);

// One entry of the interconnect catalogue (roofline/interconnects.json, or bench_comm's measured
// file): the bandwidth a GPU can push through the link in one direction, as the specification
// gives it and as NCCL's all-reduce typically achieves it (its bus bandwidth), and the latency
// of one step of a collective. Every number carries its source in the file.
struct Interconnect {
  std::string name;
  std::vector<std::string> aliases;
  std::string description;
  LinkScope scope = LinkScope::gpu;
  double theoretical_gbs = 0;  // GB/s per direction, per GPU (per node for a node link)
  std::string theoretical_source;
  double achieved_gbs = 0;  // NCCL all-reduce bus bandwidth, GB/s
  std::string achieved_source;
  double latency_us = 0;  // one step of a ring or tree
  std::string latency_source;
  // GPUs that share one such link to the host (two dies behind a K80's switch): host-staged
  // traffic of those GPUs divides the link's bandwidth.
  int shared_by = 1;
  std::string origin;       // "catalogue" or the path of the file it came from
  std::string measured_by;  // "" unless a bench_comm run measured it
  int measured_ranks = 0;   // how many GPUs that run used
};

}  // namespace roof
