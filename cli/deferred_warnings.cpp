#include "cli/deferred_warnings.hpp"

#include <iostream>
#include <vector>

namespace roof::cli {
namespace {

std::vector<std::string>& pending() {
  static std::vector<std::string> lines;
  return lines;
}

}  // namespace

void warn_later(const std::string& line) {
  pending().push_back(line);
}

void print_deferred_warnings() {
  for (const std::string& line : pending()) std::cerr << "roofline: warning: " << line << '\n';
  pending().clear();
}

}  // namespace roof::cli
