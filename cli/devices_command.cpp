// `roofline devices`: the device catalogue, with every number's source in the JSON form.

#include "cli/commands.hpp"
#include "cli/device_options.hpp"
#include "cli/output.hpp"
#include "reports/roofline_tables.hpp"
#include "roofline/roofline_json.hpp"

namespace roof::cli {

void add_devices_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("devices", "List the device catalogue (specs and sources)");
  auto args = std::make_shared<DeviceArgs>();
  auto format = std::make_shared<std::string>("table");
  add_device_options(*cmd, *args, false);
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([args, format] {
    const DeviceCatalogue catalogue = load_catalogue(*args);
    print_json_or_table(
        *format, [&] { return devices_json(catalogue.devices()); },
        [&](std::ostream& out) { write_devices_table(out, catalogue.devices()); });
  });
}

}  // namespace roof::cli
