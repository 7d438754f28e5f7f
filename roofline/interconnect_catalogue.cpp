#include "roofline/interconnect_catalogue.hpp"

#include <algorithm>

#include "roofline/interconnects_embedded.hpp"
#include "roofline/measured_interconnect.hpp"
#include "roofline/named_entries.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"
#include "support/json_fields.hpp"

namespace roof {

std::string_view to_string(LinkScope scope) {
  return scope == LinkScope::gpu ? "gpu" : "node";
}

namespace {

using nlohmann::json;

// {"gbs": x, "source": "..."} and {"us": x, "source": "..."} groups.
double sourced(const FieldReader& entry, const std::string& key, const std::string& unit,
               std::string& source) {
  const FieldReader group = entry.child(key);
  source = group.text("source");
  return group.positive(unit);
}

Interconnect read_link(const json& object, const std::string& path, const std::string& origin) {
  const FieldReader first(object, path);
  Interconnect link;
  link.name = first.text("name");
  const FieldReader e(object, path + " (" + link.name + ")");
  link.origin = origin;
  if (e.has("aliases")) {
    const json& aliases = e.get("aliases");
    if (!aliases.is_array()) e.fail("aliases", "must be an array of strings");
    for (const json& alias : aliases) {
      if (!alias.is_string()) e.fail("aliases", "must be an array of strings");
      link.aliases.push_back(alias.get<std::string>());
    }
  }
  link.description = e.text_or("description", link.name);
  const std::string scope = e.text("scope");
  if (scope != "gpu" && scope != "node") e.fail("scope", "must be \"gpu\" or \"node\"");
  link.scope = scope == "gpu" ? LinkScope::gpu : LinkScope::node;
  link.theoretical_gbs = sourced(e, "theoretical", "gbs", link.theoretical_source);
  link.achieved_gbs = sourced(e, "achieved", "gbs", link.achieved_source);
  link.latency_us = sourced(e, "latency", "us", link.latency_source);
  if (e.has("shared_by")) link.shared_by = e.count("shared_by");
  // A measured link written back by `interconnects --format json` stays measured.
  link.measured_by = e.text_or("measured_by", "");
  if (link.achieved_gbs > link.theoretical_gbs * 1.0001) {
    e.fail("achieved.gbs", "exceeds the theoretical bandwidth");
  }
  return link;
}

}  // namespace

std::vector<Interconnect> InterconnectCatalogue::parse(std::string_view json_text,
                                                       const std::string& origin) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {  // not JSON, or a number too large for a double
    throw InputError("interconnect file '" + origin + "' is not valid JSON: " + e.what());
  }
  if (is_bench_comm_json(doc)) return {read_bench_comm(doc, origin)};
  if (!doc.is_object() || !doc.contains("interconnects") || !doc.at("interconnects").is_array()) {
    throw InputError("interconnect file '" + origin +
                     "' needs a top-level \"interconnects\" array (or bench_comm's JSON)");
  }
  std::vector<Interconnect> links;
  const json& entries = doc.at("interconnects");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    links.push_back(read_link(
        entries[i], "interconnect file '" + origin + "': interconnects[" + std::to_string(i) + "]",
        origin));
  }
  if (links.empty()) throw InputError("interconnect file '" + origin + "' lists no links");
  return links;
}

InterconnectCatalogue InterconnectCatalogue::builtin() {
  InterconnectCatalogue catalogue;
  for (Interconnect& link : parse(builtin_interconnects_json(), "roofline/interconnects.json")) {
    link.origin = "catalogue";
    catalogue.add(std::move(link));
  }
  return catalogue;
}

void InterconnectCatalogue::add_file(const std::string& path) {
  for (Interconnect& link : parse(read_input_file(path, "interconnect file"), path)) {
    add(std::move(link));
  }
}

void InterconnectCatalogue::add(Interconnect link) {
  add_named(links_, std::move(link), "interconnect");
}

const Interconnect& InterconnectCatalogue::find(std::string_view name) const {
  return find_named(links_, name, "interconnect", "roofline interconnects");
}

const Interconnect& InterconnectCatalogue::default_gpu_link(const Device& device,
                                                            int gpus_per_node) const {
  if (device.nvlink_gbs) {
    if (device.architecture == "Pascal") return find("nvlink1");
    if (device.architecture == "Volta") return find("nvlink2");
    if (device.architecture == "Ampere") return find("nvlink3");
    if (device.architecture == "Hopper") return find("nvlink4");
  }
  // Two dies of one K80 board talk through the board's own switch.
  if (device.host_link.find("shared by 2 dies") != std::string::npos && gpus_per_node <= 2) {
    return find("k80-switch");
  }
  return default_host_link(device);
}

const Interconnect& InterconnectCatalogue::default_host_link(const Device& device) const {
  if (device.host_link.find("PCIe 5.0") != std::string::npos) return find("pcie5");
  if (device.host_link.find("PCIe 4.0") != std::string::npos) return find("pcie4");
  if (device.host_link.find("PCIe 2.0") != std::string::npos) return find("pcie2");
  return find("pcie3");
}

const Interconnect& InterconnectCatalogue::default_node_link() const {
  return find("ib-edr");
}

Fabric InterconnectCatalogue::fabric_for(const Device& device, int gpus_per_node, int nodes,
                                         Ceilings ceilings, std::string_view gpu_link,
                                         std::string_view node_link) const {
  const Interconnect& gpu =
      gpu_link.empty() ? default_gpu_link(device, gpus_per_node) : find(gpu_link);
  const Interconnect& node = node_link.empty() ? default_node_link() : find(node_link);
  if (gpu.scope != LinkScope::gpu) {
    throw InputError("--interconnect '" + gpu.name + "' links nodes; use it as --node-link");
  }
  if (node.scope != LinkScope::node) {
    throw InputError("--node-link '" + node.name +
                     "' links GPUs inside a node; use it as --interconnect");
  }
  Fabric fabric;
  fabric.gpus_per_node = gpus_per_node;
  fabric.nodes = nodes;
  fabric.gpu_link = link_rate(gpu, ceilings);
  fabric.node_link = link_rate(node, ceilings);
  fabric.host_link = link_rate(default_host_link(device), ceilings);
  // The K80's two dies reach the host through one switch port.
  fabric.host_link_shared_by =
      device.host_link.find("shared by 2 dies") != std::string::npos ? 2 : 1;
  return fabric;
}

}  // namespace roof
