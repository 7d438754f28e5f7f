// `roofline networks`: the catalogue's names, with what each one is.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "networks/catalogue.hpp"

namespace roof::cli {

void add_networks_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("networks", "List the networks of the catalogue");
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--format", *format, "table (name and description) or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->callback([format] {
    if (*format == "json") {
      nlohmann::json list = nlohmann::json::array();
      for (const CatalogueEntry& e : catalogue()) {
        list.push_back({{"name", e.name},
                        {"description", e.description},
                        {"datasets", e.has_cifar10 ? nlohmann::json{"imagenet", "cifar10"}
                                                   : nlohmann::json{"imagenet"}}});
      }
      std::cout << list.dump(2) << '\n';
      return;
    }
    for (const CatalogueEntry& e : catalogue()) {
      std::cout << e.name << std::string(e.name.size() < 16 ? 16 - e.name.size() : 1, ' ')
                << e.description << (e.has_cifar10 ? "" : " [imagenet only]") << '\n';
    }
  });
}

}  // namespace roof::cli
