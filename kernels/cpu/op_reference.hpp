#pragma once

// The float64 reference of the memory-bound ops (op_tensors.hpp): every element of a pass's
// result, with the magnitude of its terms, as reference.hpp gives them for conv and fc. These
// ops cost a few operations per element, so the whole result is computed and every element is
// compared.

#include <vector>

#include "kernels/cpu/reference.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// y (fwd) or dx (bwd_data) in the plain layout. Throws std::invalid_argument for conv, fc, or
// a pass the op does not have (bwd_weights).
std::vector<ReferencePoint> op_reference(const Layer& layer, Pass pass, const PassTensors& tensors);

}  // namespace roof::kernels
