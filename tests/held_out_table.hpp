#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace roof::testing_helpers {

// The data rows of one of tests/data's held-out CSV files: '#' lines are its sources, the first
// other line its header; each row split at commas into `columns` fields. A missing file or a
// short row throws, so a test cannot pass on an empty table.
inline std::vector<std::vector<std::string>> held_out_rows(const std::string& path,
                                                           std::size_t columns) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    std::stringstream fields(line);
    std::vector<std::string> row(columns);
    for (auto& x : row) {
      if (!std::getline(fields, x, ',')) throw std::runtime_error("short row in " + path);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace roof::testing_helpers
