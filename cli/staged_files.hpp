#pragma once

// Writing a set of files (a report) so that a failure leaves nothing half-written: every file
// goes first into a hidden staging directory inside the destination (same file system, so the
// moves are renames), and only when all of them were written and flushed are they moved into
// place, replacing older files of the same names and leaving other files alone.

#include <map>
#include <string>

namespace roof::cli {

// Throws InputError naming the file and the reason when a directory cannot be made or a file
// cannot be written or moved; the staging directory is removed either way, and so is `dir`
// when this call created it and nothing was moved into it.
void write_files_staged(const std::string& dir, const std::map<std::string, std::string>& files);

}  // namespace roof::cli
