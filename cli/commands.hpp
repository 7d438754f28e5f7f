#pragma once

#include <CLI/CLI.hpp>

// Each subcommand of `roofline` lives in its own file and adds itself to the app here. Its
// callback runs after parsing and throws roof::InputError for bad input.
namespace roof::cli {

void add_networks_command(CLI::App& app);
void add_layers_command(CLI::App& app);
void add_devices_command(CLI::App& app);
void add_interconnects_command(CLI::App& app);
void add_place_command(CLI::App& app);
void add_train_command(CLI::App& app);
void add_explain_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace roof::cli
