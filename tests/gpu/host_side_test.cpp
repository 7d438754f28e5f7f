// What the GPU back end does on the host, testable on any machine: the channels-last
// conversions, the options, the tolerance rule, and runners that can be listed and asked what
// they support without a GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/host_layout.hpp"
#include "kernels/gpu_runner.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::cuda {
namespace {

using kernels::GpuRunnerOptions;
using kernels::testing::layer_from;

TEST(HostLayout, ChannelsLastMovesTheSecondExtentLast) {
  // 1 x 2 x 2 x 3: value = channel * 100 + row * 10 + col.
  const ChannelsFirst extent{1, 2, 2, 3};
  std::vector<float> plain;
  for (int c = 0; c < 2; ++c) {
    for (int r = 0; r < 2; ++r) {
      for (int s = 0; s < 3; ++s) plain.push_back(static_cast<float>(c * 100 + r * 10 + s));
    }
  }
  const std::vector<float> last = to_channels_last(plain, extent);
  const std::vector<float> expected = {0, 100, 1, 101, 2, 102, 10, 110, 11, 111, 12, 112};
  EXPECT_EQ(last, expected);
  EXPECT_EQ(to_channels_first(last, extent), plain);
  EXPECT_THROW(to_channels_last(plain, {2, 2, 2, 3}), std::invalid_argument);
}

TEST(HostLayout, RoundTripsARandomTensor) {
  const ChannelsFirst extent{3, 5, 4, 7};
  std::vector<float> plain(3 * 5 * 4 * 7);
  for (std::size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<float>(i);
  EXPECT_EQ(to_channels_first(to_channels_last(plain, extent), extent), plain);
}

TEST(GpuRunnerOptions, ParseAndPrint) {
  EXPECT_EQ(kernels::parse_math_mode("tf32"), GpuRunnerOptions::MathMode::tf32);
  EXPECT_EQ(kernels::parse_layout("nhwc"), GpuRunnerOptions::Layout::nhwc);
  EXPECT_THROW(kernels::parse_math_mode("fast"), std::invalid_argument);
  EXPECT_THROW(kernels::parse_layout("chwn"), std::invalid_argument);
  EXPECT_EQ(kernels::describe(GpuRunnerOptions{}),
            "fp32 nchw default_math, workspace limit 256 MiB");
}

TEST(GpuRunnerOptions, ValidateRefusesWhatNoRunnerTakes) {
  EXPECT_NO_THROW(kernels::validate(GpuRunnerOptions{}));
  GpuRunnerOptions bf16;
  bf16.dtype = DType::bf16;
  EXPECT_THROW(kernels::validate(bf16), std::invalid_argument);
  GpuRunnerOptions half_tf32;
  half_tf32.dtype = DType::fp16;
  half_tf32.math = GpuRunnerOptions::MathMode::tf32;
  EXPECT_THROW(kernels::validate(half_tf32), std::invalid_argument);
  EXPECT_THROW(kernels::make_gpu_runners(half_tf32), std::invalid_argument);
}

TEST(Tolerance, ReducedPrecisionIsLooserAndStillCatchesNan) {
  GpuRunnerOptions options;
  EXPECT_EQ(kernels::relative_tolerance(options), kernels::kRelativeTolerance);
  options.math = GpuRunnerOptions::MathMode::tf32;
  EXPECT_EQ(kernels::relative_tolerance(options), kernels::kReducedPrecisionTolerance);

  kernels::Verification v;
  v.checked = 10;
  v.failures = 3;
  v.max_relative_error = 1e-3;  // fails fp32, passes reduced precision
  EXPECT_FALSE(kernels::passes(v, kernels::kRelativeTolerance));
  EXPECT_TRUE(kernels::passes(v, kernels::kReducedPrecisionTolerance));
  v.max_relative_error = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(kernels::passes(v, kernels::kReducedPrecisionTolerance));
  v = kernels::Verification{};  // nothing checked: a result of the wrong size
  EXPECT_FALSE(kernels::passes(v, kernels::kReducedPrecisionTolerance));
}

std::vector<std::string> names(const GpuRunnerOptions& options) {
  std::vector<std::string> list;
  for (const auto& runner : kernels::make_gpu_runners(options)) list.emplace_back(runner->name());
  return list;
}

TEST(GpuRunners, AreListedAndAnswerSupportsWithoutAGpu) {
#ifdef ROOF_HAVE_CUDNN
  const std::vector<std::string> expected = {"cudnn", "cublas", "cuda"};
#else
  const std::vector<std::string> expected = {"cublas", "cuda"};
#endif
  EXPECT_EQ(names(GpuRunnerOptions{}), expected);

  const Layer conv3x3 = layer_from("mb2ic8ih5oc6kh3ph1n\"conv3x3\"");
  const Layer conv1x1 = layer_from("mb2ic8ih5oc6kh1n\"conv1x1\"");
  const Layer fc = layer_from("mb2ic64oc10n\"fc\"");
  GpuRunnerOptions half;
  half.dtype = DType::fp16;
  half.math = GpuRunnerOptions::MathMode::tensor_op;
  for (const auto& runner : kernels::make_gpu_runners(GpuRunnerOptions{})) {
    const std::string name(runner->name());
    EXPECT_FALSE(runner->description().empty()) << name;
    EXPECT_EQ(runner->algorithm(), "") << name << ": nothing prepared yet";
    EXPECT_EQ(runner->supports(conv3x3, Pass::fwd), name != "cublas") << name;
    EXPECT_TRUE(runner->supports(conv1x1, Pass::bwd_weights)) << name;
    EXPECT_EQ(runner->supports(fc, Pass::bwd_data), name != "cudnn") << name;
  }
  for (const auto& runner : kernels::make_gpu_runners(half)) {
    // Our kernels are fp32 only; the libraries take fp16.
    EXPECT_EQ(runner->supports(conv1x1, Pass::fwd), runner->name() != "cuda") << runner->name();
  }
}

TEST(GpuRunners, RefuseToEnqueueBeforePrepare) {
  for (const auto& runner : kernels::make_gpu_runners(GpuRunnerOptions{})) {
    EXPECT_THROW(runner->enqueue(nullptr), std::runtime_error) << runner->name();
    EXPECT_THROW(runner->result(), std::runtime_error) << runner->name();
  }
}

TEST(DeviceBuffer, EmptyBuffersNeedNoGpuAndMove) {
  DeviceBuffer<float> a;
  DeviceBuffer<float> b(0);
  EXPECT_EQ(a.get(), nullptr);
  EXPECT_EQ(b.bytes(), 0u);
  DeviceBuffer<float> c(std::move(a));
  b = std::move(c);
  EXPECT_EQ(b.get(), nullptr);
}

}  // namespace
}  // namespace roof::cuda
