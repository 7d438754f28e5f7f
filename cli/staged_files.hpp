#pragma once

// Writing a set of files (a report) so that a failure leaves nothing half-written: every file
// goes first into a hidden staging directory inside the destination (same file system, so the
// moves are renames), and only when all of them were written and flushed are they moved into
// place, replacing older files of the same names. A manifest (kManifestName) lists what was
// written; the files an earlier call listed and this one does not write (a chart of a device
// no longer asked for) are removed, and every other file is left alone.

#include <map>
#include <string>
#include <vector>

namespace roof::cli {

inline constexpr const char* kManifestName = ".roofline-report-files";

// What became of an earlier call's files this one did not write.
struct StagedResult {
  std::vector<std::string> removed;      // their names
  std::vector<std::string> not_removed;  // one line each: which, and why (a warning: the new
                                         // files are all in place)
};

// Throws InputError naming the file and the reason when a directory cannot be made or a file
// cannot be written or moved; the staging directory is removed either way, and so is `dir`
// when this call created it and nothing was moved into it. The manifest is moved in last.
// Manifest lines that are not a file name directly inside `dir` (a separator, "..") are
// ignored, never followed; a listed name that is no longer a regular file is left alone.
StagedResult write_files_staged(const std::string& dir,
                                const std::map<std::string, std::string>& files);

}  // namespace roof::cli
