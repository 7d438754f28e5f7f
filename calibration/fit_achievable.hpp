#pragma once

#include <set>
#include <string>
#include <vector>

#include "calibration/published_kernels.hpp"
#include "roofline/achievable_model.hpp"
#include "roofline/device_catalogue.hpp"

namespace roof {

// Fits the achievable model (docs/metrics.md, "Achievable time") on published times only:
// 1. memory-bound ops: one per-kernel floor and a fraction of DRAM bandwidth per op and pass,
//    from Caffe's per-layer times on a Maxwell Titan X;
// 2. per chip family, a fixed cost per call (searched on a 0.5 us grid) and, for each
//    algorithm class and pass, the median over its kernels of the plateau that makes each
//    kernel's prediction exact; the call cost kept is the one with the least mean |log error|.
// Devices in `excluded` are left out (the transfer test fits without one and predicts it).
struct FitInputs {
  std::vector<PublishedKernel> kernels;
  std::vector<PublishedLayerTime> memory_ops;
  std::string source;  // one line naming the files
};
AchievableModel fit_achievable(const FitInputs& inputs, const DeviceCatalogue& catalogue,
                               const std::set<std::string>& excluded = {});

// One published kernel-pass against the model's prediction for it.
struct KernelResidual {
  std::string device;
  std::string layer;
  Pass pass = Pass::fwd;
  std::string algorithm;            // the model's choice
  std::string published_algorithm;  // cudnnFind*'s for fwd, "" otherwise
  double predicted_s = 0;
  double measured_s = 0;
  double error() const { return predicted_s / measured_s - 1; }
};
std::vector<KernelResidual> kernel_residuals(const AchievableModel& model,
                                             const std::vector<PublishedKernel>& kernels,
                                             const DeviceCatalogue& catalogue);

struct LayerResidual {
  std::string network;
  std::string layer;
  Pass pass = Pass::fwd;
  double predicted_s = 0;
  double measured_s = 0;
  double error() const { return predicted_s / measured_s - 1; }
};
std::vector<LayerResidual> memory_op_residuals(const AchievableModel& model,
                                               const std::vector<PublishedLayerTime>& layers,
                                               const Device& device);

// The median of |error| over the residuals of one device ("" for all).
double median_abs_error(const std::vector<KernelResidual>& residuals, const std::string& device);

}  // namespace roof
