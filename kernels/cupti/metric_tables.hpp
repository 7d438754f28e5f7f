#pragma once

// Which metric names a chip's counter tables know, asked of NVPW's host library
// (libnvperf_host) with the chip's name alone: no GPU, no driver. This is how the suite checks,
// on any machine, that the metrics the range profiler will ask for exist on the GPUs it claims.

#include <string>
#include <vector>

namespace roof::cupti {

struct MetricName {
  std::string name;  // with its rollup, as the profiler asks for it: "dram__bytes_read.sum"
  bool known = false;
};

// The chips this NVPW has tables for: "GV100", "TU102", "GA100", "GH100", ...
std::vector<std::string> nvpw_supported_chips();

// For each name, whether `chip`'s tables know it as a metric (a counter, ratio or throughput
// with a valid rollup or submetric). Throws NvpwError when NVPW refuses the chip itself
// (NVPA_STATUS_UNSUPPORTED_GPU for GP100 and older: the tables start at Volta) or any call
// fails for a reason other than an unknown name.
std::vector<MetricName> check_metric_names(const std::string& chip,
                                           const std::vector<std::string>& names);

}  // namespace roof::cupti
