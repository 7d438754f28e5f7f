// `roofline`: the suite's command-line program. Exit status: 0 on success, 2 for bad input
// (one line on stderr), 1 for anything the suite did not expect.
#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/decimal_integers.hpp"
#include "cli/deferred_warnings.hpp"
#include "support/input_error.hpp"
#include "support/printable.hpp"

int main(int argc, char** argv) {
  CLI::App app{"roofline: the work, the traffic and the roofline place of deep-learning layers"};
  app.set_version_flag("--version", std::string(ROOF_VERSION));
  app.require_subcommand(1);
  roof::cli::add_networks_command(app);
  roof::cli::add_layers_command(app);
  roof::cli::add_devices_command(app);
  roof::cli::add_interconnects_command(app);
  roof::cli::add_place_command(app);
  roof::cli::add_train_command(app);
  roof::cli::add_explain_command(app);
  roof::cli::add_report_command(app);
  roof::cli::require_decimal_integers(app);
  // CLI11 would call an unknown first word, or a flag before any command, a missing
  // subcommand; name it instead.
  using roof::printable;
  if (argc > 1 && argv[1][0] == '-') {
    const std::string flag = argv[1];
    if (flag != "-h" && flag != "--help" && flag != "--version") {
      std::cerr << "roofline: error: '" << printable(flag)
                << "' comes before a command; roofline takes a command first (see roofline "
                   "--help)\n";
      return 2;
    }
  }
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    std::string known;
    bool found = false;
    for (const CLI::App* sub : app.get_subcommands({})) {
      found = found || sub->get_name() == word;
      known += (known.empty() ? "" : ", ") + sub->get_name();
    }
    if (!found) {
      std::cerr << "roofline: error: unknown command '" << printable(word) << "' (expected "
                << known << ")\n";
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
    // A table written into a full disk or a closed pipe is lost: say so, do not exit 0.
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "roofline: error: writing standard output failed (a full disk or a closed "
                   "pipe?); the output is incomplete\n";
      return 2;
    }
    roof::cli::print_deferred_warnings();
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version: their text is the output, checked too
      app.exit(e);
      std::cout.flush();
      if (!std::cout) {
        std::cerr << "roofline: error: writing standard output failed (a full disk or a closed "
                     "pipe?); the output is incomplete\n";
        return 2;
      }
      return 0;
    }
    // CLI11 says "Could not convert: --gpus = 99999999999" for a value its option's type cannot
    // hold (an int given 2^63 - 1) or a word where a number goes.
    std::string what = e.what();
    if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr &&
        what.starts_with("Could not convert: ")) {
      what = what.substr(19) + " is not a number this option takes, or is beyond its range";
    }
    // CLI11's "--network: At Most 1 required but received 2" and "--gpus: 1 required INT
    // missing", in the suite's words.
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
      const std::size_t colon = what.find(": ");
      const std::string option = colon == std::string::npos ? what : what.substr(0, colon);
      if (what.find("At Most 1 required but received ") != std::string::npos) {
        what = option + " was given more than once; it takes one value";
      } else if (what.ends_with(" missing")) {
        what = option + " needs a value";
      }
    }
    std::cerr << "roofline: error: " << printable(what) << " (see roofline --help)\n";
    return 2;
  } catch (const roof::InputError& e) {
    std::cerr << "roofline: error: " << printable(e.what()) << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "roofline: internal error: " << printable(e.what()) << '\n';
    return 1;
  }
  return 0;
}
