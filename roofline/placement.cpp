#include "roofline/placement.hpp"

namespace roof {
namespace {

PlacedPass place_pass(const Layer& layer, Pass pass, const PassCost& cost, const Roof& roof,
                      ConvAlgo algo) {
  const AlgoChoice choice = algorithm_for(layer, pass, algo);
  PlacedPass row;
  row.layer = layer.name;
  const std::string_view kind = compute_kind(layer);
  row.op = std::string(kind.empty() ? to_string(layer.op) : kind);
  row.pass = pass;
  row.algorithm = std::string(choice.name);
  row.flops = static_cast<double>(cost.flops);
  row.executed_flops = row.flops * choice.flop_fraction;
  row.bytes = static_cast<double>(cost.bytes);
  row.ai = row.bytes > 0 ? row.flops / row.bytes : 0;
  const double executed_ai = row.bytes > 0 ? row.executed_flops / row.bytes : 0;
  row.bound = bound_of(roof, row.executed_flops, row.bytes);
  row.attainable_flops = attainable_flops(roof, executed_ai);
  row.seconds = predicted_seconds(roof, row.executed_flops, row.bytes);
  return row;
}

}  // namespace

Placement place(const Network& network, const Device& device, const PlacementOptions& options) {
  Placement placement;
  placement.network = network.name;
  placement.dataset = network.dataset ? std::string(to_string(*network.dataset)) : "";
  placement.batch = network.batch;
  placement.dtype = options.roof.dtype;
  placement.conv_algo = options.conv_algo;
  placement.roof = resolve_roof(device, options.roof);

  std::vector<LayerCost> costs;
  costs.reserve(network.layers.size());
  for (const Layer& layer : network.layers) costs.push_back(cost_of(layer, options.roof.dtype));
  auto add = [&](std::size_t i, Pass pass) {
    if (const auto& cost = costs[i].pass(pass)) {
      placement.rows.push_back(
          place_pass(network.layers[i], pass, *cost, placement.roof, options.conv_algo));
    }
  };
  for (std::size_t i = 0; i < network.layers.size(); ++i) add(i, Pass::fwd);
  for (std::size_t i = network.layers.size(); i-- > 0;) {
    add(i, Pass::bwd_data);
    add(i, Pass::bwd_weights);
  }
  for (const PlacedPass& row : placement.rows) placement.seconds += row.seconds;
  for (PlacedPass& row : placement.rows) row.share = row.seconds / placement.seconds;
  return placement;
}

}  // namespace roof
