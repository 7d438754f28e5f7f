#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace roof {

enum class Clock { base, boost };
// theoretical: the datasheet peaks. sustained: published measurements where they exist (each
// device says which), the theoretical peak where none does.
enum class Ceilings { theoretical, sustained };

std::string_view to_string(Clock clock);
std::string_view to_string(Ceilings ceilings);
Clock parse_clock(std::string_view text);        // throws InputError
Ceilings parse_ceilings(std::string_view text);  // throws InputError

// A peak published at one or both clocks, in TFLOP/s.
struct ClockedPeak {
  std::optional<double> base;
  std::optional<double> boost;
  std::string source;
};

// A measured ceiling, with where it was published and how it was obtained.
struct SustainedValue {
  double value = 0;
  std::string source;
  std::string method;
};

// Set on a device whose ceilings were measured on a machine (roofline/measured_device.hpp):
// its peaks' and memory's sources then name the benchmark, and its roof's labels say "measured
// by" instead of "theoretical".
struct Measurement {
  std::string tool;  // "bench_roofs"
  // The theoretical peaks (TFLOP/s) at the clock measured in the same run, by peak key, so a
  // report can show both.
  std::map<std::string, double> theoretical_tflops;
  // The memory kernel whose rate became dram_gbs, in the words a label shows ("STREAM add").
  std::string memory_kernel = "STREAM triad";
  // Every DRAM stream of the run and its best rate in GB/s, in bench_roofs' order (STREAM's
  // triad, copy, scale, add, then the read-only, write-only and non-temporal streams).
  struct MemoryStream {
    std::string kernel;  // the words a label shows
    double gbs = 0;
  };
  std::vector<MemoryStream> memory_streams;
  // What the run's rows say about the machine it ran on (other load, a spread between
  // repetitions, an FMA ceiling far below its peak: roofline/run_disturbance.hpp), one line
  // each; empty for an undisturbed run. Programs that load the file print them.
  std::vector<std::string> warnings;
};

// One entry of the device catalogue (roofline/devices.json or a user's --device-file). Every
// number carries its source in the file; the fields that predictions use are kept here.
struct Device {
  std::string name;
  std::vector<std::string> aliases;
  std::string description;  // says board, module or die: what one device of this entry is
  // Short label of the theoretical figures' sources for headings ("NVIDIA P100 PCIe datasheet
  // figures"); empty: the headings print the full sources.
  std::string cite;
  std::string architecture;
  int sm_count = 0;
  std::optional<double> base_clock_mhz;
  double boost_clock_mhz = 0;
  std::string clock_source;
  Clock default_clock = Clock::boost;
  std::string default_clock_reason;
  // What predictions on this entry are known to miss, in one sentence printed under the device
  // in text headings, parallel tables and `devices` (the T4's power cap); empty for most.
  std::string caveat;
  // "fp32", "fp64", "fp16" (non-tensor), "tensor_fp16", "tensor_tf32": whichever exist.
  std::map<std::string, ClockedPeak> peaks;
  double dram_gbs = 0;
  double memory_gb = 0;
  std::string memory_type;
  std::string memory_source;
  std::optional<double> l2_kib;
  std::string l2_source;
  std::string host_link;
  std::optional<double> host_link_gbs;
  std::string host_link_source;
  std::optional<double> nvlink_gbs;
  std::string nvlink_source;
  std::optional<SustainedValue> sustained_fp32_tflops;
  std::optional<SustainedValue> sustained_dram_gbs;
  std::string origin;  // "catalogue" or the path of the device file it came from
  std::optional<Measurement> measured;
};

}  // namespace roof
