#include "cli/device_options.hpp"

#include <charconv>
#include <cmath>
#include <iostream>

#include "cli/deferred_warnings.hpp"
#include "roofline/measured_device.hpp"
#include "support/input_error.hpp"

namespace roof::cli {
namespace {

// For the options whose absence means a default (the framework's, each device's): an empty value
// is a mistake (an unset shell variable), not a request for the default.
const CLI::Validator kNotEmpty(
    [](const std::string& value) {
      return value.empty() ? std::string("needs a value; leave the option out for the default")
                           : std::string();
    },
    "", "not empty");

}  // namespace

void add_device_options(CLI::App& cmd, DeviceArgs& args, bool with_model_choices) {
  cmd.add_option("--device-file", args.device_files,
                 "Add devices from a JSON file (roofline/devices.json's schema); repeatable");
  cmd.add_option("--roofs", args.roofs_files,
                 "Add the devices bench_roofs' JSON measured: this machine's CPU (this-cpu, "
                 "unless the file names another) and its GPUs (this-gpu0, ...); repeatable");
  if (!with_model_choices) return;
  cmd.add_option("--clock", args.clock,
                 "base or boost (default: each device's clock under load, see devices); place "
                 "and train also take a clock under load in MHz that you measured (nvidia-smi "
                 "-q -d CLOCK while it trains): the compute peaks scale to it, DRAM stays")
      ->check(kNotEmpty);
  cmd.add_option("--ceilings", args.ceilings,
                 "theoretical (default) or sustained (published measurements where they exist)");
  cmd.add_option("--model", args.model,
                 "achievable (default: what cuDNN and a framework reach, fitted on published "
                 "GPU times) or roofline (every pass at its bound)");
  cmd.add_option("--library", args.library,
                 "Achievable model: the cuDNN whose algorithm choices to follow, cudnn5, cudnn6, "
                 "cudnn7, cudnn8 or cudnn9 (default: the framework's, else each GPU's era)")
      ->check(kNotEmpty);
  cmd.add_option("--framework", args.framework,
                 "Achievable model: pytorch (default; 2.x), pytorch1 (1.x: zero_grad fills "
                 "the gradients backward adds into), torch7, caffe or tensorflow: host time per "
                 "kernel and what the framework times");
  cmd.add_option("--input-grad", args.input_grad,
                 "on or off: whether the layers reading the image also compute their input "
                 "gradient, a bwd_data pass nothing uses (default: the framework's; torch7 on, "
                 "the others and the roofline model off)")
      ->check(kNotEmpty);
  cmd.add_option("--math", args.math,
                 "fp32 (default) or tf32: fp32 data multiplied on TF32 tensor cores where the "
                 "device has them (Ampere and newer; PyTorch's default for cuDNN convolutions "
                 "there); with --dtype fp32 only");
  cmd.add_option("--host-us", args.host_us,
                 "Achievable model: the host's time per launched kernel in microseconds "
                 "(framework dispatch and launch; default: the framework's, pytorch 10)")
      ->check(kNotEmpty);
  cmd.add_option("--conv-algo", args.conv_algo,
                 "Roofline model: direct (default), winograd, or auto (Winograd where cuDNN "
                 "would use it)");
}

DeviceCatalogue load_catalogue(const DeviceArgs& args) {
  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  for (const std::string& path : args.device_files) catalogue.add_file(path);
  for (const std::string& path : args.roofs_files) {
    MeasuredDevices measured = measured_devices_from_file(path);
    if (measured.cpu) {
      // On stderr once the command succeeded, so a table or JSON on stdout stays as it was and
      // a refusal stays one line; the report lists them too.
      for (const std::string& line : measured.cpu->measured->warnings) {
        warn_later("bench_roofs file '" + path + "': " + line);
      }
      catalogue.add(std::move(*measured.cpu));
    }
    for (Device& gpu : measured.gpus) catalogue.add(std::move(gpu));
  }
  return catalogue;
}

RoofOptions roof_options(const DeviceArgs& args, DType dtype) {
  RoofOptions options;
  if (!args.clock.empty()) {
    if (args.clock == "base" || args.clock == "boost") {
      options.clock = parse_clock(args.clock);
    } else {
      double mhz = 0;
      const char* end = args.clock.data() + args.clock.size();
      const auto [stop, ec] = std::from_chars(args.clock.data(), end, mhz);
      if (ec != std::errc() || stop != end || !std::isfinite(mhz) || mhz <= 0) {
        throw InputError("unknown --clock '" + args.clock +
                         "' (expected base, boost or a clock in MHz, such as 970)");
      }
      options.clock_mhz = mhz;
    }
  }
  options.ceilings = parse_ceilings(args.ceilings);
  options.dtype = dtype;
  if (args.math == "tf32") {
    options.tf32 = true;
  } else if (args.math != "fp32") {
    throw InputError("unknown --math '" + args.math + "' (expected fp32 or tf32)");
  }
  return options;
}

ConvAlgo chosen_conv_algo(const DeviceArgs& args) {
  return parse_conv_algo(args.conv_algo);
}

PlacementOptions placement_options(const DeviceArgs& args, DType dtype) {
  PlacementOptions options;
  options.roof = roof_options(args, dtype);
  options.conv_algo = chosen_conv_algo(args);
  options.model = parse_time_model(args.model);
  if (options.model == TimeModel::achievable && options.conv_algo != ConvAlgo::direct) {
    throw InputError(
        "--conv-algo chooses the roofline model's algorithm; the achievable model "
        "picks cuDNN's (see --library), so add --model roofline");
  }
  if (options.model == TimeModel::achievable && options.roof.ceilings == Ceilings::sustained) {
    throw InputError(
        "--ceilings sustained applies to the roofline model; the achievable "
        "model's efficiencies are fractions of the theoretical ceilings, so add "
        "--model roofline");
  }
  if (!args.library.empty()) options.library = parse_library(args.library);
  find_framework(args.framework);  // an unknown name is an error under either model
  options.framework = args.framework;
  // The roofline model has no recipe and no library rule: a flag it would drop is refused.
  if (options.model == TimeModel::roofline && (args.framework != "pytorch" || options.library)) {
    throw InputError(std::string(options.library ? "--library" : "--framework") +
                     " sets what the achievable model follows; the roofline model has no "
                     "framework recipe or library rule, so drop --model roofline");
  }
  if (!args.host_us.empty()) {
    double us = 0;
    const char* end = args.host_us.data() + args.host_us.size();
    const auto [stop, ec] = std::from_chars(args.host_us.data(), end, us);
    if (ec != std::errc() || stop != end || !std::isfinite(us) || us < 0 || us > 1e6) {
      throw InputError("--host-us takes microseconds from 0 to 1000000, got '" + args.host_us +
                       "'");
    }
    if (options.model != TimeModel::achievable) {
      throw InputError(
          "--host-us sets the achievable model's host timeline; the roofline "
          "model has none, so drop --model roofline");
    }
    options.dispatch_s = us * 1e-6;
  }
  if (args.input_grad == "on") {
    options.input_gradient = true;
  } else if (args.input_grad == "off") {
    options.input_gradient = false;
  } else if (!args.input_grad.empty()) {
    throw InputError("unknown --input-grad '" + args.input_grad + "' (expected on or off)");
  }
  return options;
}

}  // namespace roof::cli
