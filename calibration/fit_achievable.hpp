#pragma once

#include <optional>
#include <ostream>
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
// 2. per chip family, a fixed cost per call (searched on a 0.5 us grid), the exponent the
//    tiles-and-waves efficiency enters with (searched on a 0.05 grid in (0, 1]) and, for each
//    algorithm class and pass, the plateau at which its kernels taken together are exact; the
//    call cost and exponent kept are the pair with the least mean |log error|;
// 3. per chip family, the fc class's plateau (cuBLAS GEMM), at which DeepBench's SGEMMs taken
//    together are exact under the call cost and exponent of step 2, one value for the three
//    passes (the SGEMMs come in the passes' transpositions).
// Devices in `excluded` are left out (the transfer test fits without one and predicts it).
struct FitInputs {
  std::vector<PublishedKernel> kernels;
  std::vector<PublishedKernel> gemms;  // cuBLAS SGEMMs as fc layers, forward times only
  std::vector<PublishedLayerTime> memory_ops;
  std::string source;  // one line naming the files
  // Holds every family's tile exponent at this value instead of searching it (1 is the model
  // before the exponent: every idle slot and padded row counted in full).
  std::optional<double> tile_exponent;
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
  std::int64_t batch = 0;
  double tile_efficiency = 0;  // the model's tiles-and-waves term for this kernel-pass
  double predicted_s = 0;
  double measured_s = 0;
  std::string math = "fp32";  // the peak the prediction used: "fp32", "tensor_fp16"
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

// Every kernel residual as CSV (a header, then a row each), for reading the fit's misses.
void write_kernel_residuals_csv(std::ostream& out, const std::vector<KernelResidual>& residuals);

// The median of |error| over the residuals of one device ("" for all) in one math.
double median_abs_error(const std::vector<KernelResidual>& residuals, const std::string& device,
                        const std::string& math = "fp32");

}  // namespace roof
