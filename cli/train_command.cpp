// `roofline train`: one training iteration, an epoch and a run of a network on one device.

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/network_options.hpp"
#include "cli/output.hpp"
#include "cli/parallel_options.hpp"
#include "cli/training_options.hpp"
#include "reports/parallel_tables.hpp"
#include "reports/roofline_tables.hpp"
#include "roofline/parallel_json.hpp"
#include "roofline/roofline_json.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"

namespace roof::cli {
namespace {

struct TrainArgs {
  NetworkArgs network;
  DeviceArgs devices;
  std::string device;
  std::int64_t epochs = 1;
  std::string images;       // a count, or a dataset name; default: the --dataset's training set
  std::string measured;     // bench_layers JSON to compose from
  std::string time_update;  // on, off, or empty: the framework's
  std::string format = "table";
  ParallelArgs parallel;
};

std::string read_text(const std::string& path) {
  return read_input_file(path, "measurements");
}

// --gpus, --nodes, --strategy ...: one prediction on several GPUs, or the --sweep table.
void train_parallel(const TrainArgs& args, const CLI::App& cmd, const Network& network,
                    const Device& device, const TrainingOptions& training) {
  check_parallel_flags(cmd, args.parallel, device);
  if (!args.measured.empty()) {
    throw InputError(
        "--measured composes one GPU's iteration; it does not combine with the "
        "multi-GPU flags");
  }
  const InterconnectCatalogue links = load_interconnects(args.parallel);
  const Ceilings ceilings = training.placement.roof.ceilings;
  const Strategy strategy = parse_strategy(args.parallel.strategy);
  auto predict = [&](int gpus, int nodes) {
    const Fabric fabric = fabric_for(args.parallel, links, device, gpus, nodes, ceilings);
    return predict_parallel(network, device, fabric,
                            parallel_options(args.parallel, training, gpus, nodes, strategy));
  };
  if (!args.parallel.sweep) {
    const ParallelPrediction p = predict(args.parallel.gpus, args.parallel.nodes);
    print_json_or_table(
        args.format, [&] { return parallel_json(p); },
        [&](std::ostream& out) { write_parallel_table(out, p); }, "/communication");
    return;
  }
  std::vector<ParallelPrediction> rows;
  for (int nodes : doubling_up_to(args.parallel.nodes)) {
    for (int gpus : doubling_up_to(args.parallel.gpus_given ? args.parallel.gpus : 8)) {
      if (args.parallel.global_batch && strategy != Strategy::model &&
          *args.parallel.global_batch % (gpus * nodes) != 0) {
        continue;  // strong scaling: only the GPU counts that split the batch evenly
      }
      rows.push_back(predict(gpus, nodes));
    }
  }
  print_json_or_table(
      args.format, [&] { return parallel_sweep_json(rows); },
      [&](std::ostream& out) { write_parallel_sweep(out, rows); }, "/rows");
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "train",
      "Predict a training iteration, an epoch and a run on one or several GPUs (modelled)");
  auto args = std::make_shared<TrainArgs>();
  args->network.default_batch = 32;
  add_network_options(*cmd, args->network, false);
  cmd->add_option("--device", args->device,
                  "Device name or alias (see devices); required on one GPU; with the "
                  "multi-GPU flags the default is P100, the seeds' GPU");
  add_device_options(*cmd, args->devices, true);
  cmd->add_option("--epochs", args->epochs, "Epochs in the run (default 1)");
  cmd->add_option("--images", args->images,
                  "Images per epoch: a number or imagenet, cifar10, mnist, kmnist "
                  "(default: the --dataset's training set)");
  cmd->add_option("--time-update", args->time_update,
                  "on or off: whether the reported time includes the optimizer step, as a "
                  "benchmark that times forward and backward only leaves it out (default: the "
                  "framework's; torch7 and caffe off); the epoch always includes it");
  cmd->add_option("--measured", args->measured,
                  "bench_layers JSON: compose the iteration from its measured conv/fc passes, "
                  "per implementation, beside the model");
  cmd->add_option("--format", args->format,
                  "table, json or csv (one GPU: a row per layer; --measured: a row per "
                  "layer-pass; --gpus: a row per collective; --sweep: a row per GPU count)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  add_parallel_options(*cmd, args->parallel, true);
  cmd->callback([args, cmd] {
    if (args->device.empty() && !parallel_requested(*cmd)) {
      throw InputError("--device is required");
    }
    const Network network = load_network(args->network, *cmd);
    const DeviceCatalogue catalogue = load_catalogue(args->devices);
    TrainingOptions options =
        training_options(args->network, args->devices, args->epochs, args->images);
    if (args->time_update == "on") {
      options.time_update = true;
    } else if (args->time_update == "off") {
      options.time_update = false;
    } else if (!args->time_update.empty()) {
      throw InputError("unknown --time-update '" + args->time_update + "' (expected on or off)");
    }
    if (options.time_update && (parallel_requested(*cmd) || !args->measured.empty())) {
      throw InputError(
          "--time-update chooses what one GPU's reported time includes; it does not apply "
          "with --gpus, --nodes, --sweep or --measured");
    }
    if (parallel_requested(*cmd)) {
      if (args->device.empty()) args->device = "P100";
      args->parallel.gpus_given = cmd->count("--gpus") > 0;
      train_parallel(*args, *cmd, network, catalogue.find(args->device), options);
      return;
    }
    // As with several GPUs: an epoch smaller than one iteration would be charged the whole
    // batch's time.
    if (network.batch > options.images_per_epoch) {
      throw InputError("an iteration of " + std::to_string(network.batch) +
                       " images is more than an epoch of " +
                       std::to_string(options.images_per_epoch) + " (--images)");
    }
    const TrainingPrediction prediction =
        predict_training(network, catalogue.find(args->device), options);
    if (!args->measured.empty()) {
      const MeasuredIteration measured = compose_measured(
          network, prediction, read_measured_layers(read_text(args->measured), args->measured));
      print_json_or_table(
          args->format, [&] { return measured_training_json(measured); },
          [&](std::ostream& out) { write_measured_training(out, measured); }, "/measured/rows");
      return;
    }
    print_json_or_table(
        args->format, [&] { return training_json(prediction); },
        [&](std::ostream& out) { write_training_table(out, prediction); }, "/layers");
  });
}

}  // namespace roof::cli
