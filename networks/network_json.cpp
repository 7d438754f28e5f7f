#include "networks/network_json.hpp"

#include "networks/descriptor.hpp"

namespace roof {
namespace {

nlohmann::ordered_json shape_json(const Shape& s) {
  nlohmann::ordered_json j = {
      {"N", s.N},       {"C", s.C},          {"H", s.H}, {"W", s.W}, {"K", s.K},
      {"R", s.R},       {"S", s.S},          {"P", s.P}, {"Q", s.Q}, {"stride", s.stride_h},
      {"pad", s.pad_h}, {"groups", s.groups}};
  // Only descriptors read from a file can be non-square or dilated; say so when they are.
  if (s.stride_w != s.stride_h) j["stride_w"] = s.stride_w;
  if (s.pad_w != s.pad_h) j["pad_w"] = s.pad_w;
  if (s.dilation_h != 0 || s.dilation_w != 0) {
    j["dilation"] = s.dilation_h;
    j["dilation_w"] = s.dilation_w;
  }
  return j;
}

nlohmann::ordered_json pass_json(const PassCost& pass) {
  return {{"macs", pass.macs}, {"flops", pass.flops}, {"bytes", pass.bytes}};
}

}  // namespace

nlohmann::ordered_json layers_json(const Network& network, DType dtype) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const Layer& layer : network.layers) {
    const LayerCost cost = cost_of(layer, dtype);
    nlohmann::ordered_json row = {{"name", layer.name},
                                  {"op", to_string(layer.op)},
                                  {"shape", shape_json(layer.shape)},
                                  {"params", cost.params},
                                  {"macs", cost.fwd().macs}};
    const std::string_view kind = compute_kind(layer);
    if (!kind.empty()) {
      row["kind"] = kind;
      row["bias"] = layer.bias;
      row["desc"] = to_descriptor(layer, network.name);
    }
    nlohmann::ordered_json passes = nlohmann::ordered_json::object();
    for (Pass p : kAllPasses) {
      if (const auto& pass = cost.pass(p)) passes[std::string(to_string(p))] = pass_json(*pass);
    }
    row["passes"] = std::move(passes);
    layers.push_back(std::move(row));
  }

  const NetworkTotals t = totals_of(network, dtype);
  nlohmann::ordered_json flops_by_pass = nlohmann::ordered_json::object();
  nlohmann::ordered_json bytes_by_pass = nlohmann::ordered_json::object();
  for (Pass p : kAllPasses) {
    flops_by_pass[std::string(to_string(p))] = t.flops_by_pass[static_cast<std::size_t>(p)];
    bytes_by_pass[std::string(to_string(p))] = t.bytes_by_pass[static_cast<std::size_t>(p)];
  }
  return {{"network", network.name},
          {"dataset", network.dataset ? nlohmann::ordered_json(to_string(*network.dataset))
                                      : nlohmann::ordered_json(nullptr)},
          {"batch", network.batch},
          {"dtype", to_string(dtype)},
          {"source", "modelled: analytic counts from the layer shapes (docs/metrics.md)"},
          {"layers", std::move(layers)},
          {"totals",
           {{"macs", t.macs},
            {"flops", t.flops},
            {"params", t.params},
            {"flops_by_pass", std::move(flops_by_pass)},
            {"bytes_by_pass", std::move(bytes_by_pass)},
            {"conv_layers", t.conv_layers},
            {"conv1x1_layers", t.conv1x1_layers},
            {"fc_layers", t.fc_layers}}}};
}

}  // namespace roof
