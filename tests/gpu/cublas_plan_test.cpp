// The cuBLAS runner's GEMM plans executed by a column-major GEMM on the CPU that reads memory
// exactly as cuBLAS documents it (element (i, j) of op's operand at i + j ld, transposes swap the
// roles), in both layouts, against the float64 reference. This proves every transpose, leading
// dimension, stride and offset of cublas_plan.cpp without a GPU; on a GPU, gpu_runners_test.cpp
// then checks that cuBLAS agrees.
#include <gtest/gtest.h>

#include <array>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "kernels/cpu/verify.hpp"
#include "kernels/cublas/cublas_plan.hpp"
#include "kernels/cuda/host_layout.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::cuda {
namespace {

using kernels::testing::layer_from;
using Layout = kernels::GpuRunnerOptions::Layout;

using Tensors = std::array<std::vector<float>, 6>;  // indexed by Operand

float& at(Tensors& t, const MatrixView& v, std::int64_t batch, std::int64_t i, std::int64_t j) {
  auto& tensor = t[static_cast<std::size_t>(v.tensor)];
  const std::int64_t index = v.offset + batch * v.stride + i + j * v.ld;
  return tensor.at(static_cast<std::size_t>(index));  // .at(): a wrong plan throws, not corrupts
}

// C = op(A) op(B) + beta C for every batch entry, summed in double.
void cpu_gemm(const GemmCall& call, Tensors& t) {
  for (std::int64_t b = 0; b < call.batch; ++b) {
    for (std::int64_t i = 0; i < call.m; ++i) {
      for (std::int64_t j = 0; j < call.n; ++j) {
        double sum = 0.0;
        for (std::int64_t p = 0; p < call.k; ++p) {
          const float a = call.transpose_a ? at(t, call.a, b, p, i) : at(t, call.a, b, i, p);
          const float bb = call.transpose_b ? at(t, call.b, b, j, p) : at(t, call.b, b, p, j);
          sum += static_cast<double>(a) * bb;
        }
        float& c = at(t, call.c, b, i, j);
        const double previous = call.beta == 0.0f ? 0.0 : call.beta * static_cast<double>(c);
        c = static_cast<float>(sum + previous);
      }
    }
  }
}

std::vector<float> maybe_channels_last(const std::vector<float>& plain, ChannelsFirst extent,
                                       Layout layout) {
  // Only the tensors the pass reads exist.
  return layout == Layout::nhwc && !plain.empty() ? to_channels_last(plain, extent) : plain;
}

// What the runner's upload_pass() and download_result() do, with host vectors for device ones.
std::vector<float> run_plan(const Layer& layer, Pass pass, Layout layout,
                            const kernels::PassTensors& in) {
  const Shape& s = layer.shape;
  const ChannelsFirst x_extent{s.N, s.C, s.H, s.W}, y_extent{s.N, s.K, s.P, s.Q};
  const CublasPlan plan = cublas_plan(layer, pass, layout);
  Tensors t;
  t[static_cast<std::size_t>(Operand::x)] = maybe_channels_last(in.x, x_extent, layout);
  t[static_cast<std::size_t>(Operand::w)] = in.w;  // K x C: the same in both layouts
  t[static_cast<std::size_t>(Operand::bias)] = in.bias;
  t[static_cast<std::size_t>(Operand::dy)] = maybe_channels_last(in.dy, y_extent, layout);
  t[static_cast<std::size_t>(Operand::ones)].assign(static_cast<std::size_t>(plan.ones), 1.0f);
  t[static_cast<std::size_t>(Operand::result)].assign(
      static_cast<std::size_t>(kernels::result_elements(layer, pass)),
      std::numeric_limits<float>::quiet_NaN());  // the first call must write every element
  for (const GemmCall& call : plan.calls) cpu_gemm(call, t);
  const std::vector<float>& result = t[static_cast<std::size_t>(Operand::result)];
  if (layout == Layout::nchw || pass == Pass::bwd_weights) return result;
  return to_channels_first(result, pass == Pass::fwd ? y_extent : x_extent);
}

std::vector<Layer> gemm_layers() {
  return {
      layer_from("mb3ic37oc11n\"fc_bias_batch3\"", true),
      layer_from("mb1ic64oc10n\"fc_batch1\""),
      layer_from("mb2ic8ih5iw7oc6kh1kw1n\"conv1x1\""),
      layer_from("mb3ic5ih3iw4oc7kh1kw1n\"conv1x1_bias_batch3\"", true),
      layer_from("mb1ic16ih1iw1oc3kh1kw1n\"conv1x1_one_pixel\"", true),
  };
}

using Case = std::tuple<int, Pass, Layout>;

class CublasPlanOnCpu : public ::testing::TestWithParam<Case> {};

TEST_P(CublasPlanOnCpu, MatchesTheReference) {
  const auto& [index, pass, layout] = GetParam();
  const Layer layer = gemm_layers()[static_cast<std::size_t>(index)];
  ASSERT_TRUE(cublas_plan_applies(layer));
  const kernels::PassTensors tensors = kernels::random_pass_tensors(layer, pass, 31);
  const std::vector<float> result = run_plan(layer, pass, layout, tensors);
  const kernels::Verification v = kernels::verify(layer, pass, tensors, result);
  EXPECT_TRUE(v.passed) << v.first_failure;
  EXPECT_EQ(v.checked, kernels::result_elements(layer, pass));
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  const auto& [index, pass, layout] = info.param;
  return gemm_layers()[static_cast<std::size_t>(index)].name + "_" + std::string(to_string(pass)) +
         "_" + std::string(kernels::to_string(layout));
}

INSTANTIATE_TEST_SUITE_P(
    GemmLayers, CublasPlanOnCpu,
    ::testing::Combine(::testing::Range(0, static_cast<int>(gemm_layers().size())),
                       ::testing::ValuesIn(kAllPasses),
                       ::testing::Values(Layout::nchw, Layout::nhwc)),
    case_name);

TEST(CublasPlan, CoversExactlyTheLayersThatAreOneGemm) {
  EXPECT_TRUE(cublas_plan_applies(layer_from("mb2ic8ih5oc6kh1n\"plain\"")));
  EXPECT_FALSE(cublas_plan_applies(layer_from("mb2ic8ih5oc6kh3ph1n\"3x3\"")));
  EXPECT_FALSE(cublas_plan_applies(layer_from("mb1ic6ih7oc4kh1sh2n\"strided\"")));
  EXPECT_FALSE(cublas_plan_applies(layer_from("g2mb1ic6ih7oc4kh1n\"grouped\"")));
  EXPECT_FALSE(cublas_plan_applies(layer_from("mb1ic6ih7oc4kh1ph1n\"padded\"")));
  EXPECT_THROW(cublas_plan(layer_from("mb2ic8ih5oc6kh3ph1n\"3x3\""), Pass::fwd, Layout::nchw),
               std::invalid_argument);
}

TEST(CublasPlan, BwdWeightsInNchwIsOneGemmPerImageAccumulating) {
  const CublasPlan plan =
      cublas_plan(layer_from("mb4ic8ih5oc6kh1n\"batch4\""), Pass::bwd_weights, Layout::nchw);
  ASSERT_EQ(plan.calls.size(), 4u);
  EXPECT_EQ(plan.calls[0].beta, 0.0f);
  for (std::size_t n = 1; n < plan.calls.size(); ++n) EXPECT_EQ(plan.calls[n].beta, 1.0f);
  const CublasPlan nhwc =
      cublas_plan(layer_from("mb4ic8ih5oc6kh1n\"batch4\""), Pass::bwd_weights, Layout::nhwc);
  EXPECT_EQ(nhwc.calls.size(), 1u);  // channels-last: one GEMM over every pixel
}

TEST(CublasPlan, RefusesDimensionsBeyondInt) {
  const Layer wide = layer_from("mb1ic3000000000oc1n\"wide_fc\"");
  EXPECT_FALSE(fits_cublas_int(cublas_plan(wide, Pass::fwd, Layout::nchw)));
  EXPECT_TRUE(
      fits_cublas_int(cublas_plan(layer_from("mb1ic64oc10n\"fc\""), Pass::fwd, Layout::nchw)));
}

}  // namespace
}  // namespace roof::cuda
