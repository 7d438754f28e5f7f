#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "networks/network.hpp"

namespace roof {

struct CatalogueEntry {
  std::string name;
  std::string description;  // the architecture and the source it follows, one line
  bool has_cifar10 = true;
};

// What `roofline networks` lists, in catalogue order.
const std::vector<CatalogueEntry>& catalogue();
std::vector<std::string> network_names();

// Builds a catalogue network. Throws InputError for an unknown name (listing the known ones), a
// dataset the network has no form for, or a batch below 1.
Network build_network(std::string_view name, const BuildOptions& options);

}  // namespace roof
