// Which of cudnnFind*'s results keep to the math a case asked for: the rule runs on the host, so
// it is tested here, where no GPU can show what cuDNN reports.
#include <gtest/gtest.h>

#include "kernels/cudnn/cudnn_algorithms.hpp"

namespace roof::cuda {
namespace {

// fp32 (strict): FMA kernels only, never a tensor-core kernel.
TEST(CudnnMath, StrictFp32TakesFmaResultsOnly) {
  EXPECT_TRUE(keeps_to_math(CUDNN_FMA_MATH, CUDNN_FMA_MATH));
  EXPECT_FALSE(keeps_to_math(CUDNN_DEFAULT_MATH, CUDNN_FMA_MATH));
  EXPECT_FALSE(keeps_to_math(CUDNN_TENSOR_OP_MATH, CUDNN_FMA_MATH));
}

// tf32 asks with CUDNN_DEFAULT_MATH; cuDNN may report its TF32 kernels as CUDNN_TENSOR_OP_MATH,
// and those are what the mode is for. A conversion of fp32 data to fp16 is not TF32.
TEST(CudnnMath, Tf32TakesTensorOpResultsButNoConversion) {
  EXPECT_TRUE(keeps_to_math(CUDNN_FMA_MATH, CUDNN_DEFAULT_MATH));
  EXPECT_TRUE(keeps_to_math(CUDNN_DEFAULT_MATH, CUDNN_DEFAULT_MATH));
  EXPECT_TRUE(keeps_to_math(CUDNN_TENSOR_OP_MATH, CUDNN_DEFAULT_MATH));
  EXPECT_FALSE(keeps_to_math(CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION, CUDNN_DEFAULT_MATH));
}

TEST(CudnnMath, TensorOpModesTakeWhatTheyAllow) {
  EXPECT_TRUE(keeps_to_math(CUDNN_TENSOR_OP_MATH, CUDNN_TENSOR_OP_MATH));
  EXPECT_FALSE(keeps_to_math(CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION, CUDNN_TENSOR_OP_MATH));
  EXPECT_TRUE(
      keeps_to_math(CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION, CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION));
}

}  // namespace
}  // namespace roof::cuda
