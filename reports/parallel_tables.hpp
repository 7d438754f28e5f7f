#pragma once

#include <ostream>
#include <vector>

#include "roofline/interconnect.hpp"
#include "roofline/parallel_explanation.hpp"
#include "roofline/parallel_training.hpp"

namespace roof {

// `roofline train --gpus ...`: the setup with its sources, one GPU's iteration split into
// compute, communication and exposed communication, speedup and efficiency, the largest
// collectives.
void write_parallel_table(std::ostream& out, const ParallelPrediction& prediction);
// `--sweep`: one row per GPU count and node count.
void write_parallel_sweep(std::ostream& out, const std::vector<ParallelPrediction>& rows);
// `roofline explain --gpus N`: every strategy against one GPU, the measured epochs beside the
// predicted ones, and the paragraph.
void write_parallel_explanation(std::ostream& out, const ParallelExplanation& explanation);
// `roofline interconnects`.
void write_interconnects_table(std::ostream& out, const std::vector<Interconnect>& links);

}  // namespace roof
