#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "roofline/library_algorithm.hpp"

namespace roof {

// How a framework runs and times a training iteration (docs/metrics.md, "Framework recipes"):
// the host time it spends per kernel it launches, which library picks the algorithms, and
// whether the optimizer step is inside the time it reports. The host costs are not fitted:
// they are the orders of magnitude the frameworks' own profiles show (docs/metrics.md says
// which), and the host timeline only matters where the GPU's kernels are shorter than them.
struct FrameworkRecipe {
  std::string_view name;                     // --framework value
  std::string_view description;              // one line for headings
  std::string_view follows;                  // the code the recipe follows
  double dispatch_s = 0;                     // host time per kernel launched (framework + launch)
  std::optional<LibraryGeneration> library;  // empty: the device's era library
  bool times_update = true;                  // the reported iteration includes the optimizer step
  int update_kernels_per_tensor = 1;
};

const std::vector<FrameworkRecipe>& framework_recipes();
// pytorch, torch7, caffe, tensorflow; throws InputError listing them.
const FrameworkRecipe& find_framework(std::string_view name);

}  // namespace roof
