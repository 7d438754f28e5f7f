#pragma once

#include <string>
#include <string_view>

#include "roofline/device.hpp"
#include "roofline/interconnect.hpp"

namespace roof {

// The NCCL collectives the multi-GPU strategies use (docs/cluster.md, "Communication").
enum class Collective { all_reduce, broadcast, all_gather, reduce_scatter };

// ring and tree as NCCL runs them; automatic takes the faster of the two for each message, as
// NCCL's tuner does; host keeps the parameters in host memory (Keras' multi_gpu_model, a
// TensorFlow parameter server on the CPU): every GPU sends its gradients to the host and reads
// the weights back over its own PCIe link.
enum class CollectiveAlgo { ring, tree, automatic, host };

std::string_view to_string(Collective collective);
std::string_view to_string(CollectiveAlgo algo);
CollectiveAlgo parse_collective_algo(std::string_view text);  // throws InputError

// One link as a prediction reads it: bytes per second in one direction and the latency of one
// step, with the words that say where they came from.
struct LinkRate {
  std::string name;
  double bytes_per_s = 0;
  double latency_s = 0;
  std::string label;  // "NVLink 1.0, theoretical 80 GB/s (source)" and so on
};

LinkRate link_rate(const Interconnect& link, Ceilings ceilings);

// The GPUs a collective spans: gpus_per_node GPUs on each of `nodes` nodes, one rank per GPU.
struct Fabric {
  int gpus_per_node = 1;
  int nodes = 1;
  LinkRate gpu_link;
  LinkRate node_link;           // read only when nodes > 1
  LinkRate host_link;           // each GPU's PCIe link, read only by host staging
  int host_link_shared_by = 1;  // GPUs behind one host link (the K80's two dies)

  int ranks() const { return gpus_per_node * nodes; }
};

// What one collective of `bytes` costs, split as nccl-tests reports it. bytes is nccl-tests'
// "size": the buffer for all-reduce and broadcast, the whole gathered output for all-gather,
// the whole input for reduce-scatter.
struct CollectiveCost {
  Collective collective = Collective::all_reduce;
  CollectiveAlgo algo = CollectiveAlgo::ring;  // the one chosen (never automatic)
  double bytes = 0;
  double latency_s = 0;    // the steps' latency term
  double bandwidth_s = 0;  // the bytes' term
  double seconds = 0;

  double algorithm_bandwidth() const { return seconds > 0 ? bytes / seconds : 0; }
};

// nccl-tests' bus-bandwidth factor (doc/PERFORMANCE.md): busbw = algbw x factor, the share of
// the data every link carries. all-reduce 2(n-1)/n, all-gather and reduce-scatter (n-1)/n,
// broadcast 1.
double bus_factor(Collective collective, int ranks);

// The alpha-beta cost of one collective on a fabric (docs/cluster.md has every formula). One
// rank costs nothing. Throws InputError for host staging across nodes, and for host staging or a
// tree on anything but all-reduce.
CollectiveCost collective_cost(Collective collective, CollectiveAlgo algo, double bytes,
                               const Fabric& fabric);

}  // namespace roof
