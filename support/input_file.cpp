#include "support/input_file.hpp"

#include <filesystem>
#include <fstream>

#include "support/input_error.hpp"

namespace roof {

std::string read_input_file(const std::string& path, std::string_view what) {
  const std::string named = std::string(what) + " '" + path + "'";
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError("cannot read " + named + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + named);
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (static_cast<std::int64_t>(text.size()) > kMaxInputFileBytes) {
      throw InputError(named + " is larger than " + std::to_string(kMaxInputFileBytes >> 20) +
                       " MiB, more than any file the suite reads");
    }
  }
  if (in.bad()) throw InputError("cannot read " + named + ": a read failed");
  return text;
}

}  // namespace roof
