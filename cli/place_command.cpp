// `roofline place`: every layer-pass of a network on one device's roofline.

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output.hpp"
#include "reports/roofline_tables.hpp"
#include "roofline/roofline_json.hpp"

namespace roof::cli {
namespace {

struct PlaceArgs {
  NetworkArgs network;
  DeviceArgs devices;
  std::string device;
  std::string format = "table";
};

}  // namespace

void add_place_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "place", "Place each layer and pass of a network on a device's roofline (modelled)");
  auto args = std::make_shared<PlaceArgs>();
  add_network_options(*cmd, args->network, true);
  cmd->add_option("--device", args->device, "Device name or alias (see devices)")->required();
  add_device_options(*cmd, args->devices, true);
  cmd->add_option("--format", args->format,
                  "table, json or csv (a row per layer-pass, the JSON's fields)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([args, cmd] {
    const Network network = load_network(args->network, *cmd);
    const DeviceCatalogue catalogue = load_catalogue(args->devices);
    const PlacementOptions options = placement_options(args->devices, chosen_dtype(args->network));
    const Placement placement = place(network, catalogue.find(args->device), options);
    print_json_or_table(
        args->format, [&] { return placement_json(placement); },
        [&](std::ostream& out) { write_placement_table(out, placement); }, "/rows");
  });
}

}  // namespace roof::cli
