#include "kernels/cupti/metric_tables.hpp"

#include <nvperf_cuda_host.h>
#include <nvperf_host.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/cupti/nvpw_check.hpp"

// The MetricsEvaluator API arrived in CUDA 11.x's NVPW (replacing MetricsContext). Its params
// struct's size macro tells us whether this toolkit has it, with no version number to guess.
#ifdef NVPW_CUDA_MetricsEvaluator_Initialize_Params_STRUCT_SIZE
#define ROOF_NVPW_HAS_METRICS_EVALUATOR 1
#endif

namespace roof::cupti {
namespace {

void initialize_host() {
  // Idempotent in NVPW; cheap after the first call.
  NVPW_InitializeHost_Params params{NVPW_InitializeHost_Params_STRUCT_SIZE, nullptr};
  ROOF_NVPW_CHECK(NVPW_InitializeHost(&params));
}

#ifdef ROOF_NVPW_HAS_METRICS_EVALUATOR
// A metrics evaluator on a virtual device of the named chip, with its scratch buffer. Destroyed
// with the object; not copyable or movable (NVPW keeps a pointer into the scratch buffer).
class MetricsEvaluator {
 public:
  explicit MetricsEvaluator(const std::string& chip) {
    NVPW_CUDA_MetricsEvaluator_CalculateScratchBufferSize_Params size{
        NVPW_CUDA_MetricsEvaluator_CalculateScratchBufferSize_Params_STRUCT_SIZE};
    size.pChipName = chip.c_str();
    ROOF_NVPW_CHECK(NVPW_CUDA_MetricsEvaluator_CalculateScratchBufferSize(&size));
    scratch_.resize(size.scratchBufferSize);
    NVPW_CUDA_MetricsEvaluator_Initialize_Params init{
        NVPW_CUDA_MetricsEvaluator_Initialize_Params_STRUCT_SIZE};
    init.pScratchBuffer = scratch_.data();
    init.scratchBufferSize = scratch_.size();
    init.pChipName = chip.c_str();
    ROOF_NVPW_CHECK(NVPW_CUDA_MetricsEvaluator_Initialize(&init));
    evaluator_ = init.pMetricsEvaluator;
  }
  ~MetricsEvaluator() {
    NVPW_MetricsEvaluator_Destroy_Params params{NVPW_MetricsEvaluator_Destroy_Params_STRUCT_SIZE};
    params.pMetricsEvaluator = evaluator_;
    ROOF_NVPW_CHECK_NOTHROW(NVPW_MetricsEvaluator_Destroy(&params));
  }
  MetricsEvaluator(const MetricsEvaluator&) = delete;
  MetricsEvaluator& operator=(const MetricsEvaluator&) = delete;

  // A name the tables do not know (or a base name without its rollup) is
  // NVPA_STATUS_INVALID_ARGUMENT; every other failure is an error of the call.
  bool knows(const std::string& name) const {
    NVPW_MetricEvalRequest request{};
    NVPW_MetricsEvaluator_ConvertMetricNameToMetricEvalRequest_Params params{
        NVPW_MetricsEvaluator_ConvertMetricNameToMetricEvalRequest_Params_STRUCT_SIZE};
    params.pMetricsEvaluator = evaluator_;
    params.pMetricName = name.c_str();
    params.pMetricEvalRequest = &request;
    params.metricEvalRequestStructSize = NVPW_MetricEvalRequest_STRUCT_SIZE;
    const NVPA_Status status = NVPW_MetricsEvaluator_ConvertMetricNameToMetricEvalRequest(&params);
    if (status == NVPA_STATUS_INVALID_ARGUMENT) return false;
    ROOF_NVPW_CHECK(status);
    return true;
  }

 private:
  std::vector<std::uint8_t> scratch_;
  NVPW_MetricsEvaluator* evaluator_ = nullptr;
};
#endif

}  // namespace

std::vector<std::string> nvpw_supported_chips() {
  initialize_host();
  NVPW_GetSupportedChipNames_Params params{NVPW_GetSupportedChipNames_Params_STRUCT_SIZE};
  ROOF_NVPW_CHECK(NVPW_GetSupportedChipNames(&params));
  std::vector<std::string> chips;
  for (std::size_t i = 0; i < params.numChipNames; ++i) chips.emplace_back(params.ppChipNames[i]);
  return chips;
}

std::vector<MetricName> check_metric_names(const std::string& chip,
                                           const std::vector<std::string>& names) {
#ifdef ROOF_NVPW_HAS_METRICS_EVALUATOR
  initialize_host();
  const MetricsEvaluator evaluator(chip);
  std::vector<MetricName> result;
  for (const std::string& name : names) result.push_back({name, evaluator.knows(name)});
  return result;
#else
  static_cast<void>(chip);
  static_cast<void>(names);
  throw std::runtime_error(
      "metric tables unavailable: this toolkit's NVPW has no MetricsEvaluator API");
#endif
}

}  // namespace roof::cupti
