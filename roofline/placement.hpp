#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "networks/cost.hpp"
#include "networks/network.hpp"
#include "roofline/achievable.hpp"
#include "roofline/conv_algorithm.hpp"
#include "roofline/framework.hpp"
#include "roofline/roof.hpp"

namespace roof {

// roofline: every pass at its bound (the roof). achievable: the fitted model of what a library
// reaches (roofline/achievable.hpp), on a framework's host timeline.
enum class TimeModel { roofline, achievable };
std::string_view to_string(TimeModel model);
TimeModel parse_time_model(std::string_view text);  // roofline, achievable; throws InputError

struct PlacementOptions {
  RoofOptions roof;
  ConvAlgo conv_algo = ConvAlgo::direct;  // the roofline model's algorithm choice
  TimeModel model = TimeModel::roofline;
  // The achievable model's: the library choosing algorithms (empty: the framework's, else the
  // device's era) and the framework whose host timeline and timing the prediction follows.
  std::optional<LibraryGeneration> library;
  std::string framework = "pytorch";
  const AchievableModel* achievable = nullptr;  // null: AchievableModel::builtin()
  // Whether the layers that read the image compute their input gradient (a bwd_data pass
  // nothing upstream uses). Empty: the framework recipe's under the achievable model (Torch7
  // computes it), none under the roofline.
  std::optional<bool> input_gradient;
  // The host's time per launched kernel (framework dispatch and launch), in seconds. Empty: the
  // framework recipe's order of magnitude; hosts differ by several times (docs/metrics.md).
  std::optional<double> dispatch_s;
};

// One pass of one layer on one device's roof.
// conv, conv1x1 and fc: the ops with MACs, the rest move bytes (PlacedPass::op's names).
inline bool is_layer_with_macs(std::string_view op) {
  return op == "conv" || op == "conv1x1" || op == "fc";
}

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
  double attainable_flops = 0;           // at the executed intensity
  double bound_seconds = 0;              // the roofline's bound for the executed FLOPs and bytes
  double seconds = 0;                    // the model's time: the bound, or the achievable time
  double share = 0;                      // of the passes' total
  std::optional<AchievedPass> achieved;  // every term of the achievable time
  double host_wait_s = 0;  // GPU idle before this pass, waiting for the host to launch it

  // The bound over the model's time: 1 under the roofline model.
  double efficiency() const { return seconds > 0 ? bound_seconds / seconds : 0; }

  // Direct FLOPs over predicted time: above the peak when an algorithm executes fewer FLOPs.
  double effective_flops() const { return seconds > 0 ? flops / seconds : 0; }
};

// PyTorch 1.x's gradient bookkeeping (the pytorch1 recipe): zero_grad's fill of every weight
// tensor's gradient before the forward pass, and AccumulateGrad's in-place add of each new
// gradient after the backward pass that computes it. Each is a kernel on the two timelines, at
// least the memory-op floor and its bytes at the streaming fraction of bandwidth.
struct GradBookkeeping {
  std::int64_t kernels = 0;  // a fill and an add per weight tensor
  double flops = 0;          // the adds' one per parameter
  double bytes = 0;          // the fill writes each parameter, the add reads two and writes one
  double seconds = 0;        // the GPU's time in those kernels
  double host_wait_s = 0;    // GPU idle before them, waiting for their launch (in host_idle_s)
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
  TimeModel model = TimeModel::roofline;
  std::string model_description;  // the achievable model's heading line, "" for the roofline
  std::string framework;          // the recipe's description, "" for the roofline
  bool input_gradient = false;    // the image-reading layers' bwd_data passes are in the rows
  std::vector<PlacedPass> rows;
  double seconds = 0;                // sum over rows of the model's times
  double host_idle_s = 0;            // GPU time spent waiting on the host (achievable model)
  GradBookkeeping grad_bookkeeping;  // zero unless the recipe has it (achievable model)
  double dispatch_s = 0;             // the framework's host time per kernel (achievable model)
};

Placement place(const Network& network, const Device& device, const PlacementOptions& options);

}  // namespace roof
