#pragma once

#include <ostream>
#include <vector>

#include "networks/cost.hpp"
#include "networks/network.hpp"

namespace roof {

// `roofline layers --format table`: one row per layer with its analytic work and traffic per
// pass, a heading that says the numbers are modelled, and the network's totals.
void write_layer_table(std::ostream& out, const Network& network, DType dtype);

// `roofline networks --totals`: one Markdown table row per network with its totals (forward
// GMAC per image, GFLOP of all passes at the batch, parameters, layer counts), labelled modelled.
void write_totals_table(std::ostream& out, const std::vector<Network>& networks, DType dtype);

// `roofline layers --format csv`: the same rows as raw integers, one header line.
void write_layer_csv(std::ostream& out, const Network& network, DType dtype);

}  // namespace roof
