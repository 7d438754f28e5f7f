#pragma once

#include "roofline/device.hpp"

namespace roof::testing_helpers {

// A device with round numbers, for roofline arithmetic checked by hand: 1 TFLOP/s FP32 at
// its 1000 MHz boost clock (0.5 at the 500 MHz base), 100 GB/s, so the ridge point is 10.
inline Device round_device() {
  Device d;
  d.name = "Round";
  d.sm_count = 1;
  d.base_clock_mhz = 500;
  d.boost_clock_mhz = 1000;
  d.clock_source = "test";
  d.default_clock = Clock::boost;
  d.peaks["fp32"] = ClockedPeak{std::nullopt, 1.0, "test"};
  d.dram_gbs = 100;
  d.memory_gb = 1;
  d.memory_source = "test";
  return d;
}

}  // namespace roof::testing_helpers
