// `roofline layers`: every layer of a catalogue network, or of a file of benchdnn descriptors,
// with its analytic work and traffic per pass.
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/network_options.hpp"
#include "networks/descriptor.hpp"
#include "networks/network_json.hpp"
#include "reports/layer_table.hpp"
#include "support/input_error.hpp"

namespace roof::cli {
namespace {

struct LayersArgs {
  NetworkArgs network;
  std::string format = "table";
  std::string driver;  // --format benchdnn: conv or ip alone
};

void run(const LayersArgs& args, const CLI::App& cmd) {
  const Network network = load_network(args.network, cmd);
  const DType dtype = chosen_dtype(args.network);
  // Everything is rendered before anything is printed, so an error (a count that would
  // overflow) leaves no partial table behind, whatever the format.
  totals_of(network, dtype);
  std::ostringstream out;
  if (args.format == "json") {
    out << layers_json(network, dtype).dump(1, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
  } else if (args.format == "csv") {
    write_layer_csv(out, network, dtype);
  } else if (args.format == "benchdnn") {
    std::optional<DescriptorDriver> only;
    if (!args.driver.empty()) {
      only = args.driver == "conv" ? DescriptorDriver::conv : DescriptorDriver::ip;
    }
    out << to_descriptor_file(network, only);
  } else {
    write_layer_table(out, network, dtype);
  }
  std::cout << out.str();
}

}  // namespace

void add_layers_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "layers", "Per-layer MACs, FLOPs, bytes and parameters of a network (modelled)");
  auto args = std::make_shared<LayersArgs>();
  add_network_options(*cmd, args->network, true);
  cmd->add_option("--format", args->format, "table, csv, json or benchdnn")
      ->check(CLI::IsMember({"table", "csv", "json", "benchdnn"}));
  cmd->add_option("--driver", args->driver,
                  "With --format benchdnn: only the conv or only the ip (fc) layers, without a "
                  "driver line: a batch file benchdnn runs as it is")
      ->check(CLI::IsMember({"conv", "ip"}));
  cmd->callback([args, cmd] {
    if (!args->driver.empty() && args->format != "benchdnn") {
      throw InputError("--driver applies to --format benchdnn");
    }
    run(*args, *cmd);
  });
}

}  // namespace roof::cli
