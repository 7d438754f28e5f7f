// The alpha-beta costs of NCCL's collectives (docs/cluster.md), on cases worked out by hand.

#include <gtest/gtest.h>

#include "roofline/collectives.hpp"
#include "test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

// One node of `gpus` GPUs on a 10 GB/s link with 5 us steps.
Fabric one_node(int gpus) {
  Fabric f;
  f.gpus_per_node = gpus;
  f.gpu_link = {"test", 10e9, 5e-6, "test link"};
  f.host_link = {"host", 12e9, 5.7e-6, "test host link"};
  return f;
}

TEST(Collectives, BusFactorsAreNcclTests) {
  // nccl-tests doc/PERFORMANCE.md: all-reduce 2(n-1)/n, all-gather (n-1)/n, broadcast 1.
  EXPECT_DOUBLE_EQ(bus_factor(Collective::all_reduce, 8), 2.0 * 7 / 8);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::all_gather, 4), 3.0 / 4);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::reduce_scatter, 2), 0.5);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::broadcast, 16), 1.0);
}

TEST(Collectives, RingAllReduceOfOneHundredMegabytesOnFourGpus) {
  // Latency 2 (n-1) steps = 6 x 5 us = 30 us; bytes 2 (n-1)/n x 1e8 / 1e10 = 15 ms.
  const CollectiveCost c =
      collective_cost(Collective::all_reduce, CollectiveAlgo::ring, 1e8, one_node(4));
  EXPECT_NEAR(c.latency_s, 30e-6, 1e-12);
  EXPECT_NEAR(c.bandwidth_s, 15e-3, 1e-12);
  EXPECT_NEAR(c.seconds, 15.03e-3, 1e-12);
  // Its bus bandwidth is the link's, less the latency's share.
  EXPECT_NEAR(c.algorithm_bandwidth() * bus_factor(Collective::all_reduce, 4), 10e9 * 15 / 15.03,
              1e3);
}

// 8 nodes of 8 GPUs on one 10 GB/s, 5 us fabric (node link as fast as the GPU link).
Fabric eight_by_eight() {
  Fabric f = one_node(8);
  f.nodes = 8;
  f.node_link = f.gpu_link;
  return f;
}

TEST(Collectives, TreeAllReduceIsAChainInANodeAndATreeAcrossNodes) {
  // 8 nodes x 8 GPUs: a chain of 7 hops in each node and log2(8) = 3 tree levels, up and down:
  // 2 x 10 steps = 100 us; the bytes 2 x 1e8 / 1e10 = 20 ms.
  const CollectiveCost c =
      collective_cost(Collective::all_reduce, CollectiveAlgo::tree, 1e8, eight_by_eight());
  EXPECT_NEAR(c.latency_s, 100e-6, 1e-12);
  EXPECT_NEAR(c.bandwidth_s, 20e-3, 1e-12);
  // Two ranks exchange the buffer once each way, as the ring does.
  const CollectiveCost two =
      collective_cost(Collective::all_reduce, CollectiveAlgo::tree, 1e8, one_node(2));
  EXPECT_NEAR(two.bandwidth_s, 10e-3, 1e-12);
}

TEST(Collectives, AutoTakesRingForLargeAndTreeForSmallMessages) {
  const CollectiveCost large =
      collective_cost(Collective::all_reduce, CollectiveAlgo::automatic, 1e8, one_node(4));
  EXPECT_EQ(large.algo, CollectiveAlgo::ring);
  // 8 KB over 8 x 8 GPUs: the ring's 126 steps (630 us) against the tree's 20 (100 us).
  const CollectiveCost small =
      collective_cost(Collective::all_reduce, CollectiveAlgo::automatic, 8192, eight_by_eight());
  EXPECT_EQ(small.algo, CollectiveAlgo::tree);
  EXPECT_NEAR(small.latency_s, 100e-6, 1e-12);
  // Inside one node the tree is a chain: never faster than the ring.
  const CollectiveCost node =
      collective_cost(Collective::all_reduce, CollectiveAlgo::automatic, 8192, one_node(64));
  EXPECT_EQ(node.algo, CollectiveAlgo::ring);
}

TEST(Collectives, AllGatherAndBroadcast) {
  // All-gather of a 100 MB output on 4 GPUs: 3 steps, 3/4 of the bytes over every link.
  const CollectiveCost g =
      collective_cost(Collective::all_gather, CollectiveAlgo::ring, 1e8, one_node(4));
  EXPECT_NEAR(g.seconds, 15e-6 + 7.5e-3, 1e-12);
  // A pipelined broadcast: 3 hops, the whole buffer once.
  const CollectiveCost b =
      collective_cost(Collective::broadcast, CollectiveAlgo::ring, 1e8, one_node(4));
  EXPECT_NEAR(b.seconds, 15e-6 + 10e-3, 1e-12);
}

TEST(Collectives, HostStagingMovesGradientsUpAndWeightsDown) {
  // 2 GPUs, each 1e8 B up and 1e8 B down over its own 12 GB/s link: 16.67 ms + 2 steps.
  Fabric f = one_node(2);
  const CollectiveCost c = collective_cost(Collective::all_reduce, CollectiveAlgo::host, 1e8, f);
  EXPECT_NEAR(c.seconds, 2e8 / 12e9 + 2 * 5.7e-6, 1e-12);
  // Two K80 dies share one switch port to the host: twice as long.
  f.host_link_shared_by = 2;
  const CollectiveCost k80 = collective_cost(Collective::all_reduce, CollectiveAlgo::host, 1e8, f);
  EXPECT_NEAR(k80.bandwidth_s, 2 * 2e8 / 12e9, 1e-12);
}

TEST(Collectives, AcrossNodesTheSlowerLinkSetsThePace) {
  // 2 nodes x 4 GPUs, NVLink-like 100 GB/s inside, 12 GB/s and 14 us between: 8 ranks, the
  // ring runs at 12 GB/s and 14 us steps. 2 x 7 x 14 us = 196 us; 2 x 7/8 x 1e8 / 12e9.
  Fabric f = one_node(4);
  f.nodes = 2;
  f.gpu_link = {"fast", 100e9, 3e-6, "fast"};
  f.node_link = {"net", 12e9, 14e-6, "net"};
  const CollectiveCost c = collective_cost(Collective::all_reduce, CollectiveAlgo::ring, 1e8, f);
  EXPECT_NEAR(c.latency_s, 196e-6, 1e-12);
  EXPECT_NEAR(c.bandwidth_s, 1.75e8 / 12e9, 1e-12);
}

TEST(Collectives, OneRankCostsNothing) {
  const CollectiveCost c =
      collective_cost(Collective::all_reduce, CollectiveAlgo::ring, 1e9, one_node(1));
  EXPECT_EQ(c.seconds, 0);
}

TEST(Collectives, RefusesWhatNcclDoesNotDo) {
  expect_input_error(
      [] { collective_cost(Collective::all_gather, CollectiveAlgo::tree, 1e6, one_node(4)); },
      "tree is an all-reduce algorithm");
  Fabric f = one_node(2);
  f.nodes = 2;
  f.node_link = {"net", 12e9, 14e-6, "net"};
  expect_input_error([&] { collective_cost(Collective::all_reduce, CollectiveAlgo::host, 1e6, f); },
                     "host staging keeps the parameters in one node's memory");
  expect_input_error([] { parse_collective_algo("butterfly"); },
                     "unknown all-reduce algorithm 'butterfly'");
}

}  // namespace
}  // namespace roof
