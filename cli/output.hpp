#pragma once

#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/csv_table.hpp"

namespace roof::cli {

// Renders the whole answer before printing any of it, so an error part-way leaves nothing on
// stdout but what was complete. `json` returns the document; `table` writes to a stream. Bytes
// that are not UTF-8 (a device file's name) are replaced, never a JSON library error: the
// readers refuse them where they can, and output stays valid JSON where they cannot.
// `csv_rows` names the document's main table (a JSON pointer such as "/rows"); "csv" writes
// those rows as RFC 4180 CSV with the JSON's field names (reports/csv_table.hpp).
template <typename MakeJson, typename WriteTable>
void print_json_or_table(const std::string& format, MakeJson json, WriteTable table,
                         const std::string& csv_rows = "") {
  std::ostringstream out;
  if (format == "json") {
    out << json().dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (format == "csv" && !csv_rows.empty()) {
    report::write_json_rows_csv(out, json().at(nlohmann::ordered_json::json_pointer(csv_rows)));
  } else {
    table(out);
  }
  std::cout << out.str();
}

}  // namespace roof::cli
