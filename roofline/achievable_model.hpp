#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "networks/cost.hpp"
#include "networks/layer.hpp"
#include "roofline/gemm_view.hpp"
#include "roofline/library_algorithm.hpp"

namespace roof {

// The fitted parameters of the achievable-performance model (docs/metrics.md, "Achievable
// time"), as stored in roofline/achievable.json: written by calibration/fit_achievable from
// published per-kernel and per-layer GPU times, compiled into the program like devices.json.

// One chip family's conv and fc kernels: a fixed cost per call and, per algorithm class and
// pass, the fraction of the theoretical peak a kernel reaches once its tiles fill the SMs.
struct FamilyEfficiency {
  std::string architecture;            // "Maxwell", "Pascal", "Volta"
  std::vector<std::string> fitted_on;  // devices whose kernels the numbers came from
  std::string library;                 // what those kernels ran, e.g. "cuDNN 5 (M40)"
  double call_s = 0;
  // The tiles-and-waves efficiency enters as efficiency^tile_exponent: 1 counts every idle slot
  // of the last wave and every padded row in full; below 1 the library recovers part of it
  // (smaller tiles, more blocks per SM for a small grid), as the family's kernels show.
  double tile_exponent = 1;
  // [AlgoClass][Pass]; empty where no kernel of that class and pass was measured.
  std::array<std::array<std::optional<double>, 3>, kAlgoClassCount> plateau{};
  std::string residuals;  // one line: median |error| per device, as the fit reported it
};

// Ops without MACs: a per-kernel floor and, per op and pass, the fraction of the theoretical
// DRAM bandwidth the kernel reaches.
struct MemoryOpEfficiency {
  std::string fitted_on;  // "TitanX-Maxwell (Caffe native kernels)"
  double floor_s = 0;
  std::map<std::string, std::array<std::optional<double>, 3>, std::less<>>
      bandwidth_fraction;   // by op name
  std::string fallback_op;  // used for an op without its own fraction
  std::string residuals;
};

struct AchievableModel {
  std::string source;  // what the fit read, one line
  GemmTile tile;
  std::vector<FamilyEfficiency> families;
  // An architecture without calibration data borrows a family's efficiencies: "Kepler" ->
  // "Maxwell".
  std::map<std::string, std::string> fallback_family;
  MemoryOpEfficiency memory_ops;

  // The built-in model (roofline/achievable.json). Throws InputError if it is malformed.
  static const AchievableModel& builtin();
  static AchievableModel parse(std::string_view json_text, const std::string& origin);
  std::string to_json() const;

  // The family whose efficiencies a device of `architecture` uses, and whether it is its own.
  // Throws InputError when neither the architecture nor a fallback is calibrated.
  struct FamilyLookup {
    const FamilyEfficiency* family = nullptr;
    bool borrowed = false;
  };
  FamilyLookup family_for(std::string_view architecture) const;
  bool covers(std::string_view architecture) const;

  // The plateau of one class and pass: the family's own value, else the nearest class of the
  // same pass that it has (implicit GEMM), else the first family that has it. Says which.
  struct PlateauLookup {
    double value = 0;
    std::string from;  // "" when the family's own value; otherwise what stood in
  };
  PlateauLookup plateau(const FamilyEfficiency& family, AlgoClass algo, Pass pass) const;
  // Throws InputError for an op with neither a fraction nor the fallback.
  double bandwidth_fraction(std::string_view op, Pass pass) const;
};

}  // namespace roof
