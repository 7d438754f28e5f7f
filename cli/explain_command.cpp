// `roofline explain`: why device A beats device B on a network, in numbers a person can check.

#include <charconv>
#include <map>
#include <string>

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output.hpp"
#include "cli/parallel_options.hpp"
#include "cli/training_options.hpp"
#include "reports/parallel_tables.hpp"
#include "reports/roofline_tables.hpp"
#include "reports/seed_validation.hpp"
#include "roofline/parallel_json.hpp"
#include "roofline/roofline_json.hpp"
#include "support/input_error.hpp"

namespace roof::cli {
namespace {

struct ExplainArgs {
  NetworkArgs network;
  DeviceArgs devices;
  std::vector<std::string> pair;
  int top = 5;
  std::string format = "table";
  ParallelArgs parallel;
  std::string images;
  std::vector<std::string> measured_epochs;  // strategy=seconds
};

std::map<std::string, double> parse_measured_epochs(const std::vector<std::string>& items) {
  std::map<std::string, double> epochs;
  for (const std::string& item : items) {
    const std::size_t eq = item.find('=');
    // A decimal number of seconds (from_chars reads no hex, no sign prefix, no spaces), finite,
    // from a millisecond to 1e9 s: an epoch outside is a typing slip, and would print as a
    // number of 60 digits.
    double seconds = 0;
    bool read = false;
    if (eq != std::string::npos) {
      const char* first = item.data() + eq + 1;
      const char* last = item.data() + item.size();
      const auto [stop, ec] = std::from_chars(first, last, seconds);
      read = ec == std::errc() && stop == last && first != last;
    }
    if (!read) {
      throw InputError(
          "--measured-epochs takes strategy=seconds items (1gpu, data, model, "
          "owt), got '" +
          item + "'");
    }
    if (!(seconds >= 1e-3 && seconds <= 1e9)) {
      throw InputError("--measured-epochs: an epoch of " + item.substr(eq + 1) +
                       " s is outside a millisecond to 1e9 s ('" + item + "')");
    }
    if (!epochs.emplace(item.substr(0, eq), seconds).second) {
      throw InputError("--measured-epochs gives '" + item.substr(0, eq) + "' twice");
    }
  }
  return epochs;
}

// --gpus N: one device, every strategy against one GPU.
void explain_on_several_gpus(const ExplainArgs& args, const CLI::App& cmd) {
  if (args.pair.size() != 1) {
    throw InputError(
        "with --gpus, --devices takes one device (the strategies are compared on "
        "it); got " +
        std::to_string(args.pair.size()));
  }
  const Network network = load_network(args.network, cmd);
  const DeviceCatalogue catalogue = load_catalogue(args.devices);
  const Device& device = catalogue.find(args.pair[0]);
  check_parallel_flags(cmd, args.parallel, device);
  if (cmd.count("--top") > 0) {
    throw InputError(
        "--top lists the layers behind two devices' difference; it does not apply "
        "with --gpus");
  }
  const TrainingOptions training = training_options(args.network, args.devices, 1, args.images);
  if (training.placement.roof.clock_mhz) {
    throw InputError(
        "--clock in MHz sets one device's clock under load; explain reads devices at their "
        "rated clocks (use place or train, with --gpus for several, at the clock you measured)");
  }
  const InterconnectCatalogue links = load_interconnects(args.parallel);
  const Fabric fabric = fabric_for(args.parallel, links, device, args.parallel.gpus,
                                   args.parallel.nodes, training.placement.roof.ceilings);
  const ParallelOptions options = parallel_options(args.parallel, training, args.parallel.gpus,
                                                   args.parallel.nodes, Strategy::data);
  const ParallelExplanation e = explain_parallel(network, device, fabric, options,
                                                 parse_measured_epochs(args.measured_epochs));
  print_json_or_table(
      args.format, [&] { return parallel_explanation_json(e); },
      [&](std::ostream& out) { write_parallel_explanation(out, e); }, "/outcomes");
}

}  // namespace

void add_explain_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "explain", "Why one device beats another on a network, or (--gpus) one strategy another");
  auto args = std::make_shared<ExplainArgs>();
  args->network.default_batch = 32;
  add_network_options(*cmd, args->network, false);
  cmd->add_option("--devices", args->pair,
                  "Two devices, A,B: why does A beat B (one device with --gpus)")
      ->required()
      ->delimiter(',');
  add_device_options(*cmd, args->devices, true);
  cmd->add_option("--top", args->top,
                  "How many layers (all passes summed) to list as contributors (5)");
  cmd->add_option("--format", args->format,
                  "table, json or csv (a row per top contributor, as many as --top; --gpus: a "
                  "row per strategy)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  add_parallel_options(*cmd, args->parallel, false);
  cmd->add_option("--images", args->images,
                  "With --gpus: images per epoch, a number or imagenet, cifar10, mnist, kmnist");
  cmd->add_option("--measured-epochs", args->measured_epochs,
                  "With --gpus: measured epoch seconds to set beside the model, as "
                  "1gpu=S,data=S,model=S,owt=S")
      ->delimiter(',');
  cmd->callback([args, cmd] {
    if (parallel_requested(*cmd)) {
      explain_on_several_gpus(*args, *cmd);
      return;
    }
    if (!args->images.empty() || !args->measured_epochs.empty()) {
      throw InputError("--images and --measured-epochs go with --gpus");
    }
    if (args->pair.size() != 2) {
      throw InputError("--devices takes exactly two devices, A,B; got " +
                       std::to_string(args->pair.size()));
    }
    if (args->top < 0) throw InputError("--top must not be negative");
    const Network network = load_network(args->network, *cmd);
    const DeviceCatalogue catalogue = load_catalogue(args->devices);
    const TrainingOptions options =
        training_options(args->network, args->devices, 1, std::string());
    if (options.placement.roof.clock_mhz) {
      throw InputError(
          "--clock in MHz sets one device's clock under load; explain reads devices at their "
          "rated clocks (use place or train, with --gpus for several, at the clock you measured)");
    }
    const Device& a = catalogue.find(args->pair[0]);
    const Device& b = catalogue.find(args->pair[1]);
    const Explanation e = explain(network, a, b, options, args->top);
    print_json_or_table(
        args->format, [&] { return explanation_json(e); },
        [&](std::ostream& out) {
          write_explanation(out, e, report::seed_measurements_of(network.name, a, b, options));
        },
        "/top_contributors");
  });
}

}  // namespace roof::cli
