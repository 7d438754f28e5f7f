// `roofline interconnects`: the links multi-GPU predictions use, with every number's source in
// the JSON form.

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/parallel_options.hpp"
#include "reports/parallel_tables.hpp"
#include "roofline/parallel_json.hpp"

namespace roof::cli {

void add_interconnects_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("interconnects",
                                 "List the interconnect catalogue (GPU and node links, sources)");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--interconnect-file", *files,
                  "Add links from a JSON file (the catalogue's schema or bench_comm's JSON); "
                  "repeatable");
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([files, format] {
    ParallelArgs args;
    args.interconnect_files = *files;
    const InterconnectCatalogue catalogue = load_interconnects(args);
    print_json_or_table(
        *format, [&] { return interconnects_json(catalogue.links()); },
        [&](std::ostream& out) { write_interconnects_table(out, catalogue.links()); });
  });
}

}  // namespace roof::cli
