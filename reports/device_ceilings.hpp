#pragma once

#include <string>
#include <vector>

#include "reports/bench_files.hpp"
#include "reports/roofline_chart.hpp"
#include "roofline/device.hpp"
#include "roofline/roof.hpp"

namespace roof::report {

// "9.30 TFLOP/s", "493 GFLOP/s"; "732 GB/s", "32.6 GB/s": three significant figures or so.
std::string flops_text(double flops);
std::string bandwidth_text(double bytes_per_second);

// A device's ceilings as a chart draws them: the two of `roof` (what the prediction uses) and,
// dashed, the device's other peaks at the same clock (FP64, FP16, tensor) and the cache levels
// in `caches` (L2 and the last level of a measured machine; the catalogue has no cache
// bandwidths). Each label carries its value and, unless `short_labels` (for a chart whose
// subtitle says it once), whether it is measured, theoretical or sustained.
chart::RoofLines roof_lines(const Device& device, const Roof& roof,
                            const std::vector<CacheCeiling>& caches, std::string colour,
                            bool short_labels = false);

}  // namespace roof::report
