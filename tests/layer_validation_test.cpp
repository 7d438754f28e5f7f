// Impossible shapes and bad options are refused with an InputError that names the problem.
#include <gtest/gtest.h>

#include "tests/test_helpers.hpp"

#include "networks/catalogue.hpp"
#include "networks/dtype.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;
using testing_helpers::find_layer;

Layer conv(std::int64_t hw, std::int64_t r, std::int64_t pad, std::int64_t out) {
  Layer layer{.name = "bad", .op = Op::conv};
  layer.shape.C = 8;
  layer.shape.K = 8;
  layer.shape.H = layer.shape.W = hw;
  layer.shape.R = layer.shape.S = r;
  layer.shape.pad_h = layer.shape.pad_w = pad;
  layer.shape.P = layer.shape.Q = out;
  return layer;
}

TEST(LayerValidation, AcceptsAConsistentConvolution) {
  EXPECT_NO_THROW(validate(conv(56, 3, 1, 56)));
}

TEST(LayerValidation, KernelLargerThanThePaddedInput) {
  expect_input_error([] { validate(conv(3, 5, 0, 1)); }, "larger than the padded input");
}

TEST(LayerValidation, OutputThatDoesNotFollowFromTheWindow) {
  expect_input_error([] { validate(conv(56, 3, 1, 57)); }, "does not follow");
}

TEST(LayerValidation, GroupsMustDivideTheChannels) {
  Layer layer = conv(56, 3, 1, 56);
  layer.shape.groups = 3;
  expect_input_error([&] { validate(layer); }, "groups 3 must divide");
}

TEST(LayerValidation, NonPositiveExtents) {
  Layer layer = conv(56, 3, 1, 56);
  layer.shape.K = 0;
  expect_input_error([&] { validate(layer); }, "K must be positive");
  layer = conv(56, 3, -1, 56);
  expect_input_error([&] { validate(layer); }, "must not be negative");
}

TEST(LayerValidation, BatchMustBeAtLeastOne) {
  expect_input_error(
      [] {
        build_network("resnet50", {Dataset::imagenet, 0, false});
      },
      "batch must be at least 1");
  expect_input_error(
      [] {
        build_network("resnet50", {Dataset::imagenet, -4, false});
      },
      "batch must be at least 1");
}

TEST(LayerValidation, UnknownNetworkListsTheKnownOnes) {
  expect_input_error([] { build_network("resnet51", {}); }, "unknown network 'resnet51'");
  expect_input_error([] { build_network("resnet51", {}); }, "resnet50_v1_5");
}

TEST(LayerValidation, NetworksWithoutACifarForm) {
  expect_input_error(
      [] {
        build_network("alexnet", {Dataset::cifar10, 1, false});
      },
      "only an imagenet form");
}

TEST(LayerValidation, UnknownDatasetAndDtype) {
  expect_input_error([] { parse_dataset("mnist"); }, "unknown dataset 'mnist'");
  expect_input_error([] { parse_dtype("fp8"); }, "unknown dtype 'fp8'");
}

}  // namespace
}  // namespace roof
