#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "roofline/device.hpp"
#include "roofline/explanation.hpp"
#include "roofline/measured_layers.hpp"
#include "roofline/placement.hpp"
#include "roofline/training.hpp"

namespace roof {

// The JSON of `roofline devices|place|train|explain --format json`, interfaces other tools
// read; docs/cli.md lists every field. Tables are arrays of objects whose keys are the column
// names, and every document says it is modelled and from which device entries and clocks.
// A prediction's two ceilings and the words that say where they came from.
nlohmann::ordered_json roof_json(const Roof& roof);
nlohmann::ordered_json devices_json(const std::vector<Device>& devices);
nlohmann::ordered_json placement_json(const Placement& placement);
nlohmann::ordered_json training_json(const TrainingPrediction& prediction);
nlohmann::ordered_json explanation_json(const Explanation& explanation);
// training_json() of the model plus "measured": per implementation, the composed iteration and
// the rows with the model's and each implementation's seconds.
nlohmann::ordered_json measured_training_json(const MeasuredIteration& measured);

}  // namespace roof
