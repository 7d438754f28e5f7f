#pragma once

#include <ostream>
#include <vector>

#include "roofline/device.hpp"
#include "roofline/explanation.hpp"
#include "roofline/measured_layers.hpp"
#include "roofline/placement.hpp"
#include "roofline/training.hpp"

namespace roof {

// The `--format table` output of `roofline devices`, `place`, `train` and `explain`: headings
// that say what is modelled and from which device entry, clock and ceiling.
void write_devices_table(std::ostream& out, const std::vector<Device>& devices);
void write_placement_table(std::ostream& out, const Placement& placement);
void write_training_table(std::ostream& out, const TrainingPrediction& prediction);
// The answer first (speedup, its terms, what bounds it, and any seed measurement of the pair in
// `measurements`), then the two roofs and the tables, A before B in every one.
void write_explanation(std::ostream& out, const Explanation& explanation,
                       const std::vector<std::string>& measurements = {});
// `roofline train --measured FILE`: measured conv/fc passes per implementation beside the
// model's bound for the same device, layer by layer, and the composed iterations.
void write_measured_training(std::ostream& out, const MeasuredIteration& measured);

}  // namespace roof
