#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "roofline/collectives.hpp"
#include "roofline/device.hpp"
#include "roofline/interconnect.hpp"

namespace roof {

// The links multi-GPU predictions can use: the built-in catalogue (roofline/interconnects.json,
// compiled into the program) and the files a user adds (the same schema, or bench_comm's JSON,
// read by roofline/measured_interconnect.hpp), whose entries replace built-in ones of the same
// name.
class InterconnectCatalogue {
 public:
  static InterconnectCatalogue builtin();

  // Parses an interconnects file. `origin` names it in errors. Throws InputError naming the
  // entry and the field for anything malformed.
  static std::vector<Interconnect> parse(std::string_view json_text, const std::string& origin);

  void add_file(const std::string& path);  // either schema; throws InputError
  void add(Interconnect link);

  // By name or alias, case-insensitively. Throws InputError listing the known names.
  const Interconnect& find(std::string_view name) const;
  const std::vector<Interconnect>& links() const { return links_; }

  // The link GPUs of this device use to talk to each other in one node when the user names
  // none: NVLink of the device's generation where it has NVLink, the K80 board's switch for
  // two K80 dies, otherwise the PCIe generation of its host link.
  const Interconnect& default_gpu_link(const Device& device, int gpus_per_node) const;
  // The PCIe generation of the device's host link (host-staged all-reduce uses it).
  const Interconnect& default_host_link(const Device& device) const;
  // Between nodes: InfiniBand EDR, the commonest fabric of the seeds' era.
  const Interconnect& default_node_link() const;

  // gpus_per_node x nodes GPUs of `device` joined by the named links (the defaults above where a
  // name is empty), read at `ceilings` (theoretical, or the achieved column). Throws InputError
  // for an unknown name, or a link used at the wrong scope (a node link inside a node).
  Fabric fabric_for(const Device& device, int gpus_per_node, int nodes, Ceilings ceilings,
                    std::string_view gpu_link = {}, std::string_view node_link = {}) const;

 private:
  std::vector<Interconnect> links_;
};

}  // namespace roof
