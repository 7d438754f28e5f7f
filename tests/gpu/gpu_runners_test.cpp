// Every runner of make_gpu_runners() against the float64 reference, all three passes, on small
// layers and under several options. Needs a GPU: skips itself (never fails) without one.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "kernels/cuda/cuda_runner.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "kernels/cuda/stream.hpp"
#include "kernels/gpu_runner.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::cuda {
namespace {

using kernels::GpuRunnerOptions;
using kernels::testing::layer_from;

std::vector<Layer> small_layers() {
  return {
      layer_from("mb2ic3ih7iw9oc4kh3kw3ph1pw1n\"odd_7x9\""),
      layer_from("mb1ic4ih9iw8oc5kh3kw3sh2sw2ph1pw1n\"stride2\""),
      layer_from("g2mb2ic4ih6iw5oc6kh3kw3ph1pw1n\"groups2\""),
      layer_from("mb1ic3ih9iw10oc4kh3kw3ph2pw2dh1dw1n\"dilation1\""),
      layer_from("mb3ic3ih11oc4kh5ph2n\"conv5x5_bias_batch3\"", true),
      layer_from("mb2ic32ih14oc48kh3ph1n\"conv3x3_winograd_shape\"", true),
      layer_from("mb2ic8ih5iw7oc6kh1kw1n\"conv1x1\""),
      layer_from("mb3ic24ih7oc16kh1n\"conv1x1_bias_batch3\"", true),
      layer_from("mb1ic6ih7oc4kh1sh2n\"conv1x1_stride2\""),
      layer_from("mb3ic37oc11n\"fc_bias_batch3\"", true),
      layer_from("mb4ic256oc64n\"fc_batch4\""),
  };
}

struct NamedOptions {
  std::string name;
  GpuRunnerOptions options;
};

std::vector<NamedOptions> option_sets() {
  GpuRunnerOptions nhwc;
  nhwc.layout = GpuRunnerOptions::Layout::nhwc;
  GpuRunnerOptions tf32;
  tf32.math = GpuRunnerOptions::MathMode::tf32;
  GpuRunnerOptions half;
  half.dtype = DType::fp16;
  half.math = GpuRunnerOptions::MathMode::tensor_op;
  half.layout = GpuRunnerOptions::Layout::nhwc;
  return {
      {"fp32_nchw", {}}, {"fp32_nhwc", nhwc}, {"tf32_nchw", tf32}, {"fp16_nhwc_tensor_op", half}};
}

// option set, layer, pass; each test runs every runner that supports the case.
using Case = std::tuple<int, int, Pass>;

class GpuRunnersMatchReference : public ::testing::TestWithParam<Case> {};

TEST_P(GpuRunnersMatchReference, OnRandomInputs) {
  const CudaProbe probe = probe_cuda();
  if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason;
  const auto& [options_index, layer_index, pass] = GetParam();
  const GpuRunnerOptions& options = option_sets()[static_cast<std::size_t>(options_index)].options;
  const Layer layer = small_layers()[static_cast<std::size_t>(layer_index)];
  const kernels::PassTensors tensors = kernels::random_pass_tensors(layer, pass, 2024);
  const double tolerance = kernels::relative_tolerance(options);
  const Stream stream;
  for (const auto& runner : kernels::make_gpu_runners(options)) {
    if (!runner->supports(layer, pass)) continue;
    SCOPED_TRACE(runner->description());
    runner->prepare(layer, pass, tensors, stream.get());
    // Twice: a second execution must not accumulate onto the first.
    runner->enqueue(stream.get());
    runner->enqueue(stream.get());
    const kernels::Verification v = kernels::verify(layer, pass, tensors, runner->result());
    EXPECT_TRUE(kernels::passes(v, tolerance))
        << runner->name() << ", algorithm: " << runner->algorithm() << "\nmax error "
        << v.max_relative_error << " of the term magnitude, tolerance " << tolerance << "\n"
        << v.first_failure;
    EXPECT_EQ(v.checked, kernels::result_elements(layer, pass)) << runner->name();
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  const auto& [options, layer, pass] = info.param;
  return option_sets()[static_cast<std::size_t>(options)].name + "_" +
         small_layers()[static_cast<std::size_t>(layer)].name + "_" + std::string(to_string(pass));
}

INSTANTIATE_TEST_SUITE_P(
    AllRunners, GpuRunnersMatchReference,
    ::testing::Combine(::testing::Range(0, static_cast<int>(option_sets().size())),
                       ::testing::Range(0, static_cast<int>(small_layers().size())),
                       ::testing::ValuesIn(kAllPasses)),
    case_name);

// The direct forward kernel, which make_gpu_runners() leaves out ("cuda" runs fwd as
// im2col + SGEMM), on the same layers.
class DirectFwdMatchesReference : public ::testing::TestWithParam<int> {};

TEST_P(DirectFwdMatchesReference, OnRandomInputs) {
  const CudaProbe probe = probe_cuda();
  if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason;
  const Layer layer = small_layers()[static_cast<std::size_t>(GetParam())];
  CudaRunner runner(GpuRunnerOptions{}, CudaRunner::FwdAlgorithm::direct);
  const Stream stream;
  const kernels::PassTensors tensors = kernels::random_pass_tensors(layer, Pass::fwd, 5);
  runner.prepare(layer, Pass::fwd, tensors, stream.get());
  runner.enqueue(stream.get());
  const kernels::Verification v = kernels::verify(layer, Pass::fwd, tensors, runner.result());
  EXPECT_TRUE(v.passed) << v.first_failure;
}

std::string layer_name(const ::testing::TestParamInfo<int>& info) {
  return small_layers()[static_cast<std::size_t>(info.param)].name;
}

INSTANTIATE_TEST_SUITE_P(SmallLayers, DirectFwdMatchesReference,
                         ::testing::Range(0, static_cast<int>(small_layers().size())), layer_name);

}  // namespace
}  // namespace roof::cuda
