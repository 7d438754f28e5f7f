#pragma once

#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace roof::cli {

// Renders the whole answer before printing any of it, so an error part-way leaves nothing on
// stdout but what was complete. `json` returns the document; `table` writes to a stream.
template <typename MakeJson, typename WriteTable>
void print_json_or_table(const std::string& format, MakeJson json, WriteTable table) {
  std::ostringstream out;
  if (format == "json") {
    out << json().dump(1) << '\n';
  } else {
    table(out);
  }
  std::cout << out.str();
}

}  // namespace roof::cli
