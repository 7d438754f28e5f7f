// The cuDNN and cuBLAS check macros: a failing status becomes an exception that names the call,
// where it was made and the library's own words; the no-throw twins only report. cuda_probe_test
// covers ROOF_CUDA_CHECK.
#include <gtest/gtest.h>

#include <string>

#include "kernels/cuda/cublas_check.hpp"
#include "kernels/cuda/cublas_handle.hpp"
#include "kernels/cuda/device_probe.hpp"
#ifdef ROOF_HAVE_CUDNN
#include "kernels/cuda/cudnn_check.hpp"
#include "kernels/cuda/cudnn_handle.hpp"
#include "kernels/cudnn/cudnn_descriptors.hpp"
#endif

namespace roof::cuda {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

#ifdef ROOF_HAVE_CUDNN
TEST(CudnnCheck, FailedStatusThrowsWithTheCallAndCudnnsWords) {
  try {
    ROOF_CUDNN_CHECK(CUDNN_STATUS_BAD_PARAM);
    FAIL() << "no exception";
  } catch (const CudnnError& e) {
    EXPECT_EQ(e.status(), CUDNN_STATUS_BAD_PARAM);
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "CUDNN_STATUS_BAD_PARAM failed at")) << what;  // the call's text
    EXPECT_TRUE(contains(what, "check_macros_test.cpp:")) << what;
    EXPECT_TRUE(contains(what, ": CUDNN_STATUS_BAD_PARAM")) << what;  // cudnnGetErrorString
  }
  EXPECT_NO_THROW(ROOF_CUDNN_CHECK(CUDNN_STATUS_SUCCESS));
  EXPECT_NO_THROW(ROOF_CUDNN_CHECK_NOTHROW(CUDNN_STATUS_BAD_PARAM));  // reports on stderr
}

// A real call that cuDNN refuses, with no GPU needed: a tensor with a negative extent.
TEST(CudnnCheck, ARefusedDescriptorNamesTheCallAndCudnnsReason) {
  const TensorDescriptor descriptor;
  try {
    ROOF_CUDNN_CHECK(cudnnSetTensor4dDescriptor(descriptor.get(), CUDNN_TENSOR_NCHW,
                                                CUDNN_DATA_FLOAT, -2, 3, 8, 8));
    FAIL() << "cuDNN accepted a negative batch";
  } catch (const CudnnError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.status(), CUDNN_STATUS_BAD_PARAM) << what;
    EXPECT_TRUE(contains(what, "cudnnSetTensor4dDescriptor(descriptor.get()")) << what;
#if CUDNN_MAJOR >= 9
    EXPECT_TRUE(contains(what, "n <= 0")) << what;  // cudnnGetLastErrorString's detail
#endif
  }
}

TEST(CudnnCheck, CreatingAHandleWithoutAGpuSaysSo) {
  if (probe_cuda().has_gpu()) GTEST_SKIP() << "a GPU is present: cudnnCreate succeeds";
  try {
    const CudnnHandle handle;
    FAIL() << "cudnnCreate succeeded without a GPU";
  } catch (const CudnnError& e) {
    EXPECT_TRUE(contains(e.what(), "cudnnCreate(&handle_)")) << e.what();
  }
}
#endif

TEST(CublasCheck, FailedStatusThrowsWithTheCallAndCublasWords) {
  try {
    ROOF_CUBLAS_CHECK(CUBLAS_STATUS_INVALID_VALUE);
    FAIL() << "no exception";
  } catch (const CublasError& e) {
    EXPECT_EQ(e.status(), CUBLAS_STATUS_INVALID_VALUE);
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "CUBLAS_STATUS_INVALID_VALUE failed at")) << what;
    EXPECT_TRUE(contains(what, "check_macros_test.cpp:")) << what;
    EXPECT_TRUE(contains(what, ": CUBLAS_STATUS_INVALID_VALUE")) << what;
  }
  EXPECT_NO_THROW(ROOF_CUBLAS_CHECK(CUBLAS_STATUS_SUCCESS));
  EXPECT_NO_THROW(ROOF_CUBLAS_CHECK_NOTHROW(CUBLAS_STATUS_EXECUTION_FAILED));
}

TEST(CublasCheck, StatusTextHasTheNameAndWhereAvailableTheDescription) {
  const std::string text = cublas_status_text(CUBLAS_STATUS_NOT_SUPPORTED);
  EXPECT_TRUE(contains(text, "CUBLAS_STATUS_NOT_SUPPORTED")) << text;
#if defined(CUBLAS_VERSION) && CUBLAS_VERSION >= 110700
  EXPECT_GT(text.size(), std::string("CUBLAS_STATUS_NOT_SUPPORTED").size()) << text;
#endif
}

TEST(CublasCheck, CreatingAHandleWithoutAGpuSaysSo) {
  if (probe_cuda().has_gpu()) GTEST_SKIP() << "a GPU is present: cublasCreate succeeds";
  try {
    const CublasHandle handle;
    FAIL() << "cublasCreate succeeded without a GPU";
  } catch (const CublasError& e) {
    EXPECT_TRUE(contains(e.what(), "cublasCreate(&handle_)")) << e.what();
  }
}

}  // namespace
}  // namespace roof::cuda
