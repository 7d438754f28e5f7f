// The interconnect catalogue: every entry loads with its sources, each device gets the link it
// really has, bad files say which field.
#include <gtest/gtest.h>

#include <set>

#include "roofline/device_catalogue.hpp"
#include "roofline/interconnect_catalogue.hpp"
#include "roofline/parallel_json.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

TEST(InterconnectCatalogue, EveryEntryLoadsWithItsSources) {
  const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  // PCIe 2.0 to 5.0, the K80 switch, NVLink 1 to 4, InfiniBand FDR to NDR, three Ethernets.
  EXPECT_EQ(links.links().size(), 16u);
  std::set<std::string> names;
  for (const Interconnect& l : links.links()) {
    EXPECT_TRUE(names.insert(l.name).second) << l.name;
    EXPECT_FALSE(l.theoretical_source.empty()) << l.name;
    EXPECT_FALSE(l.achieved_source.empty()) << l.name;
    EXPECT_FALSE(l.latency_source.empty()) << l.name;
    EXPECT_LE(l.achieved_gbs, l.theoretical_gbs) << l.name;
    EXPECT_EQ(l.origin, "catalogue");
  }
  // PCIe 3.0 x16: 8 GT/s x 16 lanes x 128/130 / 8 bits = 15.75 GB/s per direction.
  EXPECT_NEAR(links.find("pcie3").theoretical_gbs, 8.0 * 16 * 128 / 130 / 8, 0.01);
  // NVLink 1.0 on P100: 4 links x 20 GB/s per direction; 4.0 on H100: 18 x 25.
  EXPECT_DOUBLE_EQ(links.find("NVLink 1.0").theoretical_gbs, 4 * 20.0);
  EXPECT_DOUBLE_EQ(links.find("nvlink4").theoretical_gbs, 18 * 25.0);
  // InfiniBand EDR: 100 Gb/s = 12.5 GB/s; NCCL reaches 12 (sjeaugey, nccl-tests issue 119).
  EXPECT_DOUBLE_EQ(links.find("EDR").theoretical_gbs, 12.5);
  EXPECT_DOUBLE_EQ(links.find("ib-edr").achieved_gbs, 12.0);
  EXPECT_EQ(links.find("ib-edr").scope, LinkScope::node);
  EXPECT_EQ(links.find("k80-switch").shared_by, 2);
}

TEST(InterconnectCatalogue, EachDeviceGetsTheLinkItHas) {
  const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  const DeviceCatalogue devices = DeviceCatalogue::builtin();
  const struct {
    const char* device;
    int gpus;
    const char* link;
  } rows[] = {
      {"P100", 2, "pcie3"},      {"P100-SXM2", 8, "nvlink1"}, {"V100", 8, "nvlink2"},
      {"A100", 8, "nvlink3"},    {"H100", 8, "nvlink4"},      {"A100-PCIe-40GB", 4, "pcie4"},
      {"H100-PCIe", 2, "pcie5"}, {"K20", 8, "pcie2"},         {"K80", 2, "k80-switch"},
      {"K80", 4, "pcie3"},       {"K40m", 2, "pcie3"}};
  for (const auto& row : rows) {
    EXPECT_EQ(links.default_gpu_link(devices.find(row.device), row.gpus).name, row.link)
        << row.device << " x " << row.gpus;
  }
  EXPECT_EQ(links.default_host_link(devices.find("H100")).name, "pcie5");
  EXPECT_EQ(links.default_node_link().name, "ib-edr");
}

TEST(InterconnectCatalogue, ItsJsonIsAnInterconnectFile) {
  const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  const std::vector<Interconnect> back =
      InterconnectCatalogue::parse(interconnects_json(links.links()).dump(), "round trip");
  ASSERT_EQ(back.size(), links.links().size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].name, links.links()[i].name);
    EXPECT_EQ(back[i].theoretical_gbs, links.links()[i].theoretical_gbs);
    EXPECT_EQ(back[i].achieved_source, links.links()[i].achieved_source);
    EXPECT_EQ(back[i].shared_by, links.links()[i].shared_by);
  }
}

TEST(InterconnectCatalogue, MalformedFilesNameTheField) {
  const std::string good = R"({"interconnects": [{"name": "x", "scope": "gpu",
      "theoretical": {"gbs": 10, "source": "s"}, "achieved": {"gbs": 8, "source": "s"},
      "latency": {"us": 5, "source": "s"}}]})";
  EXPECT_EQ(InterconnectCatalogue::parse(good, "f").front().achieved_gbs, 8);
  std::string faster = good;
  faster.replace(faster.find("\"gbs\": 8"), 8, "\"gbs\": 80");
  expect_input_error([&] { InterconnectCatalogue::parse(faster, "f"); },
                     "interconnects[0] (x).achieved.gbs exceeds the theoretical bandwidth");
  std::string scope = good;
  scope.replace(scope.find("\"gpu\""), 5, "\"rack\"");
  expect_input_error([&] { InterconnectCatalogue::parse(scope, "f"); },
                     "(x).scope must be \"gpu\" or \"node\"");
  expect_input_error([] { InterconnectCatalogue::parse("{\"links\": []}", "f"); },
                     "needs a top-level \"interconnects\" array");
  expect_input_error([] { InterconnectCatalogue::parse("{", "f"); }, "is not valid JSON");
  std::string shared = good;
  shared.replace(shared.find("\"scope\""), 7, "\"shared_by\": 2.5, \"scope\"");
  expect_input_error([&] { InterconnectCatalogue::parse(shared, "f"); },
                     "(x).shared_by must be a whole number from 1 to 1048576, got 2.5");
  InterconnectCatalogue links = InterconnectCatalogue::builtin();
  Interconnect twin = links.find("pcie4");
  twin.name = "twin";
  twin.aliases = {"PCIe3"};
  expect_input_error([&] { links.add(twin); }, "alias 'PCIe3' already names interconnect 'pcie3'");
  expect_input_error([&] { links.find("token-ring"); }, "unknown interconnect 'token-ring'");
}

}  // namespace
}  // namespace roof
