#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/runner.hpp"

namespace roof::kernels {

// A point passes when |got - ref| <= kRelativeTolerance * magnitude + kAbsoluteTolerance
// (reference.hpp: magnitude = sum of |terms|); verify.cpp says why these constants.
inline constexpr double kRelativeTolerance = 2e-5;
inline constexpr double kAbsoluteTolerance = 1e-6;

struct Verification {
  bool passed = false;
  std::int64_t checked = 0;   // points compared with the reference
  std::int64_t failures = 0;  // of those, the ones outside the tolerance
  // max over the checked points of |got - ref| / (magnitude + kAbsoluteTolerance /
  // kRelativeTolerance): the error in units of the term magnitude, with the same floor as the
  // tolerance, so a point passes exactly when its value is <= kRelativeTolerance.
  double max_relative_error = 0.0;
  // One line naming the first failing point: its index, coordinates, the value got and the one
  // expected; empty when every point passed.
  std::string first_failure;
};

// Compares a runner's result (plain layout) with the float64 reference: every point when the
// result has at most max_points elements, else an evenly spread sample of max_points that holds
// the first and last elements and the corners of the tensor, where the padding is.
Verification verify(const Layer& layer, Pass pass, const PassTensors& tensors,
                    const std::vector<float>& result, std::int64_t max_points = 2048);

}  // namespace roof::kernels
