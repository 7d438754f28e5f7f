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

// Throws InputError naming the file and the reason when a directory cannot be made or a file
// cannot be written, moved or (an earlier call's) removed; the staging directory is removed
// either way, and so is `dir` when this call created it and nothing was moved into it. Returns
// the earlier call's files it removed. Manifest lines that are not plain relative paths inside
// `dir` are ignored, never followed.
std::vector<std::string> write_files_staged(const std::string& dir,
                                            const std::map<std::string, std::string>& files);

}  // namespace roof::cli
