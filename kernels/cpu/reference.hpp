#pragma once

#include <cstdint>

#include "kernels/runner.hpp"

namespace roof::kernels {

// One element of a pass's result computed in float64 from the fp32 inputs, the yardstick every
// runner is checked against. value is the exact sum up to float64 rounding; magnitude is the sum
// of the absolute values of its terms (products, and the bias), the scale of the rounding error
// an fp32 implementation may make (verify.hpp).
struct ReferencePoint {
  double value = 0.0;
  double magnitude = 0.0;
};

// index is a flat index into the result in its plain layout (plain_layout.hpp): y (fwd),
// dx (bwd_data) or dw (bwd_weights). One point costs one output's worth of MACs, so large layers
// are verified on samples.
ReferencePoint reference_point(const Layer& layer, Pass pass, const PassTensors& tensors,
                               std::int64_t index);

}  // namespace roof::kernels
