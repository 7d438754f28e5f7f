#pragma once

#include <string_view>

namespace roof {

// The text of roofline/achievable.json, compiled in like devices.json.
std::string_view builtin_achievable_json();

}  // namespace roof
