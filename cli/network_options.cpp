#include "cli/network_options.hpp"

#include <filesystem>

#include "networks/catalogue.hpp"
#include "networks/descriptor.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"

namespace roof::cli {
namespace {

std::string read_file(const std::string& path) {
  return read_input_file(path, "descriptor file");
}

}  // namespace

void add_network_options(CLI::App& cmd, NetworkArgs& args, bool with_file) {
  // Not CLI11's required(): with --file either one will do, and load_network names both.
  auto* network = cmd.add_option("--network", args.network,
                                 with_file ? "Catalogue network (see networks); this or --file "
                                             "is required"
                                           : "Catalogue network (see networks); required");
  if (with_file) {
    auto* file = cmd.add_option("--file", args.file,
                                "Read the layers from a file of benchdnn descriptors instead");
    network->excludes(file);
    file->excludes(network);
  }
  // Counting and placing default to one image, the per-image work papers publish; training and
  // explaining to a training batch, where per-kernel costs and tiles depend on it.
  const std::string why = args.default_batch == 1 ? ": the work of one image, as papers count it"
                                                  : ": a training batch";
  cmd.add_option("--batch", args.batch,
                 "Images per iteration (default " + std::to_string(args.default_batch) + why +
                     (with_file ? "; or the file's mb)" : ")"));
  cmd.add_option("--dataset", args.dataset, "imagenet (default, 224x224) or cifar10 (32x32)");
  cmd.add_option("--dtype", args.dtype, "Element type: fp32, fp16 or bf16");
  cmd.add_flag("--aux-classifiers", args.aux, "GoogLeNet: include the two auxiliary heads");
}

Network load_network(const NetworkArgs& args, const CLI::App& cmd) {
  if (cmd.count("--batch") && args.batch <= 0) {
    throw InputError("--batch must be at least 1, got " + std::to_string(args.batch));
  }
  if (!args.file.empty()) {
    if (cmd.count("--dataset") || args.aux) {
      throw InputError("--dataset and --aux-classifiers apply to catalogue networks, not --file");
    }
    const std::string stem = std::filesystem::path(args.file).stem().string();
    const std::string contents = read_file(args.file);
    try {
      return parse_descriptor_file(contents, stem, args.batch);
    } catch (const InputError& e) {  // "line 3: ..." with the file it is in
      throw InputError("descriptor file '" + args.file + "' " + e.what());
    }
  }
  if (args.network.empty()) {
    throw InputError(std::string(cmd.get_name()) + " needs --network NAME" +
                     (cmd.get_option_no_throw("--file") ? " or --file F" : ""));
  }
  BuildOptions options;
  options.dataset = parse_dataset(args.dataset);
  options.batch = args.batch > 0 ? args.batch : args.default_batch;
  options.googlenet_aux = args.aux;
  return build_network(args.network, options);
}

DType chosen_dtype(const NetworkArgs& args) {
  return parse_dtype(args.dtype);
}

}  // namespace roof::cli
