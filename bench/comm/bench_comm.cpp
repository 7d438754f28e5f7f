// bench_comm: the interconnect of this node, or of several under MPI, measured as NCCL's
// all-reduce, broadcast, all-gather and reduce-scatter achieve it, from 8 KiB to the largest
// gradient set of the network catalogue. Decides which GPUs take part (every GPU of this process,
// or one per MPI rank), writes them and the NCCL version into the JSON context, registers one case
// per collective and size and hands over to Google Benchmark, so every standard flag works.
// `roofline train --interconnect-file FILE` reads the JSON back as a measured link
// (roofline/measured_interconnect.hpp).
#include <benchmark/benchmark.h>

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/comm/comm_benchmarks.hpp"
#include "bench/comm/comm_cases.hpp"
#include "bench/comm/nccl_check.hpp"
#include "bench/comm/peers.hpp"
#include "bench/common/checked_output.hpp"
#include "bench/common/percent_display.hpp"
#include "bench/common/run_context.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "results/context_keys.hpp"

namespace {

using namespace roof::bench::comm;

void context(std::string_view key, const std::string& value) {
  benchmark::AddCustomContext(std::string(key), value);
}

// Ranks after the first report nothing: rank 0 speaks for the run (its figures are already the
// agreed ones), and only it may write the --benchmark_out file.
class SilentReporter : public benchmark::BenchmarkReporter {
 public:
  SilentReporter() {
    SetOutputStream(&nowhere_);
    SetErrorStream(&nowhere_);
  }
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>&) override {}

 private:
  std::ostream nowhere_{nullptr};
};

// Drops --benchmark_out and --benchmark_out_format, before Google Benchmark reads the flags.
void drop_output_file_flags(int& argc, char** argv) {
  int kept = 0;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i > 0 &&
        (arg.starts_with("--benchmark_out=") || arg.starts_with("--benchmark_out_format=")))
      continue;
    argv[kept++] = argv[i];
  }
  argc = kept;
}

// "8 x NVIDIA H100 80GB HBM3", or "4 x Tesla P100-SXM2-16GB, 4 x Tesla V100-SXM2-16GB".
std::string count_names(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, int>> counted;
  for (const std::string& name : names) {
    auto it = std::find_if(counted.begin(), counted.end(),
                           [&](const auto& entry) { return entry.first == name; });
    if (it == counted.end()) {
      counted.emplace_back(name, 1);
    } else {
      ++it->second;
    }
  }
  std::string text;
  for (const auto& [name, count] : counted) {
    text += (text.empty() ? "" : ", ") + std::to_string(count) + " x " + name;
  }
  return text;
}

std::string distinct(const std::vector<std::string>& texts) {
  std::vector<std::string> seen;
  std::string joined;
  for (const std::string& text : texts) {
    if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
    seen.push_back(text);
    joined += (joined.empty() ? "" : ", ") + text;
  }
  return joined;
}

std::size_t free_memory(int device) {
  ROOF_CUDA_CHECK(cudaSetDevice(device));
  std::size_t free = 0;
  std::size_t total = 0;
  ROOF_CUDA_CHECK(cudaMemGetInfo(&free, &total));
  return free;
}

// Google Benchmark's reading of a boolean flag's value: empty (the bare flag) is true; one
// character is true unless 0, f, F, n or N; a word is true unless false, no or off.
bool truthy(std::string_view value) {
  if (value.empty()) return true;
  if (value.size() == 1) {
    const char c = value.front();
    return std::isalnum(static_cast<unsigned char>(c)) != 0 && c != '0' && c != 'f' && c != 'F' &&
           c != 'n' && c != 'N';
  }
  std::string lower(value);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower != "false" && lower != "no" && lower != "off";
}

// Whether Google Benchmark will shuffle the cases: its environment default
// (BENCHMARK_ENABLE_RANDOM_INTERLEAVING), then the command line, the last occurrence winning.
bool random_interleaving(int argc, char** argv) {
  bool on = false;
  if (const char* value = std::getenv("BENCHMARK_ENABLE_RANDOM_INTERLEAVING")) on = truthy(value);
  constexpr std::string_view flag = "--benchmark_enable_random_interleaving";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!arg.starts_with(flag)) continue;
    arg.remove_prefix(flag.size());
    if (arg.empty()) {
      on = true;
    } else if (arg.front() == '=') {
      on = truthy(arg.substr(1));
    }
  }
  return on;
}

struct Plan {
  RankLayout layout;
  std::vector<std::string> gpu_names;  // of every rank, in rank order
  std::string mode;
};

// Two MPI ranks on one GPU (the same PCI bus id on the same node): a collective between them
// measures nothing NCCL supports. Every process gathers every rank's GPU and comes to the same
// answer; rank 0 says it.
bool ranks_share_a_gpu(const Peers& peers, int device) {
  char bus[32] = {};
  ROOF_CUDA_CHECK(cudaDeviceGetPCIBusId(bus, static_cast<int>(sizeof bus), device));
  const std::vector<std::string> gpus = peers.gather(std::to_string(peers.node()) + " " + bus);
  const std::vector<std::string> hosts = peers.gather(peers.hostname());
  for (std::size_t a = 0; a < gpus.size(); ++a) {
    for (std::size_t b = a + 1; b < gpus.size(); ++b) {
      if (gpus[a] != gpus[b]) continue;
      if (peers.rank() == 0) {
        std::cerr << "bench_comm: error: MPI ranks " << a << " and " << b << " share one GPU ("
                  << gpus[a].substr(gpus[a].find(' ') + 1) << " on " << hosts[a]
                  << "); start one rank per GPU (mpirun -np <gpus> --map-by ppr:<gpus per "
                     "node>:node) or give each task its own GPU\n";
      }
      return true;
    }
  }
  return false;
}

// Which GPUs take part; std::nullopt (after one line on stderr from rank 0) when there is
// nothing to measure (exit_status 0) or the ranks cannot be placed (exit_status 2). Every process
// comes to the same answer.
std::optional<Plan> plan_ranks(const Peers& peers, const roof::cuda::CudaProbe& probe,
                               int& exit_status) {
  exit_status = 0;
  const bool speaks = peers.rank() == 0;
  const int devices = static_cast<int>(probe.gpus.size());
  Plan plan;
  if (peers.several()) {
    if (peers.min(devices) == 0) {
      if (speaks) {
        std::cerr << "bench_comm: no CUDA device found ("
                  << (devices == 0 ? probe.unavailable_reason : "on another rank")
                  << "); nothing to measure\n";
      }
      return std::nullopt;
    }
    // The node-local rank's GPU; with one GPU per task (srun --gpus-per-task=1, or
    // CUDA_VISIBLE_DEVICES set per rank) every process sees one device and takes it, device 0.
    const int device = peers.local_rank() % devices;
    if (ranks_share_a_gpu(peers, device)) {
      exit_status = 2;
      return std::nullopt;
    }
    // Fewer ranks than GPUs on a node leaves some out: say so, and measure the others. A process
    // that sees one GPU counts for itself, one that sees several for its node (its first rank).
    int visible_here = 0;
    int measured_here = 0;
    if (devices == 1) {
      visible_here = measured_here = 1;
    } else if (peers.local_rank() == 0) {
      visible_here = devices;
      measured_here = std::min(peers.local_size(), devices);
    }
    const std::int64_t visible = peers.sum(visible_here);
    const std::int64_t measured = peers.sum(measured_here);
    if (measured < visible && speaks) {
      std::cerr << "bench_comm: note: only " << measured << " of the " << visible
                << " GPUs on the ranks' nodes are measured (fewer MPI ranks than GPUs on a node; "
                   "start one rank per GPU to measure them all)\n";
    }
    plan.layout = {{device}, peers.rank(), peers.size()};
    plan.gpu_names = peers.gather(probe.gpus[static_cast<std::size_t>(device)].name);
    plan.mode = "MPI (" + peers.mpi_library() +
                "): one rank per process, one GPU per rank, ncclCommInitRank";
    return plan;
  }
  if (devices == 0) {
    std::cerr << "bench_comm: no CUDA device found (" << probe.unavailable_reason
              << "); nothing to measure\n";
    return std::nullopt;
  }
  if (devices == 1) {
    std::cerr << "bench_comm: one CUDA device (" << probe.gpus.front().name
              << ") and no MPI peers; a collective over one rank measures nothing\n";
    return std::nullopt;
  }
  for (int d = 0; d < devices; ++d) {
    plan.layout.devices.push_back(d);
    plan.gpu_names.push_back(probe.gpus[static_cast<std::size_t>(d)].name);
  }
  plan.layout.first_rank = 0;
  plan.layout.ranks = devices;
  plan.mode = "one process driving " + std::to_string(devices) +
              " GPUs: ncclCommInitAll, each collective grouped (ncclGroupStart/End)";
  return plan;
}

// 8 KiB doubling to the catalogue's largest gradient set, as long as the two buffers of the
// largest message fit in a quarter of the smallest GPU's free memory (NCCL needs its own).
std::vector<std::size_t> plan_sizes(const Peers& peers, const RankLayout& layout) {
  const GradientSet gradients = largest_gradient_set();
  std::size_t largest = round_up_to_power_of_two(static_cast<std::size_t>(gradients.bytes));
  std::string reason = gradients.network + "'s fp32 gradients (" + std::to_string(gradients.bytes) +
                       " bytes), rounded up to a power of two";
  std::size_t fewest_free = SIZE_MAX;
  for (int device : layout.devices) fewest_free = std::min(fewest_free, free_memory(device));
  fewest_free = static_cast<std::size_t>(peers.min(static_cast<std::int64_t>(fewest_free)));
  std::size_t fits = smallest_message_bytes;
  while (fits * 2 <= fewest_free / 8) fits *= 2;  // 2 buffers in a quarter of the memory
  if (fits < largest) {
    largest = fits;
    reason += "; cut to " + std::to_string(largest) +
              " bytes, whose two buffers fit in a "
              "quarter of the smallest GPU's free memory (" +
              std::to_string(fewest_free) + " bytes)";
  }
  context("roof_comm_largest_bytes", std::to_string(largest));
  context("roof_comm_largest_reason", reason);
  return message_sizes(largest);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

std::string interconnect_name() {
  const char* name = std::getenv("ROOF_INTERCONNECT_NAME");
  return name != nullptr && *name != '\0' ? name : "measured-nccl";
}

}  // namespace

int main(int argc, char** argv) {
  roof::bench::check_stdout_at_exit("bench_comm");  // --help exits from Google Benchmark
  std::unique_ptr<Peers> peers;
  int status = 0;
  try {
    peers = std::make_unique<Peers>(&argc, &argv);
    if (!peers->several()) {
      // N copies that do not know of each other would each measure every GPU of the node at
      // once, contending for them, and write the same --benchmark_out file.
      const LaunchedTasks launched = launched_tasks();
      if (launched.tasks > 1) {
        std::cerr << "bench_comm: error: started as one of " << launched.tasks << " tasks ("
                  << launched.variable << ") but not as an MPI rank (" << peers->alone_because()
                  << "); start one copy, or an MPI build under an MPI launcher\n";
        return 2;
      }
    }
    // Every rank must issue the same collectives in the same order; each process would shuffle
    // the cases its own way. Agreed, so that every process stops.
    if (peers->several() && peers->max(random_interleaving(argc, argv) ? 1.0 : 0.0) > 0) {
      if (peers->rank() == 0) {
        std::cerr << "bench_comm: error: --benchmark_enable_random_interleaving under MPI: each "
                     "process would run the cases in its own order, and every rank must issue "
                     "the same collectives in the same order\n";
      }
      return 2;
    }
    if (peers->rank() > 0) drop_output_file_flags(argc, argv);
    const roof::bench::OutputFileFlags out_file = roof::bench::output_file_flags(argc, argv);
    if (!roof::bench::output_file_openable("bench_comm", out_file)) return 2;
    roof::bench::add_command_line(argc, argv);
    // Google Benchmark names the program by argv[0] in its refusals ("<argv[0]>: error: ...").
    static char program[] = "bench_comm";
    argv[0] = program;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;  // as every program

    const roof::cuda::CudaProbe probe = roof::cuda::probe_cuda();
    const std::optional<Plan> plan = plan_ranks(*peers, probe, status);
    if (!plan) return status;
    const double timeout = comm_timeout_seconds(std::getenv("ROOF_COMM_TIMEOUT_S"));

    roof::bench::add_run_context();
    context(roof::context_key::tool, "bench_comm");
    context(roof::context_key::interconnect_name, interconnect_name());
    context(roof::context_key::nccl_version, nccl_version());
    context(roof::context_key::ranks, std::to_string(plan->layout.ranks));
    context(roof::context_key::nodes, std::to_string(peers->nodes()));
    context(roof::context_key::hostname, peers->hostname());
    context(roof::context_key::hosts, distinct(peers->gather(peers->hostname())));
    context(roof::context_key::gpus, count_names(plan->gpu_names));
    context("roof_comm_mode", plan->mode);
    context("roof_comm_timing",
            "out-of-place fp32 collectives between CUDA events on every rank's stream, " +
                std::to_string(batched_collectives) + " back-to-back per iteration up to " +
                std::to_string(batched_up_to_bytes) +
                " bytes and one above, the interval divided by their number; the longest "
                "rank's interval");
    context("roof_comm_timeout_s", seconds_text(timeout));

    CommBenchmarks cases(*peers, plan->layout, timeout);
    cases.register_cases(plan_sizes(*peers, plan->layout));
    bool written = true;
    if (peers->rank() == 0) {
      written =
          roof::bench::run_checked("bench_comm", roof::bench::percent_display_reporter(), out_file);
    } else {
      SilentReporter silent;
      benchmark::RunSpecifiedBenchmarks(&silent);
    }
    status = !written ? 2 : cases.failures() > 0 ? 1 : 0;
    benchmark::Shutdown();
  } catch (const std::exception& e) {
    std::cerr << "bench_comm: error: " << e.what() << '\n';
    // Under MPI the other ranks may be waiting for this one in a collective.
    if (peers && peers->several()) peers->abort(2);
    return 2;
  }
  return status;
}
