#pragma once

#include <string_view>

namespace roof {

// The text of roofline/devices.json, compiled into the program at build time so that `roofline`
// needs no data files at run time (CMake regenerates it whenever the JSON changes).
std::string_view builtin_devices_json();

}  // namespace roof
