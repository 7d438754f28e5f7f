#include "cli/parallel_options.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

#include "support/input_error.hpp"

namespace roof::cli {

namespace {
const char* const kParallelFlags[] = {"--gpus",         "--nodes",     "--strategy",
                                      "--interconnect", "--node-link", "--interconnect-file",
                                      "--allreduce",    "--overlap",   "--bucket-mib",
                                      "--global-batch", "--sweep"};
// A count above `most` (or below 1 beyond an int's range), refused with the range before CLI11
// converts it, which for a value beyond an int says only "Could not convert"; other values go on
// to the decimal check and parallel_options'.
CLI::Validator at_most(std::int64_t most, const std::string& what) {
  return CLI::Validator(
      [most, what](std::string& value) -> std::string {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        const bool beyond = ec == std::errc::result_out_of_range;
        if (beyond && value.starts_with('-')) return "must be at least 1, got " + value;
        if (beyond || (ec == std::errc() && end == value.data() + value.size() && n > most)) {
          return "at most " + std::to_string(most) + " " + what + ", got " + value;
        }
        return "";
      },
      "", "at most");
}
}  // namespace

void add_parallel_options(CLI::App& cmd, ParallelArgs& args, bool with_strategy) {
  cmd.add_option("--gpus", args.gpus, "GPUs per node (default 1)")
      ->check(at_most(1024, "GPUs per node"));
  cmd.add_option("--nodes", args.nodes, "Nodes (default 1); total GPUs = gpus x nodes")
      ->check(at_most(65536, "nodes"));
  if (with_strategy) {
    cmd.add_option("--strategy", args.strategy, "data (default), model or owt")
        ->check(CLI::IsMember({"data", "model", "owt"}));
    cmd.add_flag("--sweep", args.sweep,
                 "A table over 1, 2, 4 ... --gpus GPUs per node (8 if not given) and 1, 2, 4 "
                 "... --nodes nodes");
  }
  cmd.add_option("--interconnect", args.interconnect,
                 "Link between the GPUs of a node (see interconnects; default: the device's "
                 "NVLink or PCIe generation)");
  cmd.add_option("--node-link", args.node_link,
                 "Link between nodes (see interconnects; default ib-edr)");
  cmd.add_option("--interconnect-file", args.interconnect_files,
                 "Add links from a JSON file (roofline/interconnects.json's schema, or "
                 "bench_comm's JSON as a measured link); repeatable");
  cmd.add_option("--allreduce", args.allreduce,
                 "Gradient all-reduce: auto (default, faster of ring and tree), ring, tree, or "
                 "host (parameters in host memory, as Keras' multi_gpu_model)")
      ->check(CLI::IsMember({"auto", "ring", "tree", "host"}));
  cmd.add_flag("--overlap", args.overlap,
               "Overlap the gradient all-reduce with backward, in buckets (PyTorch DDP, Horovod)");
  cmd.add_option("--bucket-mib", args.bucket_mib, "Gradient bucket size with --overlap (25)");
  cmd.add_option("--global-batch", args.global_batch,
                 "Strong scaling: images per iteration over all GPUs (default: weak scaling, "
                 "--batch per GPU)")
      ->check(at_most(std::numeric_limits<std::int64_t>::max(), "images"));  // at least 1: below
}

bool parallel_requested(const CLI::App& cmd) {
  for (const char* flag : kParallelFlags) {
    try {
      if (cmd.count(flag) > 0) return true;
    } catch (const CLI::OptionNotFound&) {
      // explain has no --strategy or --sweep
    }
  }
  return false;
}

void check_parallel_flags(const CLI::App& cmd, const ParallelArgs& args, const Device& device) {
  if (device.architecture.starts_with("CPU")) {
    throw InputError(device.name + " is a CPU; the multi-GPU flags model GPUs joined by NCCL");
  }
  if (cmd.count("--bucket-mib") > 0 && !args.overlap) {
    throw InputError("--bucket-mib sizes the buckets of --overlap; give --overlap too");
  }
  if (cmd.count("--node-link") > 0 && args.nodes < 2) {
    throw InputError("--node-link joins nodes; give --nodes 2 or more");
  }
  const bool gradient_flags =
      cmd.count("--overlap") + cmd.count("--allreduce") + cmd.count("--bucket-mib") > 0;
  if (args.strategy == "model" && gradient_flags) {
    throw InputError(
        "--strategy model all-reduces no gradients; --overlap, --allreduce and "
        "--bucket-mib do not apply");
  }
}

InterconnectCatalogue load_interconnects(const ParallelArgs& args) {
  InterconnectCatalogue catalogue = InterconnectCatalogue::builtin();
  for (const std::string& path : args.interconnect_files) catalogue.add_file(path);
  return catalogue;
}

Fabric fabric_for(const ParallelArgs& args, const InterconnectCatalogue& links,
                  const Device& device, int gpus_per_node, int nodes, Ceilings ceilings) {
  return links.fabric_for(device, gpus_per_node, nodes, ceilings, args.interconnect,
                          args.node_link);
}

ParallelOptions parallel_options(const ParallelArgs& args, const TrainingOptions& training,
                                 int gpus_per_node, int nodes, Strategy strategy) {
  if (args.gpus < 1)
    throw InputError("--gpus must be at least 1, got " + std::to_string(args.gpus));
  if (args.nodes < 1) {
    throw InputError("--nodes must be at least 1, got " + std::to_string(args.nodes));
  }
  if (args.gpus > 1024 || args.nodes > 65536) {
    throw InputError("--gpus is per node (at most 1024) and --nodes at most 65536");
  }
  // A bucket from about a KiB to a TiB of gradients: inf would be one bucket by accident.
  if (!(args.bucket_mib >= 1e-3 && args.bucket_mib <= 1 << 20)) {
    throw InputError("--bucket-mib must be from 0.001 to 1048576 MiB");
  }
  ParallelOptions options;
  options.training = training;
  options.gpus_per_node = gpus_per_node;
  options.nodes = nodes;
  options.strategy = strategy;
  options.algo = parse_collective_algo(args.allreduce);
  options.overlap = args.overlap;
  options.bucket_mib = args.bucket_mib;
  if (args.global_batch && *args.global_batch < 1) {
    throw InputError("--global-batch must be at least 1, got " +
                     std::to_string(*args.global_batch));
  }
  if (args.global_batch) options.global_batch = *args.global_batch;
  return options;
}

std::vector<int> doubling_up_to(int n) {
  std::vector<int> out;
  for (int k = 1; k < n; k *= 2) out.push_back(k);
  out.push_back(n);
  return out;
}

}  // namespace roof::cli
