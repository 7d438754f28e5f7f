// `roofline report`: the model and this machine's measurements as one HTML page, a Markdown
// page and SVG charts in a directory.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/staged_files.hpp"
#include "networks/catalogue.hpp"
#include "reports/report_builder.hpp"
#include "roofline/training.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"
#include "support/text_format.hpp"

namespace roof::cli {
namespace {

struct ReportArgs {
  std::string out;
  std::vector<std::string> bench;
  DeviceArgs devices;
  std::vector<std::string> device_names{"P100", "K40m", "K80"};
  std::vector<std::string> networks{"vgg16", "googlenet", "resnet18"};
  std::int64_t batch = 32;
  std::string dataset = "imagenet";
  std::string dtype = "fp32";
  std::string bench_dataset = "imagenet";
  int top = 5;
  // "Scaling on several GPUs": Krizhevsky's One weird trick runs by default, whose measured
  // speedups seed 002 quotes.
  std::string scaling_network = "alexnet_owt";
  std::string scaling_device = "K20";
  std::vector<std::string> comm;  // bench_comm JSON
};

// The images per GPU of the scaling section: the One weird trick runs' batch.
constexpr std::int64_t kScalingBatch = 128;

std::string read_text(const std::string& flag, const std::string& path) {
  return read_input_file(path, flag + " file");
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ",") + w;
  return out;
}

// The command that made the report, for its preamble: every choice, --out included, each word
// as a shell reads it back, so the line can be pasted to make the report again.
std::string command_of(const ReportArgs& a) {
  // Device names come from device files and may hold what a shell reads otherwise ('a|b').
  std::string text = "roofline report --out " + shell_word(a.out) + " --networks " +
                     shell_word(joined(a.networks)) + " --dataset " + shell_word(a.dataset) +
                     " --batch " + std::to_string(a.batch) + " --dtype " + shell_word(a.dtype) +
                     " --devices " + shell_word(joined(a.device_names)) + " --top " +
                     std::to_string(a.top);
  if (!a.devices.clock.empty()) text += " --clock " + shell_word(a.devices.clock);
  text += " --ceilings " + a.devices.ceilings + " --model " + a.devices.model;
  if (a.devices.model == "roofline") text += " --conv-algo " + a.devices.conv_algo;
  if (a.devices.model == "achievable") {
    if (!a.devices.library.empty()) text += " --library " + a.devices.library;
    text += " --framework " + a.devices.framework;
  }
  if (!a.devices.input_grad.empty()) text += " --input-grad " + a.devices.input_grad;
  if (a.devices.math != "fp32") text += " --math " + shell_word(a.devices.math);
  if (!a.devices.host_us.empty()) text += " --host-us " + shell_word(a.devices.host_us);
  for (const std::string& f : a.devices.device_files) text += " --device-file " + shell_word(f);
  for (const std::string& f : a.devices.roofs_files) text += " --roofs " + shell_word(f);
  for (const std::string& f : a.bench) text += " --bench " + shell_word(f);
  if (!a.bench.empty()) text += " --bench-dataset " + a.bench_dataset;
  text += " --scaling-network " + shell_word(a.scaling_network) + " --scaling-device " +
          shell_word(a.scaling_device);
  for (const std::string& f : a.comm) text += " --comm " + shell_word(f);
  return text;
}

void run(const ReportArgs& a) {
  if (a.batch <= 0) throw InputError("--batch must be at least 1, got " + std::to_string(a.batch));
  if (a.top < 0) throw InputError("--top must not be negative");
  if (a.networks.empty()) throw InputError("--networks needs at least one network");
  if (a.device_names.empty()) throw InputError("--devices needs at least one device");

  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  for (const std::string& path : a.devices.device_files) catalogue.add_file(path);
  report::ReportInputs in;
  for (const std::string& path : a.devices.roofs_files) {
    in.machines.push_back(report::read_measured_machine(read_text("--roofs", path), path));
    if (in.machines.back().cpu) catalogue.add(*in.machines.back().cpu);
    for (const report::MeasuredGpu& gpu : in.machines.back().gpus) catalogue.add(gpu.device);
  }
  in.options.placement = placement_options(a.devices, parse_dtype(a.dtype));
  if (in.options.placement.roof.clock_mhz) {
    throw InputError(
        "--clock in MHz sets one device's clock under load; a report draws devices at their "
        "rated clocks (use place or train, with --gpus for several, at the clock you measured)");
  }
  in.options.images_per_epoch = dataset_images(a.dataset);
  in.options.epochs = 1;
  if (a.batch > in.options.images_per_epoch) {  // as train refuses it
    throw InputError("an iteration of " + std::to_string(a.batch) +
                     " images is more than an epoch of " +
                     std::to_string(in.options.images_per_epoch) + " (the --dataset's)");
  }
  const Dataset dataset = parse_dataset(a.dataset);
  for (const std::string& name : a.networks) {
    Network network = build_network(name, {dataset, a.batch, false});
    for (const Network& earlier : in.networks) {
      if (earlier.name == network.name) {
        throw InputError("--networks names " + network.name + " twice" +
                         (name == network.name ? "" : " ('" + name + "' is one of its names)"));
      }
    }
    in.networks.push_back(std::move(network));
  }
  for (const std::string& name : a.device_names) {
    Device device = catalogue.find(name);
    // An alias and its device's name are one device; a report draws each device once.
    for (const Device& earlier : in.devices) {
      if (earlier.name == device.name) {
        throw InputError("--devices names " + device.name + " twice" +
                         (name == device.name ? "" : " ('" + name + "' is one of its names)"));
      }
    }
    in.devices.push_back(std::move(device));
  }
  if (in.options.placement.model == TimeModel::achievable && !in.options.placement.library) {
    // One software stack for every device, as `explain` compares them: the newest default.
    const std::optional<LibraryGeneration> recipe =
        find_framework(in.options.placement.framework).library;
    LibraryGeneration newest = LibraryGeneration::cudnn5;
    for (const Device& d : in.devices) {
      if (!AchievableModel::builtin().covers(d.architecture)) continue;  // keeps the bound
      newest = std::max(newest, recipe.value_or(era_library(d.architecture)));
    }
    in.options.placement.library = newest;
  }

  // Measured layers are fp32 with their direct FLOP counts; the model beside them likewise.
  PlacementOptions measured_model;
  measured_model.roof = roof_options(a.devices, DType::fp32);
  measured_model.roof.tf32 = false;  // bench_layers' fp32 cases run fp32 arithmetic
  const Dataset bench_dataset = parse_dataset(a.bench_dataset);
  for (const std::string& path : a.bench) {
    for (report::MeasuredRun& r : report::read_measured_runs(
             read_text("--bench", path), path, in.machines, bench_dataset, measured_model)) {
      in.runs.push_back(std::move(r));
    }
  }
  report::ScalingSetup scaling{
      build_network(a.scaling_network, {Dataset::imagenet, kScalingBatch, false}),
      catalogue.find(a.scaling_device)};
  // The seed's speedups belong beside the model of the same network on the same GPU only.
  if (scaling.network.name == "alexnet_owt" && scaling.device.name == "K20") {
    scaling.measured.push_back(report::seed_owt_scaling());
  }
  in.scaling = std::move(scaling);
  for (const std::string& path : a.comm) {
    in.comm.push_back(report::read_comm_run(read_text("--comm", path), path));
  }
  in.command = command_of(a);
  in.catalogue = &catalogue;
  in.top = a.top;
  const auto files = report::report_files(report::build_report(in));
  const StagedResult staged = write_files_staged(a.out, files);
  std::cout << "roofline report: wrote " << files.size() << " files to " << a.out;
  if (!staged.removed.empty()) {
    std::cout << ", removed the earlier report's " << staged.removed.size() << " it no longer has";
  }
  std::cout << " (open index.html; report.md for a repository)\n";
  for (const std::string& line : staged.not_removed) {
    std::cerr << "roofline: warning: " << line << '\n';
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "report", "Write an HTML and Markdown report with SVG rooflines (modelled and measured)");
  auto args = std::make_shared<ReportArgs>();
  cmd->add_option("--out", args->out, "Directory to write index.html, report.md and the SVGs to")
      ->required();
  cmd->add_option("--bench", args->bench,
                  "bench_layers JSON: measured layer-passes to draw; repeatable (needs --roofs)");
  cmd->add_option("--devices", args->device_names,
                  "Modelled devices (default P100,K40m,K80); the first two are explained")
      ->delimiter(',');
  cmd->add_option("--networks", args->networks,
                  "Catalogue networks (default vgg16,googlenet,resnet18); the first is explained")
      ->delimiter(',');
  cmd->add_option("--batch", args->batch, "Images per iteration of the modelled networks (32)");
  cmd->add_option("--dataset", args->dataset, "imagenet (default) or cifar10");
  cmd->add_option("--dtype", args->dtype, "Element type of the model: fp32, fp16 or bf16");
  cmd->add_option("--bench-dataset", args->bench_dataset,
                  "The form --bench's networks were measured in (imagenet, bench_layers' default)");
  cmd->add_option("--top", args->top, "Layers the explanation lists as contributors (5)");
  cmd->add_option("--scaling-network", args->scaling_network,
                  "Network of the multi-GPU scaling chart, at batch 128 per GPU on ImageNet "
                  "(default alexnet_owt)");
  cmd->add_option("--scaling-device", args->scaling_device,
                  "GPU of the multi-GPU scaling chart, on its default interconnect (default K20)");
  cmd->add_option("--comm", args->comm,
                  "bench_comm JSON: measured collectives to tabulate; repeatable (several runs "
                  "merge into one table)");
  add_device_options(*cmd, args->devices, true);
  cmd->callback([args] { run(*args); });
}

}  // namespace roof::cli
