#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "roofline/interconnect.hpp"
#include "roofline/parallel_explanation.hpp"
#include "roofline/parallel_training.hpp"

namespace roof {

// `roofline train --gpus ... --format json` (docs/cli.md lists every field): the setup, the
// links with their sources, one GPU's compute, every collective, speedup and efficiency.
nlohmann::ordered_json parallel_json(const ParallelPrediction& prediction);
// `--sweep`: the rows of the table, each a parallel_json() without the collectives.
nlohmann::ordered_json parallel_sweep_json(const std::vector<ParallelPrediction>& rows);
// `roofline explain --gpus N --format json`.
nlohmann::ordered_json parallel_explanation_json(const ParallelExplanation& explanation);
// `roofline interconnects --format json`.
nlohmann::ordered_json interconnects_json(const std::vector<Interconnect>& links);

}  // namespace roof
