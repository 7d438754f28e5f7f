#pragma once

// CSV as RFC 4180 writes it, for the tables tools read (`--format csv` of layers, place, train,
// explain): one header line, fields quoted when they hold a comma, a quote or a line break.

#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "support/text_format.hpp"  // csv_field

namespace roof::report {

// The rows of a JSON array of objects as CSV, one column per field in the order first met,
// nested objects flattened with dotted names (`ceilings.fp32`), numbers at full precision,
// arrays and strings as their text, a missing field empty. The JSON output and the CSV then
// carry the same values under the same names.
void write_json_rows_csv(std::ostream& out, const nlohmann::ordered_json& rows);

}  // namespace roof::report
