#include "calibration/fit_achievable.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <sstream>

#include "roofline/achievable.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

// The device the Caffe per-layer times were taken on.
constexpr const char* kCaffeDevice = "TitanX-Maxwell";
constexpr double kGridStepUs = 0.5;
constexpr double kMaxCallUs = 20;
// The tile exponent is searched on a grid of 1/kExponentSteps in (0, 1].
constexpr int kExponentSteps = 20;
constexpr double kMaxFloorUs = 20;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string percent(double x) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed << 100 * x << "%";
  return out.str();
}

struct MemoryPoint {
  std::string op;
  Pass pass;
  double bytes;
  double measured_s;
};

MemoryOpEfficiency fit_memory(const std::vector<PublishedLayerTime>& layers, const Device& device) {
  std::vector<MemoryPoint> points;
  for (const PublishedLayerTime& l : layers) {
    const LayerCost cost = cost_of(l.layer, DType::fp32);
    points.push_back({std::string(to_string(l.layer.op)), Pass::fwd,
                      static_cast<double>(cost.fwd().bytes), l.fwd_s});
    if (const auto& bwd = cost.pass(Pass::bwd_data)) {
      points.push_back({std::string(to_string(l.layer.op)), Pass::bwd_data,
                        static_cast<double>(bwd->bytes), l.bwd_s});
    }
  }
  if (points.empty()) throw InputError("no memory-bound layer times to fit");
  const double bw = device.dram_gbs * 1e9;
  MemoryOpEfficiency best;
  double best_error = INFINITY;
  for (double floor_us = 0; floor_us <= kMaxFloorUs; floor_us += kGridStepUs) {
    const double floor_s = floor_us * 1e-6;
    std::map<std::pair<std::string, Pass>, std::vector<double>> ratios;
    for (const MemoryPoint& p : points) {
      if (p.measured_s > floor_s)
        ratios[{p.op, p.pass}].push_back(p.bytes / bw / (p.measured_s - floor_s));
    }
    MemoryOpEfficiency fit;
    fit.floor_s = floor_s;
    for (const auto& [key, r] : ratios) {
      fit.bandwidth_fraction[key.first][static_cast<std::size_t>(key.second)] =
          std::min(1.0, median(r));
    }
    double error = 0;
    for (const MemoryPoint& p : points) {
      const auto& f = fit.bandwidth_fraction[p.op][static_cast<std::size_t>(p.pass)];
      const double predicted = floor_s + (f ? p.bytes / bw / *f : 0);
      error += std::abs(std::log(predicted / p.measured_s));
    }
    if (error < best_error) {
      best_error = error;
      best = fit;
    }
  }
  best.fitted_on = std::string(kCaffeDevice) + " (Caffe's native kernels, " +
                   std::to_string(points.size()) +
                   " layer-passes of alexnet_owt, vgg11, googlenet)";
  best.fallback_op = "relu";
  return best;
}

RoofOptions roof_for(DType dtype) {
  RoofOptions options;
  options.dtype = dtype;
  return options;
}

struct KernelPoint {
  const Layer* layer;
  Pass pass;
  const Device* device;
  LibraryGeneration library;
  AlgoClass algo;
  double measured_s;
};

// The fc class's plateau for one family: DeepBench's SGEMMs of its devices taken together, their
// ideal time (tiles and waves at the family's exponent) over their measured time less the
// family's call cost. The same value for the three passes; empty without SGEMMs.
std::array<std::optional<double>, 3> fit_blas_plateau(const std::vector<PublishedKernel>& gemms,
                                                      const std::string& architecture,
                                                      const FamilyEfficiency& family,
                                                      const AchievableModel& model,
                                                      const DeviceCatalogue& catalogue,
                                                      const std::set<std::string>& excluded) {
  FamilyEfficiency unit = family;
  unit.call_s = 0;
  for (auto& passes : unit.plateau) passes = {1.0, 1.0, 1.0};
  AchievableModel probe = model;
  probe.families = {unit};
  double ideal = 0, measured = 0;
  for (const PublishedKernel& k : gemms) {
    for (const KernelTiming& t : k.timings) {
      const auto& s = t.seconds[static_cast<std::size_t>(Pass::fwd)];
      if (excluded.contains(t.device) || t.dtype != DType::fp32 || !s || *s <= family.call_s) {
        continue;
      }
      const Device& device = catalogue.find(t.device);
      if (device.architecture != architecture) continue;
      const AchievableContext context = achievable_context(device, probe, t.library, RoofOptions{});
      const AchievedPass a =
          achieve(k.layer, Pass::fwd, cost_of(k.layer, DType::fp32).fwd(), context);
      ideal += a.compute_s;
      measured += *s - family.call_s;
    }
  }
  if (measured <= 0) return {};
  const double plateau = ideal / measured;
  return {plateau, plateau, plateau};
}

}  // namespace

AchievableModel fit_achievable(const FitInputs& inputs, const DeviceCatalogue& catalogue,
                               const std::set<std::string>& excluded) {
  if (inputs.tile_exponent && !(*inputs.tile_exponent > 0 && *inputs.tile_exponent <= 1)) {
    throw InputError("the tile exponent must be in (0, 1]");
  }
  // A held-out column in a fit's input would judge the model on what it was fitted to.
  for (const auto* set : {&inputs.kernels, &inputs.gemms}) {
    for (const PublishedKernel& k : *set) {
      for (const KernelTiming& t : k.timings) {
        if (t.held_out) {
          throw InputError("the fit's input holds " + t.device + "'s held-out times (" +
                           k.layer.name + "): held-out files go to --held-out, never to a fit");
        }
      }
    }
  }
  AchievableModel model;
  model.source = inputs.source;
  model.tile = GemmTile{};
  model.memory_ops = fit_memory(inputs.memory_ops, catalogue.find(kCaffeDevice));
  model.fallback_family = {
      {"Kepler", "Maxwell"}, {"Turing", "Volta"}, {"Ampere", "Volta"}, {"Hopper", "Volta"}};

  std::map<std::string, std::vector<KernelPoint>> by_family;
  std::map<std::string, std::set<std::string>> devices_of, libraries_of;
  for (const PublishedKernel& k : inputs.kernels) {
    for (const KernelTiming& t : k.timings) {
      // Only FP32 kernels are fitted: the plateaus are fractions of the FP32 peak.
      if (excluded.contains(t.device) || t.dtype != DType::fp32) continue;
      // The data's own README flags the FFT picks of cuDNN 5 on conv3_1-like shapes as an old
      // library choice several times slower than its neighbours, in forward and backward-data
      // alike: a kernel the rule does not model is left out of the fit (the residuals keep it).
      if (t.fwd_algo.rfind("FFT", 0) == 0) continue;
      const Device& device = catalogue.find(t.device);
      for (Pass pass : kAllPasses) {
        const auto& s = t.seconds[static_cast<std::size_t>(pass)];
        if (!s) continue;
        by_family[device.architecture].push_back({&k.layer, pass, &device, t.library,
                                                  library_choice(k.layer, pass, t.library).algo,
                                                  *s});
      }
      devices_of[device.architecture].insert(t.device);
      libraries_of[device.architecture].insert(std::string(to_string(t.library)));
    }
  }

  for (const auto& [architecture, points] : by_family) {
    // Each point's compute time at a plateau of 1, and its memory time: both independent of
    // the parameters searched below.
    FamilyEfficiency unit;
    unit.architecture = architecture;
    unit.call_s = 0;
    for (auto& passes : unit.plateau) passes = {1.0, 1.0, 1.0};
    AchievableModel probe = model;
    probe.families = {unit};
    std::vector<double> untiled_s, tiles, memory_s;
    for (const KernelPoint& p : points) {
      const AchievableContext context =
          achievable_context(*p.device, probe, p.library, RoofOptions{});
      const AchievedPass a =
          achieve(*p.layer, p.pass, cost_of(*p.layer, DType::fp32).pass(p.pass).value(), context);
      untiled_s.push_back(a.compute_s * a.tile_efficiency);
      tiles.push_back(a.tile_efficiency);
      memory_s.push_back(a.memory_s);
    }
    FamilyEfficiency best;
    double best_error = INFINITY;
    for (int step = 1; step <= kExponentSteps; ++step) {
      const double exponent =
          inputs.tile_exponent.value_or(static_cast<double>(step) / kExponentSteps);
      if (inputs.tile_exponent && step > 1) break;
      std::vector<double> compute_s(points.size());
      for (std::size_t i = 0; i < points.size(); ++i)
        compute_s[i] = untiled_s[i] / std::pow(tiles[i], exponent);
      for (double call_us = 0; call_us <= kMaxCallUs; call_us += kGridStepUs) {
        const double call_s = call_us * 1e-6;
        // The plateau of a class and pass is the rate of its kernels taken together: their
        // ideal compute time over their measured time less the call costs, so the large
        // kernels that dominate a network's time weigh most.
        std::map<std::pair<AlgoClass, Pass>, std::pair<double, double>> sums;
        for (std::size_t i = 0; i < points.size(); ++i) {
          const KernelPoint& p = points[i];
          if (p.measured_s > call_s) {
            auto& [ideal, measured] = sums[{p.algo, p.pass}];
            ideal += compute_s[i];
            measured += p.measured_s - call_s;
          }
        }
        FamilyEfficiency fit;
        fit.architecture = architecture;
        fit.call_s = call_s;
        fit.tile_exponent = exponent;
        for (const auto& [key, sum] : sums) {
          fit.plateau[static_cast<std::size_t>(key.first)][static_cast<std::size_t>(key.second)] =
              sum.first / sum.second;
        }
        double error = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
          const KernelPoint& p = points[i];
          const auto& plateau =
              fit.plateau[static_cast<std::size_t>(p.algo)][static_cast<std::size_t>(p.pass)];
          const double compute = plateau ? compute_s[i] / *plateau : INFINITY;
          error += std::abs(std::log((call_s + std::max(compute, memory_s[i])) / p.measured_s));
        }
        if (error < best_error) {
          best_error = error;
          best = fit;
        }
      }
    }
    best.plateau[static_cast<std::size_t>(AlgoClass::blas_gemm)] =
        fit_blas_plateau(inputs.gemms, architecture, best, model, catalogue, excluded);
    best.fitted_on.assign(devices_of[architecture].begin(), devices_of[architecture].end());
    std::string libraries;
    for (const std::string& l : libraries_of[architecture])
      libraries += (libraries.empty() ? "" : ", ") + l;
    best.library = "DeepBench, " + libraries;
    model.families.push_back(best);
  }
  if (model.families.empty()) throw InputError("no kernel times left to fit");

  // Residuals, written beside the parameters.
  const std::vector<KernelResidual> residuals = kernel_residuals(model, inputs.kernels, catalogue);
  const std::vector<KernelResidual> blas = kernel_residuals(model, inputs.gemms, catalogue);
  for (FamilyEfficiency& f : model.families) {
    std::string line;
    for (const std::string& device : f.fitted_on) {
      std::size_t n = 0;
      for (const KernelResidual& r : residuals) n += r.device == device;
      line += (line.empty() ? "" : "; ") + device + ": median |error| " +
              percent(median_abs_error(residuals, device)) + " over " + std::to_string(n) +
              " kernel-passes";
    }
    for (const std::string& device : f.fitted_on) {
      std::size_t n = 0;
      for (const KernelResidual& r : blas) n += r.device == device;
      if (n == 0) continue;
      line += "; " + device + " cuBLAS GEMMs: median |error| " +
              percent(median_abs_error(blas, device)) + " over " + std::to_string(n);
    }
    f.residuals = line;
  }
  std::vector<double> memory_errors;
  for (const LayerResidual& r :
       memory_op_residuals(model, inputs.memory_ops, catalogue.find(kCaffeDevice))) {
    memory_errors.push_back(std::abs(r.error()));
  }
  model.memory_ops.residuals = "median |error| " + percent(median(memory_errors)) + " over " +
                               std::to_string(memory_errors.size()) + " layer-passes";
  return model;
}

std::vector<KernelResidual> kernel_residuals(const AchievableModel& model,
                                             const std::vector<PublishedKernel>& kernels,
                                             const DeviceCatalogue& catalogue) {
  std::vector<KernelResidual> out;
  for (const PublishedKernel& k : kernels) {
    for (const KernelTiming& t : k.timings) {
      const LayerCost cost = cost_of(k.layer, t.dtype);
      const Device& device = catalogue.find(t.device);
      const AchievableContext context =
          achievable_context(device, model, t.library, roof_for(t.dtype));
      for (Pass pass : kAllPasses) {
        const auto& s = t.seconds[static_cast<std::size_t>(pass)];
        if (!s || !cost.pass(pass)) continue;
        const AchievedPass a = achieve(k.layer, pass, *cost.pass(pass), context);
        out.push_back({t.device, k.layer.name, pass, a.algorithm,
                       pass == Pass::fwd ? t.fwd_algo : "", k.layer.shape.N, a.tile_efficiency,
                       a.seconds, *s, context.roof.peak});
      }
    }
  }
  return out;
}

std::vector<LayerResidual> memory_op_residuals(const AchievableModel& model,
                                               const std::vector<PublishedLayerTime>& layers,
                                               const Device& device) {
  const AchievableContext context =
      achievable_context(device, model, LibraryGeneration::cudnn5, RoofOptions{});
  std::vector<LayerResidual> out;
  for (const PublishedLayerTime& l : layers) {
    const LayerCost cost = cost_of(l.layer, DType::fp32);
    out.push_back({l.network, l.layer.name, Pass::fwd,
                   achieve(l.layer, Pass::fwd, cost.fwd(), context).seconds, l.fwd_s});
    if (const auto& bwd = cost.pass(Pass::bwd_data)) {
      out.push_back({l.network, l.layer.name, Pass::bwd_data,
                     achieve(l.layer, Pass::bwd_data, *bwd, context).seconds, l.bwd_s});
    }
  }
  return out;
}

void write_kernel_residuals_csv(std::ostream& out, const std::vector<KernelResidual>& residuals) {
  out << "device,math,layer,batch,pass,algorithm,published_algorithm,tile_efficiency,"
         "predicted_ms,measured_ms,error\n";
  out.precision(6);
  for (const KernelResidual& r : residuals) {
    out << r.device << ',' << r.math << ',' << r.layer << ',' << r.batch << ',' << to_string(r.pass)
        << ',' << r.algorithm << ',' << r.published_algorithm << ',' << r.tile_efficiency << ','
        << r.predicted_s * 1e3 << ',' << r.measured_s * 1e3 << ',' << r.error() << '\n';
  }
}

double median_abs_error(const std::vector<KernelResidual>& residuals, const std::string& device,
                        const std::string& math) {
  std::vector<double> e;
  for (const KernelResidual& r : residuals) {
    if ((device.empty() || r.device == device) && r.math == math) e.push_back(std::abs(r.error()));
  }
  return median(e);
}

}  // namespace roof
