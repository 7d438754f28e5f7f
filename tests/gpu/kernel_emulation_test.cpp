// Our CUDA kernels proved on the CPU: every (block, thread) of the launch the runner makes runs
// the same per-thread function nvcc compiles, and the result is compared point by point with the
// float64 reference. Results start as NaN, so an element no thread writes fails too.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "kernels/cpu/verify.hpp"
#include "kernels/cuda/direct_conv_threads.hpp"
#include "kernels/cuda/im2col_gemm_plan.hpp"
#include "kernels/cuda/layer_geometry.hpp"
#include "kernels/runner.hpp"
#include "tests/gpu/launch_emulator.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::cuda {
namespace {

using kernels::testing::layer_from;

// The CPU runners' small layers (every kind of window), plus several blocks of threads and GEMMs
// whose M, N and K are not multiples of the 16x16 tile (edge tiles in every direction).
std::vector<Layer> emulated_layers() {
  std::vector<Layer> layers = kernels::testing::small_layers();
  for (Layer layer : {
           layer_from("mb2ic8ih9oc20kh3ph1n\"many_blocks\"", true),
           // 1x1 on a 1 x 53 image: the GEMM is exactly M = 37 filters, N = 53 pixels, K = 29.
           layer_from("mb1ic29ih1iw53oc37kh1kw1n\"gemm_37x53x29\""),
           layer_from("mb2ic29ih1iw53oc37kh1kw1n\"gemm_37x53x29_bias_batch2\"", true),
           layer_from("mb1ic32ih4iw4oc16kh1kw1n\"gemm_whole_tiles\""),
           layer_from("mb1ic5ih13iw11oc18kh3kw3ph1pw1n\"im2col_k45_m18_n143\"", true),
       }) {
    layers.push_back(layer);
  }
  return layers;
}

std::vector<float> poisoned_result(const Layer& layer, Pass pass) {
  return std::vector<float>(static_cast<std::size_t>(kernels::result_elements(layer, pass)),
                            std::numeric_limits<float>::quiet_NaN());
}

void expect_matches_reference(const Layer& layer, Pass pass, const kernels::PassTensors& tensors,
                              const std::vector<float>& result) {
  const std::int64_t every_point = kernels::result_elements(layer, pass);
  const kernels::Verification v = kernels::verify(layer, pass, tensors, result, every_point);
  EXPECT_TRUE(v.passed) << layer.name << " " << to_string(pass) << ": " << v.first_failure;
  EXPECT_EQ(v.checked, every_point);
}

class EmulatedKernel : public ::testing::TestWithParam<int> {
 protected:
  Layer layer() const { return emulated_layers()[static_cast<std::size_t>(GetParam())]; }
};

TEST_P(EmulatedKernel, Im2colTiledSgemmFwd) {
  const Layer l = layer();
  const kernels::PassTensors t = kernels::random_pass_tensors(l, Pass::fwd, 7);
  const ConvGeometry d = conv_geometry(l);
  std::vector<float> columns(static_cast<std::size_t>(column_rows(d) * d.P * d.Q),
                             std::numeric_limits<float>::quiet_NaN());
  std::vector<float> y = poisoned_result(l, Pass::fwd);
  im2col_gemm_fwd(d, t.x.data(), t.w.data(), l.bias ? t.bias.data() : nullptr, columns.data(),
                  y.data(), testing::EmulatedLaunch{});
  expect_matches_reference(l, Pass::fwd, t, y);
}

TEST_P(EmulatedKernel, DirectFwd) {
  const Layer l = layer();
  const kernels::PassTensors t = kernels::random_pass_tensors(l, Pass::fwd, 8);
  const ConvGeometry d = conv_geometry(l);
  std::vector<float> y = poisoned_result(l, Pass::fwd);
  const float* bias = l.bias ? t.bias.data() : nullptr;
  testing::run_every_thread(direct_launch(d.N * d.K * d.P * d.Q), [&](Index3 b, Index3 th) {
    direct_fwd_thread(d, b, th, t.x.data(), t.w.data(), bias, y.data());
  });
  expect_matches_reference(l, Pass::fwd, t, y);
}

TEST_P(EmulatedKernel, DirectBwdData) {
  const Layer l = layer();
  const kernels::PassTensors t = kernels::random_pass_tensors(l, Pass::bwd_data, 9);
  const ConvGeometry d = conv_geometry(l);
  std::vector<float> dx = poisoned_result(l, Pass::bwd_data);
  testing::run_every_thread(direct_launch(d.N * d.C * d.H * d.W), [&](Index3 b, Index3 th) {
    direct_bwd_data_thread(d, b, th, t.dy.data(), t.w.data(), dx.data());
  });
  expect_matches_reference(l, Pass::bwd_data, t, dx);
}

TEST_P(EmulatedKernel, DirectBwdWeights) {
  const Layer l = layer();
  const kernels::PassTensors t = kernels::random_pass_tensors(l, Pass::bwd_weights, 10);
  const ConvGeometry d = conv_geometry(l);
  std::vector<float> dw = poisoned_result(l, Pass::bwd_weights);
  const std::int64_t elements = d.K * d.channels_per_group() * d.R * d.S;
  testing::run_every_thread(direct_launch(elements), [&](Index3 b, Index3 th) {
    direct_bwd_weights_thread(d, b, th, t.x.data(), t.dy.data(), dw.data());
  });
  expect_matches_reference(l, Pass::bwd_weights, t, dw);
}

std::string layer_name(const ::testing::TestParamInfo<int>& info) {
  return emulated_layers()[static_cast<std::size_t>(info.param)].name;
}

INSTANTIATE_TEST_SUITE_P(SmallLayers, EmulatedKernel,
                         ::testing::Range(0, static_cast<int>(emulated_layers().size())),
                         layer_name);

// The launch shapes the runner uses cover the problem with the fewest whole blocks.
TEST(LaunchShapes, CoverTheProblemWithPartialLastBlocks) {
  SgemmArgs gemm;
  gemm.M = 37;
  gemm.N = 53;
  gemm.K = 29;
  const LaunchShape s = sgemm_launch(gemm);
  EXPECT_EQ(s.grid.x, 4u);  // ceil(53 / 16) columns of tiles
  EXPECT_EQ(s.grid.y, 3u);  // ceil(37 / 16) rows of tiles
  EXPECT_EQ(s.block.x, 16u);
  EXPECT_EQ(s.block.y, 16u);
  EXPECT_EQ(sgemm_steps(gemm), 2);  // ceil(29 / 16) steps along K
  EXPECT_EQ(direct_launch(257).grid.x, 2u);
  EXPECT_EQ(direct_launch(256).grid.x, 1u);
  EXPECT_THROW(direct_launch(0), std::length_error);
  gemm.M = std::int64_t{16} * 65536;  // one tile row more than CUDA allows in y
  EXPECT_THROW(sgemm_launch(gemm), std::length_error);
}

}  // namespace
}  // namespace roof::cuda
