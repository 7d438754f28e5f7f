#pragma once

#include <CLI/CLI.hpp>

namespace roof::cli {

// Every integer option of the program and its subcommands reads its value as a decimal number:
// CLI11 converts with strtoll's base 0, so `--batch 010` would be 8 and `--gpus 0x10` 16. A value
// of digits with leading zeros is read as the decimal it spells; anything else that is not a
// plain decimal integer (a hex or octal prefix, a sign on an unsigned option, a fraction) is
// refused with the option's name.
void require_decimal_integers(CLI::App& app);

}  // namespace roof::cli
