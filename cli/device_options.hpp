#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "networks/dtype.hpp"
#include "roofline/conv_algorithm.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/placement.hpp"
#include "roofline/roof.hpp"

namespace roof::cli {

// The flags that choose how devices are read, shared by devices, place, train and explain.
struct DeviceArgs {
  std::vector<std::string> device_files;
  std::vector<std::string> roofs_files;  // bench_roofs JSON, each a measured device
  std::string clock;                     // empty: each device's default
  std::string ceilings = "theoretical";
  std::string conv_algo = "direct";
  std::string model = "achievable";
  std::string library;  // empty: the framework's, else each device's era
  std::string framework = "pytorch";
  std::string input_grad;     // on, off; empty: the framework's (the roofline model: off)
  std::string math = "fp32";  // fp32 or tf32: the arithmetic of fp32 data
  std::string host_us;        // host time per kernel in us; empty: the framework's
};

void add_device_options(CLI::App& cmd, DeviceArgs& args, bool with_model_choices);
// The built-in catalogue, plus --device-file's devices, plus one measured device per --roofs.
DeviceCatalogue load_catalogue(const DeviceArgs& args);
RoofOptions roof_options(const DeviceArgs& args, DType dtype);
ConvAlgo chosen_conv_algo(const DeviceArgs& args);
// --model, --library, --framework and --conv-algo together; throws InputError when
// --conv-algo (the roofline model's choice) is given with the achievable model.
PlacementOptions placement_options(const DeviceArgs& args, DType dtype);

}  // namespace roof::cli
