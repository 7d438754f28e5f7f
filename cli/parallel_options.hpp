#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "roofline/interconnect_catalogue.hpp"
#include "roofline/parallel_training.hpp"

namespace roof::cli {

// The multi-GPU flags of train and explain (docs/cli.md, docs/cluster.md).
struct ParallelArgs {
  int gpus = 1;  // per node
  int nodes = 1;
  std::string strategy = "data";
  std::string interconnect;  // between the GPUs of a node; empty: the device's own
  std::string node_link;     // between nodes; empty: InfiniBand EDR
  std::vector<std::string> interconnect_files;
  std::string allreduce = "auto";
  bool overlap = false;
  double bucket_mib = 25;
  std::optional<std::int64_t> global_batch;  // empty: weak scaling
  bool sweep = false;
  bool gpus_given = false;  // --sweep goes up to --gpus when given, else to 8
};

// `with_strategy`: train takes one --strategy and --sweep; explain compares all strategies.
void add_parallel_options(CLI::App& cmd, ParallelArgs& args, bool with_strategy);
// True when any multi-GPU flag was given: train then predicts on several GPUs.
bool parallel_requested(const CLI::App& cmd);

// Refuses flags that would be silently ignored (--bucket-mib without --overlap, --node-link on
// one node, gradient flags under --strategy model) and devices that are no GPU (this-cpu).
void check_parallel_flags(const CLI::App& cmd, const ParallelArgs& args, const Device& device);

InterconnectCatalogue load_interconnects(const ParallelArgs& args);
// The links of gpus_per_node x nodes GPUs of `device`, read at the --ceilings' level.
Fabric fabric_for(const ParallelArgs& args, const InterconnectCatalogue& links,
                  const Device& device, int gpus_per_node, int nodes, Ceilings ceilings);
// Throws InputError for bad values.
ParallelOptions parallel_options(const ParallelArgs& args, const TrainingOptions& training,
                                 int gpus_per_node, int nodes, Strategy strategy);

// --sweep's GPU counts: the powers of two up to n, and n itself.
std::vector<int> doubling_up_to(int n);

}  // namespace roof::cli
