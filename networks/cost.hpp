#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "networks/dtype.hpp"
#include "networks/network.hpp"

namespace roof {

// The passes of a training iteration that belong to a layer. The optimizer's update pass
// belongs to the whole parameter set and is composed with the iteration, not here.
enum class Pass { fwd, bwd_data, bwd_weights };
inline constexpr std::array<Pass, 3> kAllPasses = {Pass::fwd, Pass::bwd_data, Pass::bwd_weights};

std::string_view to_string(Pass pass);

// Work and compulsory DRAM traffic of one pass of one layer (docs/metrics.md has every formula).
// macs counts multiply-accumulates of conv and fc layers; flops = 2 x macs for them, and a few
// FLOPs per element for the other ops. bytes: every tensor the pass reads, once, and every
// tensor it writes, once, at the chosen element size.
struct PassCost {
  std::int64_t macs = 0;
  std::int64_t flops = 0;
  std::int64_t bytes = 0;
};

struct LayerCost {
  std::int64_t params = 0;
  // The elements of each parameter tensor, the unit an optimizer or zero_grad launches a kernel
  // for: a conv's or fc's weights, then its bias; batch norm's scale and shift.
  std::vector<std::int64_t> weight_tensors;
  // Indexed by Pass. Every layer has fwd; bwd_data is empty for layers that read the network's
  // input; bwd_weights is present only for layers with weights (conv and fc).
  std::array<std::optional<PassCost>, 3> passes;

  const std::optional<PassCost>& pass(Pass p) const { return passes[static_cast<std::size_t>(p)]; }
  const PassCost& fwd() const { return *passes[0]; }
};

LayerCost cost_of(const Layer& layer, DType dtype);

struct NetworkTotals {
  std::int64_t macs = 0;   // forward MACs, the figure papers publish
  std::int64_t flops = 0;  // every pass of every layer
  std::int64_t params = 0;
  std::array<std::int64_t, 3> flops_by_pass{};  // indexed by Pass
  std::array<std::int64_t, 3> bytes_by_pass{};
  int conv_layers = 0;  // including the 1x1 ones
  int conv1x1_layers = 0;
  int fc_layers = 0;
};

NetworkTotals totals_of(const Network& network, DType dtype);

}  // namespace roof
