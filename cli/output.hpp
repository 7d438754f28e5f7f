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
// those rows as RFC 4180 CSV with the JSON's field names (reports/csv_table.hpp), each led by
// the document's label: source, device, network, batch and the roof's clock and ceilings.
template <typename MakeJson, typename WriteTable>
void print_json_or_table(const std::string& format, MakeJson json, WriteTable table,
                         const std::string& csv_rows = "") {
  std::ostringstream out;
  if (format == "json") {
    out << json().dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (format == "csv" && !csv_rows.empty()) {
    const nlohmann::ordered_json doc = json();
    nlohmann::ordered_json rows = doc.at(nlohmann::ordered_json::json_pointer(csv_rows));
    // Each row says what it is as the document does (modelled from which device entry and
    // clock, or measured): a CSV row read alone keeps its label.
    nlohmann::ordered_json label = nlohmann::ordered_json::object();
    for (const char* key : {"source", "device", "network", "batch"}) {
      if (doc.contains(key) && doc[key].is_primitive()) label[key] = doc[key];
    }
    if (doc.contains("roof") && doc["roof"].is_object()) {
      for (const char* key : {"clock", "clock_mhz", "ceilings"}) {
        if (doc["roof"].contains(key)) label[std::string("roof_") + key] = doc["roof"][key];
      }
    }
    for (auto& row : rows) {
      if (!row.is_object()) continue;
      nlohmann::ordered_json labelled = nlohmann::ordered_json::object();
      for (const auto& [key, value] : label.items()) {
        if (!row.contains(key)) labelled[key] = value;
      }
      labelled.update(row);
      row = std::move(labelled);
    }
    report::write_json_rows_csv(out, rows);
  } else {
    table(out);
  }
  std::cout << out.str();
}

}  // namespace roof::cli
