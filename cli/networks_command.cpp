// `roofline networks`: the catalogue's names, with what each one is, and optionally the totals
// of every network at a batch, dataset and dtype.
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "networks/catalogue.hpp"
#include "networks/network_json.hpp"
#include "reports/layer_table.hpp"
#include "support/input_error.hpp"

namespace roof::cli {
namespace {

struct NetworksArgs {
  std::string format = "table";
  bool totals = false;
  std::int64_t batch = 1;
  std::string dataset = "imagenet";
  std::string dtype = "fp32";
};

void list(const NetworksArgs& args) {
  if (args.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const CatalogueEntry& e : catalogue()) {
      list.push_back({{"name", e.name},
                      {"description", e.description},
                      {"datasets", e.has_cifar10 ? nlohmann::json{"imagenet", "cifar10"}
                                                 : nlohmann::json{"imagenet"}}});
    }
    std::cout << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  for (const CatalogueEntry& e : catalogue()) {
    std::cout << e.name << std::string(e.name.size() < 16 ? 16 - e.name.size() : 1, ' ')
              << e.description << (e.has_cifar10 ? "" : " [imagenet only]") << '\n';
  }
}

// Networks without a form for the dataset are left out of the totals, and said so.
void totals(const NetworksArgs& args) {
  if (args.batch <= 0) {
    throw InputError("--batch must be at least 1, got " + std::to_string(args.batch));
  }
  const Dataset dataset = parse_dataset(args.dataset);
  const DType dtype = parse_dtype(args.dtype);
  std::vector<Network> networks;
  std::vector<std::string> skipped;
  for (const CatalogueEntry& e : catalogue()) {
    if (dataset == Dataset::cifar10 && !e.has_cifar10) {
      skipped.push_back(e.name);
      continue;
    }
    networks.push_back(build_network(e.name, {dataset, args.batch, false}));
  }
  std::ostringstream out;  // rendered whole first: an overflow leaves no partial table behind
  if (args.format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const Network& n : networks) {
      nlohmann::ordered_json doc = layers_json(n, dtype);
      doc.erase("layers");
      all.push_back(std::move(doc));
    }
    out << nlohmann::ordered_json{{"networks", std::move(all)}, {"without_this_dataset", skipped}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
  } else {
    write_totals_table(out, networks, dtype);
    for (const std::string& name : skipped) {
      out << "\n(" << name << " has no " << args.dataset << " form.)";
    }
    if (!skipped.empty()) out << '\n';
  }
  std::cout << out.str();
}

}  // namespace

void add_networks_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("networks", "List the networks of the catalogue");
  auto args = std::make_shared<NetworksArgs>();
  cmd->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("--totals", args->totals,
                "Show every network's totals (modelled) instead of its description");
  cmd->add_option("--batch", args->batch, "With --totals: images per iteration (default 1)");
  cmd->add_option("--dataset", args->dataset, "With --totals: imagenet or cifar10");
  cmd->add_option("--dtype", args->dtype, "With --totals: fp32, fp16 or bf16");
  cmd->callback([args, cmd] {
    if (!args->totals &&
        (cmd->count("--batch") || cmd->count("--dataset") || cmd->count("--dtype"))) {
      throw InputError("--batch, --dataset and --dtype need --totals");
    }
    args->totals ? totals(*args) : list(*args);
  });
}

}  // namespace roof::cli
