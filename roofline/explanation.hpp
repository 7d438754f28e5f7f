#pragma once

#include <string>
#include <vector>

#include "roofline/training.hpp"

namespace roof {

// Predicted seconds of one group of layer-passes on both devices.
struct TimeSplit {
  std::string group;
  int passes = 0;
  double seconds_a = 0;
  double seconds_b = 0;
  double speedup() const { return seconds_a > 0 ? seconds_b / seconds_a : 0; }
};

// One layer (all its passes) and what it adds to the difference between the devices. The
// bounds are its forward pass's.
struct Contributor {
  std::string layer;
  std::string op;
  Bound bound_a = Bound::memory;
  Bound bound_b = Bound::memory;
  double seconds_a = 0;
  double seconds_b = 0;
  double share_of_difference = 0;
  // Layers of the same op, bounds and times on both devices (VGG's conv4_2 and conv4_3, a
  // ResNet stage's repeated blocks), folded into this row: its times and share are each one's.
  std::vector<std::string> alike;
};

// The seed's argument: conv layers grouped by window (1x1 vs 3x3 and larger), with the
// intensity of each group and the speedup it gets; and the seed's own example, a 3x3 and a
// 1x1 convolution of one 64x64 channel (seed 000), at the same batch.
struct WindowGroup {
  std::string group;
  int layers = 0;
  double flops = 0;
  double bytes = 0;
  double seconds_a = 0;
  double seconds_b = 0;
  double ai() const { return bytes > 0 ? flops / bytes : 0; }
  double speedup() const { return seconds_a > 0 ? seconds_b / seconds_a : 0; }
};

// The speedup as a product of checkable terms (achievable model; under the roofline the last
// two are 1 and 1 + the update's share): B's time over A's =
//   bound_ratio x (efficiency_a / efficiency_b) x (overhead_b / overhead_a).
// bound_ratio: the layer-passes' roofline bounds (peaks, bandwidths, clocks); efficiency: those
// bounds over the passes' achievable GPU time (plateaus, tiles and waves, fixed costs);
// overhead: the iteration over the passes' GPU time (the update, PyTorch 1.x's gradient
// bookkeeping and the wait on the host).
struct SpeedupTerms {
  double bound_a = 0;
  double bound_b = 0;
  double gpu_a = 0;  // the passes' achievable GPU time
  double gpu_b = 0;
  double fixed_a = 0;  // of which per-call costs and per-kernel floors
  double fixed_b = 0;
  double bound_ratio() const { return bound_b / bound_a; }
  double efficiency_a() const { return bound_a / gpu_a; }
  double efficiency_b() const { return bound_b / gpu_b; }
};

// "Why does A beat B?" for one network: A and B's predictions, the spec ratios, B's time split
// by what bounds each layer-pass on the two devices, the largest contributors, and the 1x1 vs
// 3x3 comparison. Everything is modelled; the roofs' labels say from which entries and clocks.
struct Explanation {
  TrainingPrediction a;
  TrainingPrediction b;
  double speedup = 0;  // b.iteration_s / a.iteration_s
  double peak_ratio = 0;
  double bandwidth_ratio = 0;
  SpeedupTerms terms;
  double overhead_a = 0;  // iteration / passes' GPU time
  double overhead_b = 0;
  std::vector<TimeSplit> split;  // compute on both, memory on both, changes side, update
  std::vector<Contributor> top_contributors;
  std::vector<WindowGroup> windows;       // this network's 1x1 and larger convolutions
  std::vector<WindowGroup> seed_example;  // the seed's 3x3 and 1x1 layers
  std::string paragraph;
};

// Both devices run one library: options' --library, else the newer of their defaults.
Explanation explain(const Network& network, const Device& a, const Device& b,
                    const TrainingOptions& options, int top = 5);

// "" when both devices are under one model; else the sentence that says one keeps its roofline
// bound (a measured machine, a family without calibration) while the other has the achievable
// model's time, so their ratio favours the bounded device by the other's efficiency.
std::string model_mismatch(const Explanation& e);

}  // namespace roof
