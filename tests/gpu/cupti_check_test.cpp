// The CUPTI and NVPW check macros: a failing status becomes an exception that names the call,
// where it was made and the library's name for the status; the no-throw twins only report.
#include <gtest/gtest.h>

#include <cuda.h>  // CUDA_VERSION

#include <string>

#include "kernels/cuda/device_probe.hpp"
#include "kernels/cupti/cupti_check.hpp"
#include "kernels/cupti/kernel_activity.hpp"
#include "kernels/cupti/nvpw_check.hpp"

namespace roof::cupti {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CuptiCheck, FailedResultThrowsWithTheCallAndCuptisName) {
  try {
    ROOF_CUPTI_CHECK(CUPTI_ERROR_INVALID_PARAMETER);
    FAIL() << "no exception";
  } catch (const CuptiError& e) {
    EXPECT_EQ(e.result(), CUPTI_ERROR_INVALID_PARAMETER);
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "CUPTI_ERROR_INVALID_PARAMETER failed at")) << what;  // the call
    EXPECT_TRUE(contains(what, "cupti_check_test.cpp:")) << what;
    EXPECT_TRUE(contains(what, ": CUPTI_ERROR_INVALID_PARAMETER")) << what;  // cuptiGetResultString
  }
  EXPECT_NO_THROW(ROOF_CUPTI_CHECK(CUPTI_SUCCESS));
  EXPECT_NO_THROW(ROOF_CUPTI_CHECK_NOTHROW(CUPTI_ERROR_UNKNOWN));  // reports on stderr
}

TEST(CuptiCheck, AResultCuptiDoesNotKnowIsNamedByItsNumber) {
  EXPECT_EQ(cupti_result_text(static_cast<CUptiResult>(987654)), "CUPTI result 987654");
  EXPECT_EQ(cupti_result_text(CUPTI_ERROR_NOT_INITIALIZED), "CUPTI_ERROR_NOT_INITIALIZED");
}

TEST(NvpwCheck, FailedStatusThrowsWithTheCallAndTheStatusName) {
  try {
    ROOF_NVPW_CHECK(NVPA_STATUS_UNSUPPORTED_GPU);
    FAIL() << "no exception";
  } catch (const NvpwError& e) {
    EXPECT_EQ(e.status(), NVPA_STATUS_UNSUPPORTED_GPU);
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "NVPA_STATUS_UNSUPPORTED_GPU failed at")) << what;
    EXPECT_TRUE(contains(what, "cupti_check_test.cpp:")) << what;
    EXPECT_TRUE(contains(what, ": NVPA_STATUS_UNSUPPORTED_GPU")) << what;
  }
  EXPECT_NO_THROW(ROOF_NVPW_CHECK(NVPA_STATUS_SUCCESS));
  EXPECT_NO_THROW(ROOF_NVPW_CHECK_NOTHROW(NVPA_STATUS_ERROR));
  // 30: past the table, and inside the enum's range (its values fit in five bits).
  EXPECT_EQ(nvpa_status_name(static_cast<NVPA_Status>(30)), "NVPA status 30");
}

#if CUDA_VERSION >= 13000
// CUDA 13's header has its own inline name function: our table, which also serves toolkits
// without it, must say the same for every status it has.
TEST(NvpwCheck, StatusNamesMatchTheHeadersOwn) {
  for (int value = 0; value < static_cast<int>(NVPA_STATUS__COUNT); ++value) {
    const char* name = nullptr;
    const char* comment = nullptr;
    NVPW_NVPAStatusToString(static_cast<NVPA_Status>(value), &name, &comment);
    EXPECT_EQ(nvpa_status_name(static_cast<NVPA_Status>(value)), name) << value;
  }
}
#endif

// A real CUPTI call that fails on a machine without a driver: enabling kernel records.
TEST(CuptiCheck, EnablingKernelRecordsWithoutAGpuNamesTheCall) {
  if (cuda::probe_cuda().has_gpu()) GTEST_SKIP() << "a GPU is present: cuptiActivityEnable works";
  try {
    const KernelActivityRecorder recorder;
    FAIL() << "CUPTI enabled kernel records without a GPU";
  } catch (const CuptiError& e) {
    EXPECT_TRUE(contains(e.what(), "cuptiActivityEnable(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL)"))
        << e.what();
  }
  // The failed constructor released the one-per-process slot: a second attempt fails the same
  // way, not with "a recorder already exists".
  EXPECT_THROW(KernelActivityRecorder{}, CuptiError);
}

}  // namespace
}  // namespace roof::cupti
