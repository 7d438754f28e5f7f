#include "reports/csv_table.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace roof::report {
namespace {

using json = nlohmann::ordered_json;

// The row's fields with dotted names for nested objects, in their order.
void flatten(const json& value, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      flatten(item, prefix.empty() ? key : prefix + "." + key, out);
    }
    return;
  }
  std::string text;
  if (value.is_string()) {
    text = value.get<std::string>();
  } else if (!value.is_null()) {
    text = value.dump(-1, ' ', false, json::error_handler_t::replace);  // numbers in full
  }
  out.emplace_back(prefix, text);
}

}  // namespace

void write_json_rows_csv(std::ostream& out, const json& rows) {
  std::vector<std::string> columns;
  std::vector<std::map<std::string, std::string>> cells;
  for (const json& row : rows) {
    std::vector<std::pair<std::string, std::string>> fields;
    flatten(row, "", fields);
    auto& cell = cells.emplace_back();
    for (auto& [name, text] : fields) {
      if (!cell.count(name) && std::find(columns.begin(), columns.end(), name) == columns.end()) {
        columns.push_back(name);
      }
      cell[name] = std::move(text);
    }
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out << (i ? "," : "") << csv_field(columns[i]);
  }
  out << '\n';
  for (const auto& cell : cells) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto it = cell.find(columns[i]);
      out << (i ? "," : "") << (it == cell.end() ? "" : csv_field(it->second));
    }
    out << '\n';
  }
}

}  // namespace roof::report
