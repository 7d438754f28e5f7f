#pragma once

#include <string_view>

namespace roof {

// The text of roofline/interconnects.json, compiled in like the device catalogue.
std::string_view builtin_interconnects_json();

}  // namespace roof
