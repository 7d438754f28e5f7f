// The JSON of `roofline layers --format json` is an interface: these are its field names.
#include <gtest/gtest.h>

#include "networks/catalogue.hpp"
#include "networks/network_json.hpp"

namespace roof {
namespace {

const nlohmann::json& find_row(const nlohmann::json& doc, const std::string& name) {
  for (const nlohmann::json& row : doc.at("layers")) {
    if (row.at("name") == name) return row;
  }
  throw std::runtime_error("no row " + name);
}

TEST(NetworkJson, TheIssueExampleRow) {
  const nlohmann::json doc = layers_json(build_network("resnet50", {}), DType::fp32);
  EXPECT_EQ(doc.at("network"), "resnet50");
  EXPECT_EQ(doc.at("dataset"), "imagenet");
  EXPECT_EQ(doc.at("batch"), 1);
  EXPECT_EQ(doc.at("dtype"), "fp32");
  const nlohmann::json& row = find_row(doc, "layer1.0.conv2");
  EXPECT_EQ(row.at("op"), "conv");
  EXPECT_EQ(row.at("desc"), "mb1ic64ih56oc64oh56kh3ph1n\"resnet50:layer1.0.conv2\"");
  const nlohmann::json expected_shape = {{"N", 1},  {"C", 64},     {"H", 56},  {"W", 56},
                                         {"K", 64}, {"R", 3},      {"S", 3},   {"P", 56},
                                         {"Q", 56}, {"stride", 1}, {"pad", 1}, {"groups", 1}};
  EXPECT_EQ(row.at("shape"), expected_shape);
  EXPECT_EQ(row.at("params"), 36864);
  EXPECT_EQ(row.at("macs"), 115605504);
  for (const char* pass : {"fwd", "bwd_data", "bwd_weights"}) {
    EXPECT_EQ(row.at("passes").at(pass).at("flops"), 231211008) << pass;
    EXPECT_EQ(row.at("passes").at(pass).at("bytes"), 1753088) << pass;
  }
}

TEST(NetworkJson, TotalsOfResNet50) {
  const nlohmann::json totals = layers_json(build_network("resnet50", {}), DType::fp32)["totals"];
  EXPECT_NEAR(totals.at("macs").get<double>(), 3.858e9, 0.001e9);
  EXPECT_EQ(totals.at("params"), 25557032);
  EXPECT_EQ(totals.at("conv_layers"), 53);
  EXPECT_EQ(totals.at("conv1x1_layers"), 36);
  EXPECT_EQ(totals.at("fc_layers"), 1);
  // Three passes of ~3.86 GMAC, less conv1's bwd_data, plus the other ops: about 23.1 GFLOP.
  EXPECT_NEAR(totals.at("flops").get<double>(), 23.1e9, 0.1e9);
}

TEST(NetworkJson, AbsentPassesAreAbsentKeysAndOpsHaveNoDescriptor) {
  const nlohmann::json doc = layers_json(build_network("googlenet", {}), DType::fp32);
  const nlohmann::json& conv1 = find_row(doc, "conv1");
  EXPECT_FALSE(conv1.at("passes").contains("bwd_data"));
  EXPECT_TRUE(conv1.at("passes").contains("bwd_weights"));
  const nlohmann::json& pool = find_row(doc, "pool1");
  EXPECT_EQ(pool.at("op"), "max_pool");
  EXPECT_FALSE(pool.contains("desc"));
  EXPECT_FALSE(pool.at("passes").contains("bwd_weights"));
  EXPECT_EQ(find_row(doc, "inception_3a.1x1").at("kind"), "conv1x1");
  EXPECT_EQ(doc.at("totals").at("conv_layers"), 57);
  EXPECT_EQ(doc.at("totals").at("conv1x1_layers"), 37);
}

TEST(NetworkJson, FcLayersUseCAndK) {
  const nlohmann::json doc = layers_json(build_network("vgg16", {}), DType::fp32);
  const nlohmann::json& fc6 = find_row(doc, "fc6");
  EXPECT_EQ(fc6.at("op"), "fc");
  EXPECT_EQ(fc6.at("shape").at("C"), 25088);
  EXPECT_EQ(fc6.at("shape").at("K"), 4096);
}

}  // namespace
}  // namespace roof
