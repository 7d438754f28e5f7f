#pragma once

#include <string>
#include <vector>

#include "networks/cost.hpp"
#include "networks/network.hpp"

namespace roof::bench {

// One benchmark: a conv or fc layer of a catalogue network, one pass, one implementation.
struct LayerCase {
  std::string network;
  Layer layer;
  Pass pass = Pass::fwd;
  std::string impl;
  std::string cache;  // GPU cases: "cold" or "hot"; CPU cases: "" (they run hot)
};

// networks/benchmark_name.hpp's name of the case.
std::string benchmark_name(const LayerCase& c);

// Every conv and fc layer of the networks, and with memory_ops every other op too (ReLU,
// pooling, LRN, batch norm, concat, add, dropout, softmax with loss), every pass it runs in
// training (the first layer has no bwd_data; only conv and fc have bwd_weights), for each
// implementation: all of one implementation's cases, then the next's. Which of them an
// implementation runs is its runner's to say (LayerRunner::supports).
std::vector<LayerCase> layer_cases(const std::vector<Network>& networks,
                                   const std::vector<std::string>& impls,
                                   const std::string& cache = "", bool memory_ops = false);

}  // namespace roof::bench
