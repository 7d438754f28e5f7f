#include "roofline/collectives.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Collective collective) {
  switch (collective) {
    case Collective::all_reduce:
      return "all-reduce";
    case Collective::broadcast:
      return "broadcast";
    case Collective::all_gather:
      return "all-gather";
    case Collective::reduce_scatter:
      return "reduce-scatter";
  }
  return "?";
}

std::string_view to_string(CollectiveAlgo algo) {
  switch (algo) {
    case CollectiveAlgo::ring:
      return "ring";
    case CollectiveAlgo::tree:
      return "tree";
    case CollectiveAlgo::automatic:
      return "auto";
    case CollectiveAlgo::host:
      return "host";
  }
  return "?";
}

CollectiveAlgo parse_collective_algo(std::string_view text) {
  if (text == "ring") return CollectiveAlgo::ring;
  if (text == "tree") return CollectiveAlgo::tree;
  if (text == "auto") return CollectiveAlgo::automatic;
  if (text == "host") return CollectiveAlgo::host;
  throw InputError("unknown all-reduce algorithm '" + std::string(text) +
                   "' (expected ring, tree, auto or host)");
}

LinkRate link_rate(const Interconnect& link, Ceilings ceilings) {
  const bool theoretical = ceilings == Ceilings::theoretical;
  const double gbs = theoretical ? link.theoretical_gbs : link.achieved_gbs;
  LinkRate rate;
  rate.name = link.name;
  rate.bytes_per_s = gbs * 1e9;
  rate.latency_s = link.latency_us * 1e-6;
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "%.4g GB/s per direction, %.3g us per step", gbs,
                link.latency_us);
  const std::string kind = !link.measured_by.empty() ? "measured by " + link.measured_by
                           : theoretical             ? "theoretical"
                                                     : "typically achieved";
  rate.label = link.name + ", " + kind + " " + numbers + " (" +
               (theoretical ? link.theoretical_source : link.achieved_source) + ")";
  return rate;
}

double bus_factor(Collective collective, int ranks) {
  const double n = ranks;
  switch (collective) {
    case Collective::all_reduce:
      return 2 * (n - 1) / n;
    case Collective::all_gather:
    case Collective::reduce_scatter:
      return (n - 1) / n;
    case Collective::broadcast:
      return 1;
  }
  return 1;
}

namespace {

// The ring's slowest hop sets its pace: every step moves one chunk over every hop at once.
struct Bottleneck {
  double bytes_per_s = 0;
  double latency_s = 0;
};

Bottleneck bottleneck(const Fabric& fabric) {
  Bottleneck b{fabric.gpu_link.bytes_per_s, fabric.gpu_link.latency_s};
  if (fabric.nodes > 1) {
    // One ring crosses each node's network link once; with gpus_per_node == 1 it is the only
    // link the ring uses.
    b.bytes_per_s = fabric.gpus_per_node > 1 ? std::min(b.bytes_per_s, fabric.node_link.bytes_per_s)
                                             : fabric.node_link.bytes_per_s;
    b.latency_s = fabric.gpus_per_node > 1 ? std::max(b.latency_s, fabric.node_link.latency_s)
                                           : fabric.node_link.latency_s;
  }
  return b;
}

CollectiveCost ring(Collective collective, double bytes, int n, const Bottleneck& link) {
  CollectiveCost c{collective, CollectiveAlgo::ring, bytes};
  // Steps: all-reduce is a reduce-scatter then an all-gather, n - 1 steps each; a broadcast is
  // a pipelined chain of n - 1 hops.
  const double steps = collective == Collective::all_reduce ? 2.0 * (n - 1) : n - 1.0;
  c.latency_s = steps * link.latency_s;
  c.bandwidth_s = bus_factor(collective, n) * bytes / link.bytes_per_s;
  c.seconds = c.latency_s + c.bandwidth_s;
  return c;
}

// NCCL's tree: inside a node a chain through the node's GPUs, across nodes a double binary tree
// of log2(nodes) levels; a pipelined reduce up and broadcast down. The two trees split the
// message, so every rank sends and receives the whole buffer once each way, 2 S / B, whatever n
// is (two ranks only exchange it once each way, as the ring does). Inside one node the chain
// has the ring's steps and more bytes, so `automatic` picks the ring there, as NCCL does.
CollectiveCost tree(double bytes, const Fabric& fabric, const Bottleneck& link) {
  CollectiveCost c{Collective::all_reduce, CollectiveAlgo::tree, bytes};
  const double levels =
      (fabric.gpus_per_node - 1) + (fabric.nodes > 1 ? std::ceil(std::log2(fabric.nodes)) : 0);
  c.latency_s = 2.0 * levels * link.latency_s;
  c.bandwidth_s = (fabric.ranks() == 2 ? 1.0 : 2.0) * bytes / link.bytes_per_s;
  c.seconds = c.latency_s + c.bandwidth_s;
  return c;
}

// Parameters in host memory: each GPU copies its gradients up and the new weights down over its
// own link, which GPUs behind one switch share. The host's own reduction is not counted.
CollectiveCost host(double bytes, const Fabric& fabric) {
  CollectiveCost c{Collective::all_reduce, CollectiveAlgo::host, bytes};
  const double shared = std::min(fabric.host_link_shared_by, fabric.gpus_per_node);
  c.latency_s = 2 * fabric.host_link.latency_s;
  c.bandwidth_s = 2 * bytes * shared / fabric.host_link.bytes_per_s;
  c.seconds = c.latency_s + c.bandwidth_s;
  return c;
}

}  // namespace

CollectiveCost collective_cost(Collective collective, CollectiveAlgo algo, double bytes,
                               const Fabric& fabric) {
  if (fabric.gpus_per_node < 1 || fabric.nodes < 1) {
    throw InputError("a collective needs at least one GPU on one node");
  }
  if (bytes < 0) throw InputError("a collective cannot move a negative number of bytes");
  const int n = fabric.ranks();
  if ((algo == CollectiveAlgo::tree || algo == CollectiveAlgo::host) &&
      collective != Collective::all_reduce) {
    throw InputError(std::string(to_string(algo)) + " is an all-reduce algorithm; " +
                     std::string(to_string(collective)) + " runs as a ring");
  }
  if (algo == CollectiveAlgo::host && fabric.nodes > 1) {
    throw InputError(
        "host staging keeps the parameters in one node's memory; use ring, tree "
        "or auto across nodes");
  }
  if (n == 1) {
    return CollectiveCost{collective,
                          algo == CollectiveAlgo::automatic ? CollectiveAlgo::ring : algo, bytes};
  }
  const Bottleneck link = bottleneck(fabric);
  if (!(link.bytes_per_s > 0)) throw InputError("a link needs a positive bandwidth");
  switch (algo) {
    case CollectiveAlgo::ring:
      return ring(collective, bytes, n, link);
    case CollectiveAlgo::tree:
      return tree(bytes, fabric, link);
    case CollectiveAlgo::host:
      return host(bytes, fabric);
    case CollectiveAlgo::automatic: {
      const CollectiveCost r = ring(collective, bytes, n, link);
      if (collective != Collective::all_reduce) return r;
      const CollectiveCost t = tree(bytes, fabric, link);
      return t.seconds < r.seconds ? t : r;
    }
  }
  return ring(collective, bytes, n, link);
}

}  // namespace roof
