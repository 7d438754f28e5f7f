#pragma once

#include <string>
#include <vector>

#include "networks/cost.hpp"
#include "networks/network.hpp"
#include "roofline/conv_algorithm.hpp"
#include "roofline/roof.hpp"

namespace roof {

struct PlacementOptions {
  RoofOptions roof;
  ConvAlgo conv_algo = ConvAlgo::direct;
};

// One pass of one layer on one device's roof.
struct PlacedPass {
  std::string layer;
  std::string op;  // conv, conv1x1, fc, or the op's name
  Pass pass = Pass::fwd;
  std::string algorithm;      // direct, winograd F(2x2,3x3), or "" for ops without MACs
  double flops = 0;           // the direct count of the cost model
  double executed_flops = 0;  // what the algorithm executes
  double bytes = 0;
  double ai = 0;  // flops / bytes, the conventional arithmetic intensity
  Bound bound = Bound::memory;
  double attainable_flops = 0;  // at the executed intensity
  double seconds = 0;
  double share = 0;  // of the passes' total

  // Direct FLOPs over predicted time: above the peak when an algorithm executes fewer FLOPs.
  double effective_flops() const { return seconds > 0 ? flops / seconds : 0; }
};

// Every layer-pass of a network on a device, in execution order (fwd of every layer, then the
// backward passes in reverse layer order, as autograd runs them).
struct Placement {
  std::string network;
  std::string dataset;  // "" for layers read from descriptors
  std::int64_t batch = 0;
  DType dtype = DType::fp32;
  ConvAlgo conv_algo = ConvAlgo::direct;
  Roof roof;
  std::vector<PlacedPass> rows;
  double seconds = 0;  // sum over rows
};

Placement place(const Network& network, const Device& device, const PlacementOptions& options);

}  // namespace roof
