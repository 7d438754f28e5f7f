#pragma once

// Reading a file a user named (a device or interconnect file, a descriptor file, a benchmark
// program's JSON): the whole text, or one InputError line that says which file and why. The
// size is bounded, so that `--file /dev/zero` or a wrong multi-gigabyte file fails at once
// instead of filling the memory, and a directory is named as one, not as empty or not JSON.

#include <cstdint>
#include <string>
#include <string_view>

namespace roof {

// Larger than any results file the suite writes (a full bench_layers sweep of every network
// with repetitions is tens of MB) and small enough to hold.
inline constexpr std::int64_t kMaxInputFileBytes = std::int64_t{256} << 20;

// `what` names the file in messages: "cannot read device file 'x.json'".
std::string read_input_file(const std::string& path, std::string_view what);

}  // namespace roof
