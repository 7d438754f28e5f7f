// The device catalogue: every entry loads, names resolve, bad files say which field.
#include <gtest/gtest.h>

#include <set>

#include "roofline/device_catalogue.hpp"
#include "roofline/roof.hpp"
#include "roofline/roofline_json.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

TEST(DeviceCatalogue, EveryReferenceDeviceAndTheGtx1080sLoadWithTheirSpecs) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  // The project's reference table of device specs has 18 rows; issue 5 adds GTX 1080 and 1080 Ti,
  // issue 7 the K20 of the "One weird trick" runs, issue 16 the H200 SXM, issue 11 the TITAN V
  // of ryujaehun/pytorch-gpu-benchmark's Volta rows, the RTX 2080 Ti and TITAN RTX of its Turing
  // rows and the TITAN Xp of its and DeepBench's held-out Pascal rows.
  EXPECT_EQ(catalogue.devices().size(), 26u);
  std::set<std::string> names;
  for (const Device& d : catalogue.devices()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    EXPECT_GT(d.sm_count, 0) << d.name;
    EXPECT_GT(d.dram_gbs, 0) << d.name;
    EXPECT_FALSE(d.clock_source.empty()) << d.name;
    EXPECT_FALSE(d.peaks.at("fp32").source.empty()) << d.name;
    for (Clock clock : {Clock::base, Clock::boost}) {
      RoofOptions options;
      options.clock = clock;
      EXPECT_GT(resolve_roof(d, options).ridge_point(), 0) << d.name;
    }
  }
  // devices.csv: P100 PCIe 16 GB 9.3 TFLOP/s at boost, 732 GB/s; K80 per die 240 GB/s.
  EXPECT_DOUBLE_EQ(*catalogue.find("P100-PCIe-16GB").peaks.at("fp32").boost, 9.3);
  EXPECT_DOUBLE_EQ(catalogue.find("K80").dram_gbs, 240);
  EXPECT_DOUBLE_EQ(catalogue.find("K80").boost_clock_mhz, 875);
  EXPECT_EQ(catalogue.find("K80").default_clock, Clock::boost);  // autoboost
  EXPECT_EQ(catalogue.find("K40m").default_clock, Clock::base);
  // mixbench's K20c: 3521.86 GFLOP/s theoretical, 208 GB/s.
  EXPECT_DOUBLE_EQ(*catalogue.find("Tesla K20").peaks.at("fp32").base, 3.52);
  EXPECT_DOUBLE_EQ(catalogue.find("K20").dram_gbs, 208);
  // NVIDIA's H200 figures: the H100 SXM's 67 TFLOP/s FP32 on 132 SMs, 4.8 TB/s of HBM3e.
  const Device& h200 = catalogue.find("NVIDIA H200");
  EXPECT_EQ(h200.name, "H200-SXM");
  EXPECT_DOUBLE_EQ(*h200.peaks.at("fp32").boost, 67);
  EXPECT_DOUBLE_EQ(h200.dram_gbs, 4800);
  EXPECT_EQ(h200.sm_count, catalogue.find("H100-SXM5").sm_count);
  // Two deviceQuery outputs of a TITAN V: 80 SMs x 64 cores at 1455 MHz, 850 MHz HBM2 on 3072
  // bits, 4718592 bytes of L2.
  const Device& titan_v = catalogue.find("TITAN V");
  EXPECT_EQ(titan_v.sm_count, 80);
  EXPECT_DOUBLE_EQ(titan_v.boost_clock_mhz, 1455);
  EXPECT_DOUBLE_EQ(titan_v.dram_gbs, 2 * 850 * 3072 / 8 / 1e3);
  EXPECT_NEAR(*titan_v.peaks.at("fp32").boost, 5120 * 2 * 1.455e-3, 0.01);
  EXPECT_DOUBLE_EQ(*titan_v.l2_kib, 4718592 / 1024.0);
  // A TITAN Xp's deviceQuery: 30 SMs x 128 cores at 1582 MHz, 5705 MHz GDDR5X on 384 bits,
  // 3145728 bytes of L2; NVIDIA's 12 TFLOPS.
  const Device& titan_xp = catalogue.find("TITAN Xp");
  EXPECT_EQ(titan_xp.sm_count, 30);
  EXPECT_DOUBLE_EQ(titan_xp.boost_clock_mhz, 1582);
  EXPECT_NEAR(titan_xp.dram_gbs, 2 * 5705 * 384 / 8 / 1e3, 0.05);
  EXPECT_NEAR(*titan_xp.peaks.at("fp32").boost, 3840 * 2 * 1.582e-3, 0.01);
  EXPECT_DOUBLE_EQ(*titan_xp.l2_kib, 3145728 / 1024.0);
  // ryujaehun/pytorch-gpu-benchmark's specification table: 4608 cores (72 Turing SMs of 64), base
  // 1350 MHz, 16.31 TFLOPS FP32 (a 1770 MHz boost), 672.0 GB/s; NVIDIA's 130 tensor TFLOPS.
  const Device& titan_rtx = catalogue.find("TITAN RTX");
  EXPECT_EQ(titan_rtx.name, "TitanRTX");
  EXPECT_EQ(titan_rtx.sm_count, 4608 / 64);
  EXPECT_DOUBLE_EQ(titan_rtx.boost_clock_mhz, 1770);
  EXPECT_NEAR(*titan_rtx.peaks.at("fp32").boost, 4608 * 2 * 1.770e-3, 0.01);
  EXPECT_NEAR(*titan_rtx.peaks.at("fp32").boost, 16.31, 0.005);
  EXPECT_DOUBLE_EQ(titan_rtx.dram_gbs, 672);
  EXPECT_NEAR(*titan_rtx.peaks.at("tensor_fp16").boost, 130, 1);
}

// `devices --format json` is itself a device file: every entry reads back with its values and
// the sources of its L2, host link and NVLink.
TEST(DeviceCatalogue, ItsJsonIsADeviceFile) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  const std::vector<Device> back =
      DeviceCatalogue::parse(devices_json(catalogue.devices()).dump(), "devices.json");
  ASSERT_EQ(back.size(), catalogue.devices().size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    const Device& a = catalogue.devices()[i];
    const Device& b = back[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.aliases, b.aliases);
    EXPECT_EQ(a.base_clock_mhz, b.base_clock_mhz) << a.name;
    EXPECT_EQ(a.peaks.at("fp32").boost, b.peaks.at("fp32").boost) << a.name;
    EXPECT_EQ(a.dram_gbs, b.dram_gbs) << a.name;
    EXPECT_EQ(a.l2_kib, b.l2_kib) << a.name;
    EXPECT_EQ(a.l2_source, b.l2_source) << a.name;
    EXPECT_EQ(a.host_link_gbs, b.host_link_gbs) << a.name;
    EXPECT_EQ(a.nvlink_source, b.nvlink_source) << a.name;
    if (a.l2_kib) {
      EXPECT_FALSE(b.l2_source.empty()) << a.name;
    }
  }
}

TEST(DeviceCatalogue, NamesAndAliases) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  EXPECT_EQ(catalogue.find("P100").name, "P100-PCIe-16GB");
  EXPECT_EQ(catalogue.find("Tesla K40m").name, "K40m");
  EXPECT_EQ(catalogue.find("v100").name, "V100-SXM2");
  expect_input_error([&] { catalogue.find("K10"); }, "unknown device 'K10' (known: K40m, K20, K80");
}

constexpr const char* kGoodDevice = R"({"devices": [{
  "name": "Mine", "aliases": ["my gpu"], "sm_count": 10,
  "clock_mhz": {"base": 1000, "boost": 1500, "source": "me"}, "default_clock": "boost",
  "peak_tflops": {"fp32": {"boost": 3.0, "source": "me"}},
  "memory": {"bandwidth_gbs": 200, "size_gb": 8, "source": "me"}}]})";

TEST(DeviceCatalogue, AUserFileAddsOrReplacesDevices) {
  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  for (Device& d : DeviceCatalogue::parse(kGoodDevice, "mine.json")) catalogue.add(d);
  const Device& mine = catalogue.find("MY GPU");
  EXPECT_EQ(mine.name, "Mine");
  EXPECT_EQ(mine.origin, "mine.json");
  EXPECT_NEAR(resolve_roof(mine, {}).ridge_point(), 15.0, 1e-12);
}

// A user's device named like a built-in's alias ("P100") is the one that name selects; the
// built-in stays reachable by its own name.
TEST(DeviceCatalogue, AUserDeviceNamedLikeABuiltInAliasIsTheOneSelected) {
  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  std::string text = kGoodDevice;
  text.replace(text.find("\"Mine\""), 6, "\"P100\"");
  for (Device& d : DeviceCatalogue::parse(text, "mine.json")) catalogue.add(d);
  EXPECT_EQ(catalogue.find("P100").origin, "mine.json");
  EXPECT_EQ(catalogue.find("p100").origin, "mine.json");
  EXPECT_EQ(catalogue.find("P100-PCIe-16GB").name, "P100-PCIe-16GB");
}

TEST(DeviceCatalogue, MalformedFilesNameTheField) {
  auto parse = [](const std::string& text) { DeviceCatalogue::parse(text, "bad.json"); };
  std::string text = kGoodDevice;
  expect_input_error([&] { parse("{not json"); }, "device file 'bad.json' is not valid JSON");
  expect_input_error([&] { parse("{\"gpus\": []}"); }, "needs a top-level \"devices\" array");
  expect_input_error([&] { parse("{\"devices\": []}"); }, "lists no devices");
  std::string no_boost = text;
  no_boost.replace(no_boost.find("\"boost\": 1500, "), 15, "");
  expect_input_error([&] { parse(no_boost); }, "devices[0] (Mine).clock_mhz.boost is missing");
  std::string negative = text;
  negative.replace(negative.find("200"), 3, "-20");
  expect_input_error([&] { parse(negative); },
                     "devices[0] (Mine).memory.bandwidth_gbs must be positive, got -20");
  std::string wrong_type = text;
  wrong_type.replace(wrong_type.find("10,"), 2, "\"ten\"");
  expect_input_error([&] { parse(wrong_type); }, "devices[0] (Mine).sm_count must be a number");
  std::string bad_clock = text;
  bad_clock.replace(bad_clock.find("\"default_clock\": \"boost\""), 24,
                    "\"default_clock\": \"max\"");
  expect_input_error([&] { parse(bad_clock); }, "unknown clock 'max'");
  // Text fields are printed in headings: a terminal escape or a newline is refused, named.
  std::string escape = text;
  escape.replace(escape.find("\"sm_count\""), 0, "\"caveat\": \"red \\u001b[31m\", ");
  expect_input_error([&] { parse(escape); },
                     "devices[0] (Mine).caveat holds a control character or an invisible mark: red "
                     "\\x1b[31m");
  std::string newline = text;
  newline.replace(newline.find("\"sm_count\""), 0, "\"description\": \"two\\nlines\", ");
  expect_input_error([&] { parse(newline); }, "(Mine).description holds a control character");
}

// A known miss travels with the entry and is printed under every heading: the T4's power cap
// (docs/validation.md, "Three GPUs DeepBench timed that no fit reads"); a caveat that is not text
// is refused like any other field.
TEST(DeviceCatalogue, TheT4CarriesItsPowerCapCaveatIntoItsRoof) {
  const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  const Device& t4 = catalogue.find("T4");
  EXPECT_NE(t4.caveat.find("70 W cap"), std::string::npos) << t4.caveat;
  EXPECT_EQ(resolve_roof(t4, {}).device_caveat, t4.caveat);
  EXPECT_TRUE(catalogue.find("V100").caveat.empty());
  std::string numeric = kGoodDevice;
  numeric.replace(numeric.find("\"sm_count\""), 0, "\"caveat\": 7, ");
  expect_input_error([&] { DeviceCatalogue::parse(numeric, "bad.json"); },
                     "devices[0] (Mine).caveat must be");
}

// Values a device cannot have, which would otherwise come out as inf, NaN or a wrapped count.
TEST(DeviceCatalogue, ValuesOutsideWhatADeviceCanHaveAreRefused) {
  auto parse = [](const std::string& text) { DeviceCatalogue::parse(text, "bad.json"); };
  std::string huge = kGoodDevice;
  huge.replace(huge.find("200"), 3, "1e300");
  expect_input_error([&] { parse(huge); },
                     "(Mine).memory.bandwidth_gbs must lie between 1e-06 and 1e+09 in its unit, "
                     "got 1e+300");
  std::string tiny = kGoodDevice;
  tiny.replace(tiny.find("200"), 3, "1e-300");
  expect_input_error([&] { parse(tiny); }, "bandwidth_gbs must lie between 1e-06 and 1e+09");
  std::string fractional = kGoodDevice;
  fractional.replace(fractional.find("10,"), 2, "10.5");
  expect_input_error([&] { parse(fractional); },
                     "(Mine).sm_count must be a whole number from 1 to 1048576, got 10.5");
  std::string too_many = kGoodDevice;
  too_many.replace(too_many.find("10,"), 2, "3e9");
  expect_input_error([&] { parse(too_many); }, "sm_count must be a whole number");
}

TEST(DeviceCatalogue, AnAliasMayNotNameTwoDevices) {
  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  std::string clash = kGoodDevice;
  clash.replace(clash.find("my gpu"), 6, "P100");
  expect_input_error(
      [&] {
        for (Device& d : DeviceCatalogue::parse(clash, "clash.json")) catalogue.add(d);
      },
      "alias 'P100' already names device 'P100-PCIe-16GB'");
}

}  // namespace
}  // namespace roof
