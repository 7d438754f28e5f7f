#include "roofline/roof.hpp"

#include <algorithm>
#include <cmath>

#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

// Which peak a dtype runs at: half precision uses tensor cores where the device has them (what
// cuDNN and cuBLAS pick for fp16 by default), else a non-tensor FP16 rate faster than FP32
// (P100's half2), else FP32: fp16 storage with FP32 arithmetic, cuDNN's pseudo-half
// configuration, which is what Kepler, Maxwell and the 1/64-rate FP16 of GP102/GP104 get.
// fp32 data runs at the FP32 peak, or with --math tf32 at the TF32 tensor-core peak where the
// device has one.
std::string peak_key(const Device& device, DType dtype, bool tf32) {
  if (dtype == DType::fp32)
    return tf32 && device.peaks.count("tensor_tf32") ? "tensor_tf32" : "fp32";
  // bf16 arithmetic exists only in the tensor cores of Ampere and newer (at the fp16 rate);
  // elsewhere bf16 data is computed in fp32.
  if (dtype == DType::bf16) {
    for (const char* arch : {"Ampere", "Ada", "Hopper", "Blackwell"}) {
      if (device.architecture == arch && device.peaks.count("tensor_fp16")) return "tensor_fp16";
    }
    return "fp32";
  }
  if (device.peaks.count("tensor_fp16")) return "tensor_fp16";
  const auto fp16 = device.peaks.find("fp16");
  const ClockedPeak& fp32 = device.peaks.at("fp32");
  if (fp16 != device.peaks.end() && fp16->second.boost && fp32.boost &&
      *fp16->second.boost > *fp32.boost) {
    return "fp16";
  }
  return "fp32";
}

struct ClockChoice {
  Clock clock;
  double mhz;
  std::string note;  // set when the device cannot honour the request exactly
  bool set = false;  // a clock the user gave in MHz, the peaks scaled to it from `clock`
};

// No board trains at twice its rated boost or below a tenth of it (idle clocks are a few hundred
// MHz): a --clock outside is a typo (15900 for 1590, 97 for 970).
constexpr double kMaxClockOverBoost = 2;
constexpr double kMinClockOverBoost = 0.1;

ClockChoice choose_clock(const Device& device, std::optional<Clock> requested,
                         std::optional<double> set_mhz = std::nullopt) {
  if (set_mhz) {
    if (device.measured) {
      // A measured machine's ceilings hold at the clock its benchmark ran at, not at a rating.
      throw InputError("--clock in MHz scales a catalogue entry's rated peaks; " + device.name +
                       "'s ceilings were measured at the clock bench_roofs ran at");
    }
    const double low = kMinClockOverBoost * device.boost_clock_mhz;
    const double high = kMaxClockOverBoost * device.boost_clock_mhz;
    if (!std::isfinite(*set_mhz) || *set_mhz < low || *set_mhz > high) {
      throw InputError("--clock " + fixed(*set_mhz, 0) + " MHz is outside " + device.name + "'s " +
                       fixed(low, 0) + " to " + fixed(high, 0) +
                       " MHz (a tenth of to twice its boost)");
    }
    return {Clock::boost, *set_mhz, "", true};
  }
  const Clock clock = requested.value_or(device.default_clock);
  if (clock == Clock::base && !device.base_clock_mhz) {
    return {Clock::boost, device.boost_clock_mhz, "no published base clock, boost used"};
  }
  return {clock, clock == Clock::base ? *device.base_clock_mhz : device.boost_clock_mhz, ""};
}

// A peak at the chosen clock: the published value when there is one, else the other clock's
// value scaled by the clock ratio (peaks are cores x FLOP per cycle x clock).
double peak_tflops(const Device& device, const ClockedPeak& peak, const ClockChoice& clock,
                   std::string& how) {
  if (clock.set) {
    // Scaled from the boost clock's peak, or from the base clock's where only that is published.
    const bool boost = peak.boost.has_value();
    const std::optional<double>& rated = boost ? peak.boost : peak.base;
    const double rated_mhz = boost ? device.boost_clock_mhz : device.base_clock_mhz.value_or(0);
    if (!rated || rated_mhz <= 0) {
      throw InputError("device '" + device.name + "' has no peak it can scale to --clock");
    }
    how = ", scaled from the " + std::string(boost ? "boost" : "base") + " clock's " +
          fixed(*rated, 2) + " at " + fixed(rated_mhz, 0) + " MHz";
    return *rated * clock.mhz / rated_mhz;
  }
  const std::optional<double>& published = clock.clock == Clock::base ? peak.base : peak.boost;
  if (published) return *published;
  const bool from_boost = clock.clock == Clock::base;
  const double other_mhz = from_boost ? device.boost_clock_mhz : device.base_clock_mhz.value_or(0);
  const std::optional<double>& other = from_boost ? peak.boost : peak.base;
  if (!other || other_mhz <= 0) {
    throw InputError("device '" + device.name + "' has no peak it can scale to the " +
                     std::string(to_string(clock.clock)) + " clock");
  }
  how = ", scaled from the " + std::string(from_boost ? "boost" : "base") + " clock";
  return *other * clock.mhz / other_mhz;
}

}  // namespace

std::string_view to_string(Bound bound) {
  return bound == Bound::compute ? "compute" : "memory";
}

Roof resolve_roof(const Device& device, const RoofOptions& options) {
  if (options.clock_mhz && options.ceilings == Ceilings::sustained) {
    // The published sustained figures ran at whatever clock the board held (the T4's under its
    // power cap): scaling them to a measured clock would count the slowdown twice.
    throw InputError(
        "--clock in MHz scales the theoretical peaks; --ceilings sustained holds published "
        "measurements at the clock they ran at, so use one or the other");
  }
  const ClockChoice clock = choose_clock(device, options.clock, options.clock_mhz);
  if (options.tf32 && options.dtype != DType::fp32) {
    throw InputError(
        "--math tf32 multiplies fp32 data on TF32 tensor cores; it needs --dtype fp32");
  }
  const std::string key = peak_key(device, options.dtype, options.tf32);
  const ClockedPeak& peak = device.peaks.at(key);
  std::string how;
  double tflops = peak_tflops(device, peak, clock, how);
  const std::string clock_text =
      clock.set ? fixed(clock.mhz, 0) + " MHz set by --clock"
                : std::string(to_string(clock.clock)) + " " + fixed(clock.mhz, 0) + " MHz";
  std::string compute = key + " peak " + fixed(tflops, 2) + " TFLOP/s at " + clock_text +
                        " (theoretical" + how + "; " +
                        (device.cite.empty() ? peak.source : device.cite) + ")";
  double gbs = device.dram_gbs;
  std::string memory = "DRAM " + fixed(gbs, 0) + " GB/s (theoretical; " +
                       (device.cite.empty() ? device.memory_source : device.cite) + ")";

  if (device.measured) {
    // What this machine sustains is both its ceiling and its measurement: either --ceilings
    // reads it, and the sources name the benchmark, the clock and the file.
    compute = key + " " + fixed(tflops, 3) + " TFLOP/s measured by " + peak.source + how;
    memory = "DRAM " + fixed(gbs, 1) + " GB/s measured by " + device.memory_source;
  } else if (options.ceilings == Ceilings::sustained) {
    if (key == "fp32" && device.sustained_fp32_tflops) {
      // A measurement holds at the clock it ran at, the device's default: scale to the choice.
      const ClockChoice at = choose_clock(device, std::nullopt);
      tflops = device.sustained_fp32_tflops->value * clock.mhz / at.mhz;
      compute = "fp32 " + fixed(tflops, 2) + " TFLOP/s sustained (" +
                device.sustained_fp32_tflops->method + "; " + device.sustained_fp32_tflops->source +
                ")";
    } else {
      compute += " [no published sustained " + key + " ceiling]";
    }
    if (device.sustained_dram_gbs) {
      gbs = device.sustained_dram_gbs->value;
      memory = "DRAM " + fixed(gbs, 0) + " GB/s sustained (" + device.sustained_dram_gbs->method +
               "; " + device.sustained_dram_gbs->source + ")";
    } else {
      memory += " [no published sustained DRAM ceiling]";
    }
  }
  if (!clock.note.empty()) compute += " [" + clock.note + "]";
  if (options.tf32 && key == "fp32") compute += " [no TF32 tensor cores: fp32 arithmetic]";
  Roof roof{device.name, clock.clock, clock.mhz, options.ceilings,  tflops * 1e12,
            gbs * 1e9,   compute,     memory,    device.description};
  roof.peak = key;
  roof.clock_set = clock.set;
  roof.device_caveat = device.caveat;
  return roof;
}

std::string clock_phrase(const Roof& roof) {
  if (roof.clock_set) return "clock set by --clock (" + fixed(roof.clock_mhz, 0) + " MHz)";
  return std::string(to_string(roof.clock)) + " clock (" + fixed(roof.clock_mhz, 0) + " MHz)";
}

std::string_view clock_name(const Roof& roof) {
  return roof.clock_set ? "set" : to_string(roof.clock);
}

double attainable_flops(const Roof& roof, double ai) {
  return std::min(roof.peak_flops, ai * roof.bandwidth);
}

Bound bound_of(const Roof& roof, double flops, double bytes) {
  return flops / roof.peak_flops >= bytes / roof.bandwidth ? Bound::compute : Bound::memory;
}

double predicted_seconds(const Roof& roof, double flops, double bytes) {
  return std::max(flops / roof.peak_flops, bytes / roof.bandwidth);
}

}  // namespace roof
