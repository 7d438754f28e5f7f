// verify() accepts a correct result, and names the element of a corrupted one.
#include "kernels/cpu/verify.hpp"

#include <gtest/gtest.h>

#include "kernels/cpu/reference.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::kernels {
namespace {

using testing::layer_from;

// The exact result, rounded to fp32, computed with the reference itself.
std::vector<float> reference_result(const Layer& layer, Pass pass, const PassTensors& tensors) {
  std::vector<float> result(static_cast<std::size_t>(result_elements(layer, pass)));
  for (std::size_t i = 0; i < result.size(); ++i) {
    const auto index = static_cast<std::int64_t>(i);
    result[i] = static_cast<float>(reference_point(layer, pass, tensors, index).value);
  }
  return result;
}

Layer small_conv() {
  return layer_from("mb2ic3ih5iw6oc4kh3kw3ph1pw1n\"small\"", true);
}

TEST(Verify, AcceptsTheReferenceRoundedToFloat) {
  const Layer layer = small_conv();
  for (Pass pass : kAllPasses) {
    const PassTensors tensors = random_pass_tensors(layer, pass, 7);
    const Verification v = verify(layer, pass, tensors, reference_result(layer, pass, tensors));
    EXPECT_TRUE(v.passed) << to_string(pass) << ": " << v.first_failure;
    EXPECT_EQ(v.checked, result_elements(layer, pass));
    EXPECT_EQ(v.failures, 0);
    EXPECT_LE(v.max_relative_error, kRelativeTolerance);
    EXPECT_TRUE(v.first_failure.empty());
  }
}

TEST(Verify, NamesAFlippedElement) {
  const Layer layer = small_conv();
  const PassTensors tensors = random_pass_tensors(layer, Pass::fwd, 11);
  std::vector<float> result = reference_result(layer, Pass::fwd, tensors);
  // y is N=2 K=4 P=5 Q=6; index ((1 * 4 + 2) * 5 + 3) * 6 + 4 = 202 is n=1 k=2 p=3 q=4.
  result[202] = -result[202];
  const Verification v = verify(layer, Pass::fwd, tensors, result);
  EXPECT_FALSE(v.passed);
  EXPECT_EQ(v.failures, 1);
  EXPECT_GT(v.max_relative_error, kRelativeTolerance);
  EXPECT_NE(v.first_failure.find("index 202 (n=1 k=2 p=3 q=4)"), std::string::npos)
      << v.first_failure;
  EXPECT_NE(v.first_failure.find("got"), std::string::npos);
  EXPECT_NE(v.first_failure.find("expected"), std::string::npos);
}

TEST(Verify, SamplesHoldTheCornersOfALargeResult) {
  const Layer layer = small_conv();  // y has 240 elements
  const PassTensors tensors = random_pass_tensors(layer, Pass::fwd, 3);
  std::vector<float> result = reference_result(layer, Pass::fwd, tensors);
  // The last element (n=1 k=3 p=4 q=5) is a corner; an 8-point sample must still see it.
  result.back() += 1.0f;
  const Verification v = verify(layer, Pass::fwd, tensors, result, 8);
  EXPECT_FALSE(v.passed);
  EXPECT_LT(v.checked, 240);
  EXPECT_GE(v.checked, 8);
  EXPECT_NE(v.first_failure.find("index 239 (n=1 k=3 p=4 q=5)"), std::string::npos)
      << v.first_failure;
  // A corner that is not first or last: n=0 k=3 p=0 q=5 = ((0 * 4 + 3) * 5 + 0) * 6 + 5 = 95.
  result.back() -= 1.0f;
  result[95] += 1.0f;
  EXPECT_NE(verify(layer, Pass::fwd, tensors, result, 8).first_failure.find("index 95 "),
            std::string::npos);
}

TEST(Verify, RejectsAResultOfTheWrongSizeAndNaN) {
  const Layer layer = small_conv();
  const PassTensors tensors = random_pass_tensors(layer, Pass::bwd_data, 5);
  std::vector<float> result = reference_result(layer, Pass::bwd_data, tensors);
  std::vector<float> short_result(result.begin(), result.end() - 1);
  const Verification wrong_size = verify(layer, Pass::bwd_data, tensors, short_result);
  EXPECT_FALSE(wrong_size.passed);
  EXPECT_NE(wrong_size.first_failure.find("elements"), std::string::npos);

  result[17] = std::numeric_limits<float>::quiet_NaN();
  const Verification nan = verify(layer, Pass::bwd_data, tensors, result);
  EXPECT_FALSE(nan.passed);
  EXPECT_EQ(nan.failures, 1);
  EXPECT_NE(nan.first_failure.find("index 17 "), std::string::npos) << nan.first_failure;
}

}  // namespace
}  // namespace roof::kernels
