#pragma once

#include <ostream>
#include <vector>

#include "roofline/device.hpp"
#include "roofline/explanation.hpp"
#include "roofline/placement.hpp"
#include "roofline/training.hpp"

namespace roof {

// The `--format table` output of `roofline devices`, `place`, `train` and `explain`: headings
// that say what is modelled and from which device entry, clock and ceiling.
void write_devices_table(std::ostream& out, const std::vector<Device>& devices);
void write_placement_table(std::ostream& out, const Placement& placement);
void write_training_table(std::ostream& out, const TrainingPrediction& prediction);
void write_explanation(std::ostream& out, const Explanation& explanation);

}  // namespace roof
