#include "cli/decimal_integers.hpp"

#include <cctype>
#include <string>

namespace roof::cli {
namespace {

// The transform: the value with its leading zeros removed, or an error message (CLI11's
// contract: a non-empty return is the error).
std::string to_decimal(std::string& value) {
  std::size_t digits = value.empty() || (value[0] != '+' && value[0] != '-') ? 0 : 1;
  const std::string sign = value.substr(0, digits);
  if (digits == value.size()) return "'" + value + "' is not a decimal integer";
  for (std::size_t i = digits; i < value.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(value[i]))) {
      return "'" + value + "' is not a decimal integer";
    }
  }
  while (digits + 1 < value.size() && value[digits] == '0') ++digits;
  value = sign + value.substr(digits);
  return "";
}

}  // namespace

void require_decimal_integers(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    const std::string type = option->get_type_name();
    if (type == "INT" || type == "UINT") {
      option->transform(CLI::Validator(to_decimal, "", "decimal"));
    }
  }
  for (CLI::App* sub : app.get_subcommands({})) require_decimal_integers(*sub);
}

}  // namespace roof::cli
