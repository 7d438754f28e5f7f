#include "kernels/cpu/verify.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "kernels/cpu/op_reference.hpp"
#include "kernels/cpu/plain_layout.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/op_tensors.hpp"

// Why |got - ref| <= 2e-5 x magnitude + 1e-6, with magnitude = sum of |terms|.
// An fp32 sum of L products makes a rounding error of up to FLT_EPSILON (1.19e-7) of the partial
// sum at each addition. The worst-case bound, L x FLT_EPSILON x magnitude (Higham, Accuracy and
// Stability of Numerical Algorithms, ch. 4), is too loose to catch anything. Real errors add
// like a random walk: about sqrt(L) x FLT_EPSILON x magnitude when the terms share a sign, and
// about FLT_EPSILON x magnitude, whatever L, for zero-mean inputs like random_pass_tensors'.
// 2e-5 = FLT_EPSILON x 168 covers the random walk up to L = 168^2 = 28,000 terms, beyond the
// longest fwd and bwd_data reduction of the catalogue (VGG's fc6, 25,088 inputs), in whatever
// order a library sums (blocked GEMMs, per-thread partial sums). bwd_weights sums N P Q terms,
// millions for VGG's first layers, but over zero-mean data; measured errors stay near 2e-7.
// A wrong tap, channel or index moves a point by about one term, magnitude / L, which is above
// the tolerance while L < 50,000. The absolute 1e-6 serves points with no terms (a window wholly
// on the padding, an input row no strided tap reads): the reference is exactly 0, and a library
// that sums transformed values (Winograd) may leave a residue of its neighbours' rounding.

namespace roof::kernels {
namespace {

// The indices to check: all of them, or an even spread plus the corners of the tensor (every
// coordinate at 0 or at its last value), sorted and without duplicates.
std::vector<std::int64_t> sample_indices(const PlainShape& shape, std::int64_t max_points) {
  const std::int64_t total = shape.elements();
  std::vector<std::int64_t> indices;
  if (total <= max_points) {
    indices.resize(static_cast<std::size_t>(total));
    for (std::int64_t i = 0; i < total; ++i) indices[static_cast<std::size_t>(i)] = i;
    return indices;
  }
  const std::int64_t spread = std::max<std::int64_t>(max_points, 2);
  for (std::int64_t i = 0; i < spread; ++i) {
    // First and last included; the division spreads the rest evenly.
    const double fraction = static_cast<double>(i) / static_cast<double>(spread - 1);
    indices.push_back(static_cast<std::int64_t>(fraction * static_cast<double>(total - 1)));
  }
  for (int corner = 0; corner < (1 << shape.rank); ++corner) {
    std::int64_t index = 0;
    for (int d = 0; d < shape.rank; ++d) {
      const bool last = (corner >> d) & 1;
      index = index * shape.extent[d] + (last ? shape.extent[d] - 1 : 0);
    }
    indices.push_back(index);
  }
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  return indices;
}

std::string describe_failure(const PlainShape& shape, std::int64_t index, float got,
                             const ReferencePoint& expected, double tolerance) {
  std::ostringstream line;
  line.precision(9);
  line << "index " << index << " (" << shape.describe(index) << "): got " << got << ", expected "
       << expected.value << " (|error| " << std::abs(static_cast<double>(got) - expected.value)
       << " > tolerance " << tolerance << ")";
  return line.str();
}

}  // namespace

Verification verify(const Layer& layer, Pass pass, const PassTensors& tensors,
                    const std::vector<float>& result, std::int64_t max_points) {
  Verification outcome;
  const PlainShape shape = result_shape(layer, pass);
  if (static_cast<std::int64_t>(result.size()) != shape.elements()) {
    outcome.first_failure = "result has " + std::to_string(result.size()) + " elements, expected " +
                            std::to_string(shape.elements());
    return outcome;
  }

  // The reference points are independent and, for bwd_weights of a large layer, each sums
  // millions of terms: compute them in parallel, then compare in index order. A memory op's
  // reference costs a few operations an element: all of it, every element compared.
  std::vector<std::int64_t> indices;
  std::vector<ReferencePoint> expected;
  if (is_memory_op(layer)) {
    expected = op_reference(layer, pass, tensors);
    indices.resize(expected.size());
    for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<std::int64_t>(i);
  } else {
    indices = sample_indices(shape, max_points);
    expected.resize(indices.size());
    const auto points = static_cast<std::int64_t>(indices.size());
#pragma omp parallel for schedule(dynamic)
    for (std::int64_t i = 0; i < points; ++i) {
      const auto at = static_cast<std::size_t>(i);
      expected[at] = reference_point(layer, pass, tensors, indices[at]);
    }
  }

  const double floor = kAbsoluteTolerance / kRelativeTolerance;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const std::int64_t index = indices[i];
    const float got = result[static_cast<std::size_t>(index)];
    const double error = std::abs(static_cast<double>(got) - expected[i].value);
    const double tolerance = kRelativeTolerance * expected[i].magnitude + kAbsoluteTolerance;
    ++outcome.checked;
    // NaN compares false, so a NaN result fails here.
    if (!(error <= tolerance)) {
      if (outcome.failures == 0) {
        outcome.first_failure = describe_failure(shape, index, got, expected[i], tolerance);
      }
      ++outcome.failures;
    }
    const double relative = error / (expected[i].magnitude + floor);
    if (std::isnan(relative) || relative > outcome.max_relative_error) {
      outcome.max_relative_error = relative;  // once NaN, it stays NaN
    }
  }
  outcome.passed = outcome.failures == 0 && outcome.checked > 0;
  return outcome;
}

}  // namespace roof::kernels
