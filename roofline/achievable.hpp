#pragma once

#include <string>

#include "networks/cost.hpp"
#include "networks/layer.hpp"
#include "roofline/achievable_model.hpp"
#include "roofline/device.hpp"
#include "roofline/framework.hpp"
#include "roofline/roof.hpp"

namespace roof {

// What the achievable model needs of one device: its family's fitted efficiencies, the library
// generation choosing algorithms, and the ceilings the efficiencies are fractions of (the
// theoretical ones at the device's clock; the sustained ones for a family that borrows another
// family's efficiencies, so Kepler's lower achieved peak is still seen).
struct AchievableContext {
  const AchievableModel* model = nullptr;
  const FamilyEfficiency* family = nullptr;
  bool borrowed = false;     // the family is not the device's own architecture
  std::string architecture;  // the device's
  LibraryGeneration library = LibraryGeneration::cudnn8_plus;
  bool tensor_math = false;  // the roof is the tensor_fp16 peak: the tensor-core rule
  Roof roof;                 // the ceilings the plateau fractions apply to
  int sm_count = 0;
  double streaming_fraction = 0;  // ReLU's forward fraction: the memory term of conv and fc
  bool per_group_calls = false;   // a grouped conv is one ungrouped call per group (recipe)
  std::optional<BatchNormKernels> batch_norm;  // the recipe's own batch norm kernels, if any

  // One line for headings: model, family, library, ceilings.
  std::string describe() const;
};

// Throws InputError for a device whose architecture has no calibration and no fallback.
AchievableContext achievable_context(const Device& device, const AchievableModel& model,
                                     LibraryGeneration library, const RoofOptions& roof);

// One layer-pass under the achievable model, with every term of its time.
struct AchievedPass {
  std::string algorithm;  // cuDNN's name for conv/fc ("" for ops without MACs)
  int calls = 1;  // kernels or library calls: the groups or batch norm's kernels, per the recipe
  double executed_flops = 0;      // what the algorithm executes (GEMM view or Winograd)
  double plateau = 0;             // fitted fraction of the peak (0 for ops without MACs)
  double tile_efficiency = 1;     // padding x last-wave occupancy of the thread-block tiles
  double bandwidth_fraction = 0;  // fitted fraction of DRAM bandwidth of the memory term
  double fixed_s = 0;             // per-call cost (conv/fc) or per-kernel floor (other ops)
  double compute_s = 0;
  double memory_s = 0;
  double seconds = 0;    // fixed_s + max(compute_s, memory_s)
  std::string loss;      // the largest term: "fixed cost", "tiles", "plateau", "bandwidth"
  std::string borrowed;  // what stood in for a missing plateau, or ""
};

// Throws InputError for a grouped layer whose channels the groups do not divide.
AchievedPass achieve(const Layer& layer, Pass pass, const PassCost& cost,
                     const AchievableContext& context);

}  // namespace roof
