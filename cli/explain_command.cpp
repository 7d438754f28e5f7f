// `roofline explain`: why device A beats device B on a network, in numbers a person can check.

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output.hpp"
#include "cli/training_options.hpp"
#include "networks/input_error.hpp"
#include "reports/roofline_tables.hpp"
#include "roofline/roofline_json.hpp"

namespace roof::cli {
namespace {

struct ExplainArgs {
  NetworkArgs network;
  DeviceArgs devices;
  std::vector<std::string> pair;
  int top = 5;
  std::string format = "table";
};

}  // namespace

void add_explain_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("explain", "Why one device beats another on a network");
  auto args = std::make_shared<ExplainArgs>();
  args->network.default_batch = 32;
  add_network_options(*cmd, args->network, false);
  cmd->add_option("--devices", args->pair, "Two devices, A,B: why does A beat B")
      ->required()
      ->delimiter(',');
  add_device_options(*cmd, args->devices, true);
  cmd->add_option("--top", args->top,
                  "How many layers (all passes summed) to list as contributors (5)");
  cmd->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->callback([args, cmd] {
    if (args->pair.size() != 2) {
      throw InputError("--devices takes exactly two devices, A,B; got " +
                       std::to_string(args->pair.size()));
    }
    if (args->top < 0) throw InputError("--top must not be negative");
    const Network network = load_network(args->network, *cmd);
    const DeviceCatalogue catalogue = load_catalogue(args->devices);
    const TrainingOptions options =
        training_options(args->network, args->devices, 1, std::string());
    const Explanation e = explain(network, catalogue.find(args->pair[0]),
                                  catalogue.find(args->pair[1]), options, args->top);
    print_json_or_table(
        args->format, [&] { return explanation_json(e); },
        [&](std::ostream& out) { write_explanation(out, e); });
  });
}

}  // namespace roof::cli
