// `roofline layers`: every layer of a catalogue network, or of a file of benchdnn descriptors,
// with its analytic work and traffic per pass.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "networks/catalogue.hpp"
#include "networks/descriptor.hpp"
#include "networks/input_error.hpp"
#include "networks/network_json.hpp"
#include "reports/layer_table.hpp"

namespace roof::cli {
namespace {

struct LayersArgs {
  std::string network;
  std::string file;
  std::int64_t batch = 0;  // 0: not given (1 for catalogue networks, mb of the file otherwise)
  std::string dataset = "imagenet";
  std::string dtype = "fp32";
  std::string format = "table";
  bool aux = false;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read descriptor file '" + path + "'");
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

Network load(const LayersArgs& args, CLI::App& cmd) {
  if (cmd.count("--batch") && args.batch <= 0) {
    throw InputError("--batch must be at least 1, got " + std::to_string(args.batch));
  }
  if (!args.file.empty()) {
    if (cmd.count("--dataset") || args.aux) {
      throw InputError("--dataset and --aux-classifiers apply to catalogue networks, not --file");
    }
    const std::string stem = std::filesystem::path(args.file).stem().string();
    return parse_descriptor_file(read_file(args.file), stem, args.batch);
  }
  BuildOptions options;
  options.dataset = parse_dataset(args.dataset);
  options.batch = args.batch > 0 ? args.batch : 1;
  options.googlenet_aux = args.aux;
  return build_network(args.network, options);
}

void run(const LayersArgs& args, CLI::App& cmd) {
  const Network network = load(args, cmd);
  const DType dtype = parse_dtype(args.dtype);
  // Everything is rendered before anything is printed, so an error (a count that would
  // overflow) leaves no partial table behind, whatever the format.
  totals_of(network, dtype);
  std::ostringstream out;
  if (args.format == "json") {
    out << layers_json(network, dtype).dump(1) << '\n';
  } else if (args.format == "csv") {
    write_layer_csv(out, network, dtype);
  } else if (args.format == "benchdnn") {
    out << to_descriptor_file(network);
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
  auto* network = cmd->add_option("--network", args->network, "Catalogue network (see networks)");
  auto* file = cmd->add_option("--file", args->file,
                               "Read the layers from a file of benchdnn descriptors instead");
  network->excludes(file);
  file->excludes(network);
  cmd->add_option("--batch", args->batch, "Images per iteration (default 1, or the file's mb)");
  cmd->add_option("--dataset", args->dataset, "imagenet (224x224) or cifar10 (32x32)");
  cmd->add_option("--dtype", args->dtype, "Element type for bytes: fp32, fp16 or bf16");
  cmd->add_option("--format", args->format, "table, csv, json or benchdnn")
      ->check(CLI::IsMember({"table", "csv", "json", "benchdnn"}));
  cmd->add_flag("--aux-classifiers", args->aux, "GoogLeNet: include the two auxiliary heads");
  cmd->callback([args, cmd] {
    if (args->network.empty() && args->file.empty()) {
      throw InputError("layers needs --network NAME or --file F");
    }
    run(*args, *cmd);
  });
}

}  // namespace roof::cli
