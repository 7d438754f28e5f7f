#include "cli/staged_files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/input_error.hpp"

namespace roof::cli {
namespace {

namespace fs = std::filesystem;

// Removes the staging directory (and a destination this run created and left empty) on every
// way out.
class Staging {
 public:
  Staging(fs::path dir, bool created_dir) : dir_(std::move(dir)), created_dir_(created_dir) {
    path_ = dir_ / (".roofline-staging-" + std::to_string(::getpid()));
  }
  ~Staging() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    if (created_dir_ && fs::is_empty(dir_, ignored)) fs::remove(dir_, ignored);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path dir_;
  fs::path path_;
  bool created_dir_;
};

// "" when written and closed, else why not.
std::string write_one(const fs::path& path, const std::string& content) {
  errno = 0;
  std::ofstream file(path, std::ios::binary);
  file << content;
  file.close();
  if (file) return "";
  return errno != 0 ? std::strerror(errno) : "the write failed";
}

// The earlier call's files: the manifest's lines that name a file directly inside the
// directory. A hand-edited or hostile manifest must not reach outside it, through "..", an
// absolute path or a symlinked folder, so a line with a separator is never followed (the report
// writes no subfolders).
std::vector<std::string> earlier_files(const fs::path& dir) {
  std::vector<std::string> names;
  std::ifstream in(dir / kManifestName);
  std::string line;
  while (std::getline(in, line)) {
    const bool plain = !line.empty() && line != "." && line != ".." && line != kManifestName &&
                       line.find_first_of("/\\") == std::string::npos;
    if (plain) names.push_back(line);
  }
  return names;
}

std::string manifest_of(const std::map<std::string, std::string>& files) {
  std::string text;
  for (const auto& entry : files) text += entry.first + "\n";
  return text;
}

}  // namespace

StagedResult write_files_staged(const std::string& dir,
                                const std::map<std::string, std::string>& written) {
  std::error_code error;
  const bool existed = fs::exists(dir, error);
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir)) {
    throw InputError("cannot create --out directory '" + dir +
                     "': " + (error ? error.message() : "a file of that name is in the way"));
  }
  const std::vector<std::string> earlier = earlier_files(dir);
  std::map<std::string, std::string> files = written;
  files[kManifestName] = manifest_of(written);
  const Staging staging(dir, !existed);
  fs::create_directory(staging.path(), error);
  if (error) {
    throw InputError("cannot write into --out directory '" + dir + "': " + error.message());
  }
  for (const auto& [name, content] : files) {
    const fs::path path = staging.path() / name;
    fs::create_directories(path.parent_path(), error);
    const std::string why = error ? error.message() : write_one(path, content);
    if (!why.empty()) {
      throw InputError("cannot write the report's '" + name + "' into '" + dir + "': " + why);
    }
  }
  // The manifest goes last: until every file it lists is in place, the earlier one stands.
  std::vector<std::string> order;
  for (const auto& entry : written) order.push_back(entry.first);
  order.push_back(kManifestName);
  for (const std::string& name : order) {
    const fs::path target = fs::path(dir) / name;
    fs::create_directories(target.parent_path(), error);
    if (!error) fs::rename(staging.path() / name, target, error);
    if (error) {
      throw InputError("cannot move the report's '" + name + "' into '" + dir +
                       "': " + error.message());
    }
  }
  StagedResult result;
  for (const std::string& name : earlier) {
    const fs::path stale = fs::path(dir) / name;
    if (written.count(name) != 0 || !fs::is_regular_file(fs::symlink_status(stale, error))) {
      continue;
    }
    if (fs::remove(stale, error) && !error) {
      result.removed.push_back(name);
    } else {
      result.not_removed.push_back("cannot remove the earlier report's '" + name + "' from '" +
                                   dir + "': " + (error ? error.message() : "it went away"));
    }
  }
  return result;
}

}  // namespace roof::cli
