#pragma once

#include <optional>
#include <string>

#include "networks/dtype.hpp"
#include "roofline/device.hpp"

namespace roof {

// How a prediction reads a device: which clock, which kind of ceiling, which element type.
struct RoofOptions {
  std::optional<Clock> clock;  // empty: the device's own default under load
  Ceilings ceilings = Ceilings::theoretical;
  DType dtype = DType::fp32;
  // fp32 data multiplied on TF32 tensor cores (--math tf32): the tensor_tf32 peak where the
  // device has one (Ampere and newer), else fp32, said in the label. What cuDNN does for fp32
  // convolutions when asked for TF32, and PyTorch asks by default on those GPUs.
  bool tf32 = false;
  // A clock under load the user measured (--clock MHZ: a power-capped or throttled board runs
  // below its rated boost); the compute peaks scale from the boost clock, the DRAM bandwidth,
  // set by the memory clock, stays. Overrides `clock`.
  std::optional<double> clock_mhz;
};

// The two ceilings of one device for one prediction, with the words that say where each came
// from (printed beside every modelled figure).
struct Roof {
  std::string device;
  Clock clock = Clock::boost;  // boost when clock_set (the peaks scale from the rated clocks)
  double clock_mhz = 0;
  Ceilings ceilings = Ceilings::theoretical;  // as asked; the labels say where one fell back
  double peak_flops = 0;                      // FLOP/s
  double bandwidth = 0;                       // bytes/s
  std::string compute_label;
  std::string memory_label;
  std::string device_description;  // the catalogue's: board, module or die
  std::string device_caveat;       // the entry's known miss, printed under headings; or ""
  std::string peak = "fp32";       // which of the device's peaks: fp32, fp16, tensor_fp16, ...
  bool clock_set = false;          // clock_mhz came from --clock MHZ, not from the device entry

  // The arithmetic intensity (FLOP/byte) where the two ceilings meet.
  double ridge_point() const { return peak_flops / bandwidth; }
};

Roof resolve_roof(const Device& device, const RoofOptions& options);

// The roof's clock in words: "boost clock (1590 MHz)", or "clock set by --clock (970 MHz)".
std::string clock_phrase(const Roof& roof);
// "base" or "boost", or "set" for a clock given with --clock MHZ (the JSON's `clock`).
std::string_view clock_name(const Roof& roof);

enum class Bound { compute, memory };
std::string_view to_string(Bound bound);

// Roofline arithmetic (Williams, Waterman and Patterson 2009): a kernel of intensity `ai`
// (FLOP/byte) can run at min(peak, ai x bandwidth); below the ridge point it is memory bound.
double attainable_flops(const Roof& roof, double ai);
Bound bound_of(const Roof& roof, double flops, double bytes);
// The time the faster ceiling allows: max(flops / peak, bytes / bandwidth), in seconds.
double predicted_seconds(const Roof& roof, double flops, double bytes);

}  // namespace roof
