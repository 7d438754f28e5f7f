#pragma once

#include <nlohmann/json.hpp>

#include "networks/cost.hpp"
#include "networks/network.hpp"

namespace roof {

// The JSON form of `roofline layers --format json`, an interface other tools read: field names
// are fixed by docs/cli.md and kept in
// the order written there. Counts are analytic (modelled from the shapes), never measured.
nlohmann::ordered_json layers_json(const Network& network, DType dtype);

}  // namespace roof
