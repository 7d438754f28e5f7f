// benchdnn's own shape files (tests/data/benchdnn, from oneDNN) read by the suite's parser as
// benchdnn reads them (tests/benchdnn_reference.hpp) or refused with a reason, and every
// descriptor the suite prints, catalogue layers and those read back alike, read by benchdnn as
// the same shape.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "networks/catalogue.hpp"
#include "networks/descriptor.hpp"
#include "support/input_error.hpp"
#include "tests/benchdnn_reference.hpp"

namespace roof {
namespace {

namespace ref = benchdnn_reference;

std::vector<std::string> descriptors_of(const std::string& file) {
  std::ifstream in(std::string(ROOF_TEST_DATA_DIR) + "/benchdnn/" + file);
  EXPECT_TRUE(in) << file;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    if (line.starts_with("--")) continue;  // batch-file options, not descriptors
    lines.push_back(line);
  }
  return lines;
}

// The shape of a layer as benchdnn holds it, pads aside.
void expect_same_shape(const Shape& s, const ref::Desc& d, const std::string& what) {
  EXPECT_EQ(s.N, d.mb) << what;
  EXPECT_EQ(s.C, d.ic) << what;
  EXPECT_EQ(s.K, d.oc) << what;
  EXPECT_EQ(s.groups, d.g) << what;
  EXPECT_EQ(s.H, d.ih) << what;
  EXPECT_EQ(s.W, d.iw) << what;
  EXPECT_EQ(s.R, d.kh) << what;
  EXPECT_EQ(s.S, d.kw) << what;
  EXPECT_EQ(s.P, d.oh) << what;
  EXPECT_EQ(s.Q, d.ow) << what;
  EXPECT_EQ(s.stride_h, d.sh) << what;
  EXPECT_EQ(s.stride_w, d.sw) << what;
  EXPECT_EQ(s.dilation_h, d.dh) << what;
  EXPECT_EQ(s.dilation_w, d.dw) << what;
}

// benchdnn's left pad, or for an odd total the right one, which the model keeps on both sides.
void expect_same_pad(std::int64_t ours, std::int64_t left, std::int64_t total,
                     const std::string& what) {
  EXPECT_TRUE(ours == left || (ours == total - left && total % 2 != 0))
      << what << ": pad " << ours << ", benchdnn " << left << " of " << total;
}

std::int64_t total_pad(std::int64_t o, std::int64_t i, std::int64_t k, std::int64_t s,
                       std::int64_t d) {
  return (o - 1) * s - i + (k - 1) * (d + 1) + 1;
}

const char* const kShapeFiles[] = {"shapes_alexnet",
                                   "shapes_googlenet_v1",
                                   "shapes_resnet_50",
                                   "shapes_vgg_19",
                                   "shapes_1d",
                                   "shapes_dilated",
                                   "shapes_basic",
                                   "shapes_1x1",
                                   "shapes_regression_padding",
                                   "shapes_large_padding",
                                   "shapes_3d_unet",
                                   "shapes_tails",
                                   "shapes_yolov2",
                                   "shapes_mobilenet_dw",
                                   "shapes_ssd_300_voc0712",
                                   "shapes_deepbench_training"};

TEST(BenchdnnShapes, EveryDescriptorReadAsBenchdnnReadsItOrRefusedWithAReason) {
  int read = 0, refused = 0;
  std::ostringstream refusals;
  for (const char* file : kShapeFiles) {
    for (const std::string& text : descriptors_of(file)) {
      const std::string what = std::string(file) + ": " + text;
      const ref::Desc d = ref::read(text);
      try {
        const ParsedDescriptor parsed = parse_descriptor(text, DescriptorDriver::conv);
        ++read;
        ASSERT_TRUE(d.ok) << what << " is read by the suite but benchdnn refuses it: " << d.error;
        expect_same_shape(parsed.layer.shape, d, what);
        const Shape& s = parsed.layer.shape;
        expect_same_pad(s.pad_h, d.ph, total_pad(d.oh, d.ih, d.kh, d.sh, d.dh), what);
        expect_same_pad(s.pad_w, d.pw, total_pad(d.ow, d.iw, d.kw, d.sw, d.dw), what);
      } catch (const InputError& e) {
        ++refused;
        // Refused: 3-D (the model is 2-D), benchdnn's own refusal, or a shape the model cannot
        // hold; the reason is in the message either way.
        EXPECT_NE(std::string(e.what()).find("malformed descriptor"), std::string::npos) << what;
        refusals << "  " << what << " -> " << e.what() << '\n';
        if (d.ok && d.ndims < 5) {
          const std::string why = e.what();
          EXPECT_TRUE(why.find("asymmetric") != std::string::npos ||
                      why.find("deduce a padding") != std::string::npos ||
                      why.find("larger than") != std::string::npos)
              << what << " is read by benchdnn but refused: " << why;
        }
      }
    }
  }
  // Of the 492 descriptors, the 54 3-D ones and the 36 whose given output needs a right pad
  // other than the left one are refused (listed below for a person to judge), the rest read.
  EXPECT_EQ(read, 402);
  EXPECT_EQ(refused, 90);
  std::cout << read << " read, " << refused << " refused:\n" << refusals.str();
}

// What the suite prints, benchdnn reads as the same layer: the catalogue's conv and fc layers
// and every descriptor of the shape files the suite reads, printed again.
TEST(BenchdnnShapes, PrintedDescriptorsAreReadByBenchdnnAsTheSameShape) {
  std::vector<std::pair<std::string, Layer>> layers;
  for (const std::string& name : network_names()) {
    const Network net = build_network(name, {Dataset::imagenet, 4, false});
    for (const Layer& layer : net.layers) {
      if (layer.op == Op::conv) layers.emplace_back(net.name, layer);
    }
  }
  for (const char* file : kShapeFiles) {
    for (const std::string& text : descriptors_of(file)) {
      try {
        layers.emplace_back("x", parse_descriptor(text, DescriptorDriver::conv).layer);
      } catch (const InputError&) {
      }
    }
  }
  for (const auto& [network, layer] : layers) {
    const std::string printed = to_descriptor(layer, network);
    const ref::Desc d = ref::read(printed);
    ASSERT_TRUE(d.ok) << printed << ": " << d.error;
    expect_same_shape(layer.shape, d, printed);
    EXPECT_EQ(layer.shape.pad_h, d.ph) << printed;
    EXPECT_EQ(layer.shape.pad_w, d.pw) << printed;
    // And the suite reads its own print back as the same layer.
    EXPECT_EQ(parse_descriptor(printed, DescriptorDriver::conv).layer.shape, layer.shape)
        << printed;
  }
}

// The two reading rules the suite once got wrong.
TEST(BenchdnnShapes, OneDimensionalAndNonSquareDescriptors) {
  const Shape one_d = parse_descriptor("mb1ic16oc16_iw100ow100kw3pw1").layer.shape;
  EXPECT_EQ(one_d.H, 1);
  EXPECT_EQ(one_d.R, 1);
  EXPECT_EQ(one_d.W, 100);
  EXPECT_EQ(one_d.S, 3);
  EXPECT_EQ(one_d.pad_w, 1);
  EXPECT_THROW(parse_descriptor("mb1ic8ih20iw30oc8kh3"), InputError);  // benchdnn: kw missing
  // A strided 11x11 on a 230 input with its output given: benchdnn deduces a pad of -1, so the
  // suite prints ph0 and refuses the form without it.
  Layer strided = parse_descriptor("mb1ic3ih230oc64oh55kh11sh4ph0").layer;
  EXPECT_NE(to_descriptor(strided, "n").find("ph0"), std::string::npos);
  EXPECT_THROW(parse_descriptor("mb1ic3ih230oc64oh55kh11sh4"), InputError);
  const Shape wide = parse_descriptor("mb1ic8ih20iw30oc8kh3kw3").layer.shape;
  EXPECT_EQ(to_descriptor(Layer{"w", Op::conv, wide}, "n"),
            "mb1ic8ih20iw30oc8oh18ow28kh3kw3n\"n:w\"");
}

}  // namespace
}  // namespace roof

namespace roof {
namespace {

// A one-driver file runs in benchdnn as it is: no option lines (a --conv inside a batch file is
// an unknown option to benchdnn, a --dir= would override the command line's direction), every
// other line a comment or a descriptor benchdnn reads; and --file reads it back with its biases.
TEST(BenchdnnShapes, OneDriverFilesRunInBenchdnnAsTheyAre) {
  const Network resnet = build_network("resnet18", {Dataset::imagenet, 2, false});
  const std::string conv = to_descriptor_file(resnet, DescriptorDriver::conv);
  std::istringstream lines(conv);
  int descriptors = 0;
  for (std::string line; std::getline(lines, line);) {
    ASSERT_FALSE(line.starts_with("--")) << line;
    if (line.starts_with("#")) continue;
    EXPECT_TRUE(benchdnn_reference::read(line).ok) << line;
    ++descriptors;
  }
  EXPECT_EQ(descriptors, 20);  // ResNet-18: conv1, 16 3x3 and 3 projection shortcuts
  const Network back = parse_descriptor_file(conv, "resnet18");
  ASSERT_EQ(back.layers.size(), 20u);
  for (const Layer& layer : back.layers) EXPECT_FALSE(layer.bias) << layer.name;
  const std::string ip = to_descriptor_file(resnet, DescriptorDriver::ip);
  EXPECT_EQ(ip, "mb2ic512oc1000n\"resnet18:fc\"\n");
}

}  // namespace
}  // namespace roof
