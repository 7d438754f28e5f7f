#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "networks/dtype.hpp"
#include "networks/network.hpp"

namespace roof::cli {

// The flags that choose a network, shared by layers, place, train and explain.
struct NetworkArgs {
  std::string network;
  std::string file;        // benchdnn descriptors instead of a catalogue network (layers only)
  std::int64_t batch = 0;  // 0: not given
  std::string dataset = "imagenet";
  std::string dtype = "fp32";
  bool aux = false;
  std::int64_t default_batch = 1;
};

// Adds --network, --batch, --dataset, --dtype, --aux-classifiers, and --file when asked.
void add_network_options(CLI::App& cmd, NetworkArgs& args, bool with_file);

// Builds (or reads) the network the flags name. Throws InputError for bad values.
Network load_network(const NetworkArgs& args, const CLI::App& cmd);
DType chosen_dtype(const NetworkArgs& args);

}  // namespace roof::cli
