// benchdnn descriptors: the printed form, the parser's defaults, round trips and bad input.
#include <gtest/gtest.h>

#include "tests/test_helpers.hpp"

#include "networks/catalogue.hpp"
#include "networks/descriptor.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;
using testing_helpers::find_layer;

TEST(Descriptor, PrintsTheIssueExample) {
  const Network net = build_network("resnet50", {});
  EXPECT_EQ(to_descriptor(find_layer(net, "layer1.0.conv2"), net.name),
            "mb1ic64ih56oc64oh56kh3ph1n\"resnet50:layer1.0.conv2\"");
}

TEST(Descriptor, PrintsGroupsStridesAndFc) {
  const Network alexnet = build_network("alexnet", {Dataset::imagenet, 32, false});
  EXPECT_EQ(to_descriptor(find_layer(alexnet, "conv1"), "alexnet"),
            "mb32ic3ih227oc96oh55kh11sh4n\"alexnet:conv1\"");
  EXPECT_EQ(to_descriptor(find_layer(alexnet, "conv2"), "alexnet"),
            "g2mb32ic96ih27oc256oh27kh5ph2n\"alexnet:conv2\"");
  EXPECT_EQ(to_descriptor(find_layer(alexnet, "fc6"), "alexnet"),
            "mb32ic9216oc4096n\"alexnet:fc6\"");
  EXPECT_THROW(to_descriptor(find_layer(alexnet, "pool1"), "alexnet"), InputError);
}

// What a bench_layers row's context gives to reproduce it with benchdnn: the driver, the
// direction of the pass (bias or not) and the descriptor.
TEST(Descriptor, BenchdnnArgumentsOfEachPass) {
  const Network alexnet = build_network("alexnet", {Dataset::imagenet, 32, false});
  const Layer& conv2 = find_layer(alexnet, "conv2");
  const std::string descriptor = "g2mb32ic96ih27oc256oh27kh5ph2n\"alexnet:conv2\"";
  EXPECT_EQ(benchdnn_arguments(conv2, "alexnet", Pass::fwd), "--conv --dir=FWD_B " + descriptor);
  EXPECT_EQ(benchdnn_arguments(conv2, "alexnet", Pass::bwd_data),
            "--conv --dir=BWD_D " + descriptor);
  EXPECT_EQ(benchdnn_arguments(conv2, "alexnet", Pass::bwd_weights),
            "--conv --dir=BWD_WB " + descriptor);
  Layer no_bias = find_layer(alexnet, "fc6");
  no_bias.bias = false;
  EXPECT_EQ(benchdnn_arguments(no_bias, "alexnet", Pass::fwd),
            "--ip --dir=FWD_D mb32ic9216oc4096n\"alexnet:fc6\"");
  EXPECT_EQ(benchdnn_arguments(no_bias, "alexnet", Pass::bwd_weights),
            "--ip --dir=BWD_W mb32ic9216oc4096n\"alexnet:fc6\"");
  EXPECT_THROW(benchdnn_arguments(find_layer(alexnet, "pool1"), "alexnet", Pass::fwd), InputError);
}

// benchdnn's own example from driver_conv.md, with '_' separators and every field explicit.
TEST(Descriptor, ParsesBenchdnnCanonicalFormWithDefaults) {
  const ParsedDescriptor d =
      parse_descriptor("ic3ih227iw227_oc96oh55ow55_kh11kw11_sh4sw4ph0pw0_n\"alexnet:conv1\"");
  EXPECT_EQ(d.network, "alexnet");
  EXPECT_EQ(d.layer.name, "conv1");
  EXPECT_EQ(d.layer.op, Op::conv);
  const Shape& s = d.layer.shape;
  EXPECT_EQ(s.N, 2);  // benchdnn's default minibatch
  EXPECT_EQ(s.C, 3);
  EXPECT_EQ(s.H, 227);
  EXPECT_EQ(s.K, 96);
  EXPECT_EQ(s.P, 55);
  EXPECT_EQ(s.R, 11);
  EXPECT_EQ(s.stride_w, 4);
  EXPECT_EQ(s.groups, 1);
}

TEST(Descriptor, DeducesOutputAndPadding) {
  // Output from the padding: 56 + 2 - 3 = 55, / 2 + 1 = 28.
  EXPECT_EQ(parse_descriptor("mb1ic64ih56oc128kh3sh2ph1").layer.shape.P, 28);
  // Padding from the output: the smallest pad that yields 28 is 1.
  const Shape s = parse_descriptor("mb1ic64ih56oc128oh28kh3sh2").layer.shape;
  EXPECT_EQ(s.pad_h, 1);
  EXPECT_EQ(s.pad_w, 1);
  EXPECT_EQ(s.Q, 28);
  // Non-square input and dilation (benchdnn counts dilation from 0: dh1 spreads a 3x3 to 5x5).
  const Shape d = parse_descriptor("mb1ic8ih20iw30oc8kh3kw3dh1dw1").layer.shape;
  EXPECT_EQ(d.P, 16);
  EXPECT_EQ(d.Q, 26);
  EXPECT_EQ(d.dilation_w, 1);
}

TEST(Descriptor, InnerProductIsAnFcWithFlattenedInputs) {
  const ParsedDescriptor d = parse_descriptor("mb64ic256ih6iw6oc4096n\"owt:fc6\"");
  EXPECT_EQ(d.layer.op, Op::fc);
  EXPECT_EQ(d.layer.shape.C, 9216);
  EXPECT_EQ(d.layer.shape.K, 4096);
  EXPECT_EQ(d.layer.shape.N, 64);
  // Forced to the conv driver, the same text lacks a kernel.
  expect_input_error([] { parse_descriptor("mb64ic256ih6oc4096", DescriptorDriver::conv); }, "kh");
}

TEST(Descriptor, MalformedDescriptorsNameTheProblem) {
  expect_input_error([] { parse_descriptor("mb1ic64ih56oc64oh56kh3xx4"); }, "unknown field 'xx'");
  expect_input_error([] { parse_descriptor("mb1ih56oc64kh3"); }, "ic (input channels)");
  expect_input_error([] { parse_descriptor("mb1ic64ih56oc64kh"); }, "needs an integer");
  expect_input_error([] { parse_descriptor("mb1ic64ih3oc64kh5"); }, "larger than the padded");
  expect_input_error([] { parse_descriptor("mb1ic64ih56oc64oh57kh3ph1"); },
                     "oh57 with ph1 needs asymmetric padding (1 left, 2 right");
  expect_input_error([] { parse_descriptor("mb1ic64id8ih56oc64kh3"); }, "3-D");
  expect_input_error([] { parse_descriptor("mb1ic64ic32ih56oc64kh3"); }, "appears twice");
  expect_input_error([] { parse_descriptor("g3mb1ic64ih56oc64kh3"); }, "groups 3 must divide");
  expect_input_error([] { parse_descriptor("mb0ic64ih56oc64kh3"); }, "batch (N) must be positive");
  expect_input_error([] { parse_descriptor("mb1ic64ih56oc64kh3sh0"); }, "sh must be positive");
  expect_input_error([] { parse_descriptor("mb1ic64ih56oc64kh3n\"a\"b\""); }, "quotes");
  // benchdnn would pad 0 on the left and 1 on the right; one pad per axis cannot say that.
  expect_input_error([] { parse_descriptor("mb1ic1ih5oc1oh5kh2"); }, "asymmetric padding");
}

// Every conv and fc layer of every network survives print -> parse unchanged, bias included.
TEST(Descriptor, EveryNetworkRoundTripsThroughABatchFile) {
  for (Dataset dataset : {Dataset::imagenet, Dataset::cifar10}) {
    for (const CatalogueEntry& entry : catalogue()) {
      if (dataset == Dataset::cifar10 && !entry.has_cifar10) continue;
      const Network net = build_network(entry.name, {dataset, 16, false});
      const Network back = parse_descriptor_file(to_descriptor_file(net), "unused");
      EXPECT_EQ(back.name, net.name);
      EXPECT_EQ(back.batch, 16);
      std::size_t i = 0;
      for (const Layer& layer : net.layers) {
        if (layer.op != Op::conv && layer.op != Op::fc) continue;
        ASSERT_LT(i, back.layers.size()) << entry.name;
        const Layer& parsed = back.layers[i++];
        EXPECT_EQ(parsed.name, layer.name);
        EXPECT_EQ(parsed.op, layer.op) << layer.name;
        EXPECT_EQ(parsed.bias, layer.bias) << layer.name;
        EXPECT_EQ(parsed.shape, layer.shape) << entry.name << ":" << layer.name;
      }
      EXPECT_EQ(i, back.layers.size()) << entry.name;
    }
  }
}

TEST(Descriptor, FileWithCommentsDriversDirectionsAndABatchOverride) {
  const std::string file =
      "# two layers of my own\n"
      "\n"
      "--conv\n"
      "--dir=FWD_D\n"
      "mb8ic64ih56oc64oh56kh3ph1n\"mine:a\"   # trailing comment\n"
      "--ip\n"
      "--dir=FWD_B\n"
      "mb8ic64oc10n\"mine:b\"\n";
  const Network net = parse_descriptor_file(file, "fallback", 32);
  EXPECT_EQ(net.name, "mine");
  ASSERT_EQ(net.layers.size(), 2u);
  EXPECT_FALSE(net.layers[0].bias);
  EXPECT_TRUE(net.layers[1].bias);
  EXPECT_EQ(net.layers[1].op, Op::fc);
  EXPECT_EQ(net.layers[0].shape.N, 32);
  EXPECT_EQ(net.batch, 32);
}

// oneDNN's shapes_1d gives "1d_gconv_channel-block-4" to two shapes, shapes_tails
// "2d_conv:mid_channel_tail": each layer keeps its own name, the repeats with ~2, ~3 in file
// order (skipping a name the file already has), so that bench_layers' rows and train --measured
// tell them apart.
TEST(Descriptor, ANameRepeatedInAFileIsMadeUnique) {
  const std::string file =
      "mb2ic8ih5oc8kh3ph1n\"t:a\"\n"
      "mb2ic4ih5oc4kh3ph1n\"t:a~2\"\n"
      "mb2ic16ih5oc16kh3ph1n\"t:a\"\n"
      "mb2ic32ih5oc32kh3ph1n\"t:a\"\n";
  const Network net = parse_descriptor_file(file, "fallback");
  ASSERT_EQ(net.layers.size(), 4u);
  EXPECT_EQ(net.layers[0].name, "a");
  EXPECT_EQ(net.layers[1].name, "a~2");
  EXPECT_EQ(net.layers[2].name, "a~3");
  EXPECT_EQ(net.layers[3].name, "a~4");
  EXPECT_EQ(net.layers[2].shape.C, 16);
}

TEST(Descriptor, BadFilesSayWhichLine) {
  expect_input_error([] { parse_descriptor_file("# nothing\n", "empty"); }, "no descriptors");
  expect_input_error([] { parse_descriptor_file("mb1ic3ih8oc4kh3\nmb2ic3ih8oc4kh3\n", "f"); },
                     "line 2: mb2 differs from mb1");
  expect_input_error([] { parse_descriptor_file("--mb=4\n", "f"); }, "line 1: unsupported option");
  expect_input_error([] { parse_descriptor_file("mb1ic3ih8oc4kh3\nbogus\n", "f"); },
                     "line 2: malformed descriptor 'bogus'");
}

}  // namespace
}  // namespace roof
