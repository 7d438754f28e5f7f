// The counters a profiled pass asks for exist in the counter tables of the chips the suite claims,
// asked of NVPW's and CUPTI's host libraries by chip name: no GPU needed, so these run everywhere.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kernels/cupti/cupti_check.hpp"
#include "kernels/cupti/metric_tables.hpp"
#include "kernels/cupti/nvpw_check.hpp"
#include "kernels/cupti/pass_counters.hpp"

namespace roof::cupti {
namespace {

std::vector<std::string> pass_metrics() {
  return {kPassMetrics.begin(), kPassMetrics.end()};
}

TEST(MetricTables, NvpwKnowsTheChipsTheSuiteClaims) {
  const std::vector<std::string> chips = nvpw_supported_chips();
  for (const char* chip : {"TU102", "GA100", "GH100"}) {
    EXPECT_NE(std::find(chips.begin(), chips.end(), chip), chips.end()) << chip;
  }
}

TEST(MetricTables, EveryPassMetricExistsOnAmpereAndHopperAndTuring) {
  for (const char* chip : {"GA100", "GH100", "TU102", "TU104"}) {
    for (const MetricName& metric : check_metric_names(chip, pass_metrics())) {
      EXPECT_TRUE(metric.known) << metric.name << " on " << chip;
    }
  }
}

// The check can fail: a name that is no metric, and a real base name without its rollup, are
// refused.
TEST(MetricTables, AnUnknownNameIsRefused) {
  const std::vector<MetricName> result = check_metric_names(
      "GH100", {"dram__nonsense.sum", "dram__bytes_read", "dram__bytes_read.sum"});
  ASSERT_EQ(result.size(), 3u);
  EXPECT_FALSE(result[0].known);
  EXPECT_FALSE(result[1].known);  // no rollup: ".sum", ".avg", ... is part of a metric's name
  EXPECT_TRUE(result[2].known);
}

// Pascal and older have no tables (the range profiler starts at Volta): NVPW refuses the chip.
TEST(MetricTables, PascalIsRefusedAsUnsupported) {
  try {
    check_metric_names("GP100", pass_metrics());
    FAIL() << "NVPW accepted GP100";
  } catch (const NvpwError& e) {
    EXPECT_EQ(e.status(), NVPA_STATUS_UNSUPPORTED_GPU) << e.what();
  }
}

// The host half of the range profiler (CUDA 12.6 and newer): a configuration image for exactly
// the pass metrics, and how many runs of a pass collect them.
TEST(PassCounters, TheProfilersConfigurationBuildsWithoutAGpu) {
  if (!pass_counters_compiled_in()) GTEST_SKIP() << pass_counters_unavailable_reason();
  for (const char* chip : {"GA100", "GH100"}) {
    const std::size_t replays = pass_counter_replays(chip);
    EXPECT_GE(replays, 1u) << chip;
    EXPECT_LE(replays, 8u) << chip;
  }
  EXPECT_THROW(pass_counter_replays("GP100"), CuptiError);
}

TEST(PassCounters, WithoutAProfilerTheReasonIsGivenNotANumber) {
  if (pass_counters_compiled_in()) {
    EXPECT_TRUE(pass_counters_unavailable_reason().empty());
  } else {
    EXPECT_NE(pass_counters_unavailable_reason().find("counters unavailable"), std::string::npos);
  }
}

TEST(PassCounters, CountingFollowsNsightCompute) {
  PassCounters c;
  c.dram_bytes_read = 100;
  c.dram_bytes_write = 28;
  c.ffma = 10;
  c.fadd = 3;
  c.fmul = 2;
  c.hfma = 7;
  EXPECT_EQ(c.dram_bytes(), 128);
  EXPECT_EQ(c.fp32_flops(), 25);
  EXPECT_EQ(c.fp16_flops(), 14);
}

}  // namespace
}  // namespace roof::cupti
