// A build without CUPTI (ROOF_WITH_CUPTI=OFF, or AUTO with no CUPTI found): the recorder and the
// metric tables compile and say, when used, that this build cannot do them. range_profiler.cpp
// has its own stubs, which also cover toolkits older than CUDA 12.6.
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/metric_tables.hpp"

namespace roof::cupti {

KernelActivityRecorder::KernelActivityRecorder() {
  throw std::runtime_error("kernel activity unavailable (built without CUPTI)");
}

KernelActivityRecorder::~KernelActivityRecorder() = default;

void KernelActivityRecorder::start() {}

std::vector<KernelRecord> KernelActivityRecorder::stop() {
  return {};
}

bool kernel_activity_compiled_in() {
  return false;
}

std::vector<std::string> nvpw_supported_chips() {
  throw std::runtime_error("metric tables unavailable (built without CUPTI)");
}

std::vector<MetricName> check_metric_names(const std::string& /*chip*/,
                                           const std::vector<std::string>& /*names*/) {
  throw std::runtime_error("metric tables unavailable (built without CUPTI)");
}

}  // namespace roof::cupti
