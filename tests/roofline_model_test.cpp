// Roofline arithmetic and the resolution of a device's ceilings, on hand-checked numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "roofline/device_catalogue.hpp"
#include "roofline/roof.hpp"
#include "support/input_error.hpp"
#include "tests/roofline_test_devices.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::round_device;

TEST(RooflineArithmetic, RidgeAttainableBoundAndTime) {
  const Roof roof = resolve_roof(round_device(), {});
  EXPECT_DOUBLE_EQ(roof.peak_flops, 1e12);
  EXPECT_DOUBLE_EQ(roof.bandwidth, 100e9);
  EXPECT_DOUBLE_EQ(roof.ridge_point(), 10.0);
  // Below the ridge: AI 4 -> 4 x 100 GB/s = 0.4 TFLOP/s, memory bound.
  EXPECT_DOUBLE_EQ(attainable_flops(roof, 4.0), 0.4e12);
  EXPECT_EQ(bound_of(roof, 4e9, 1e9), Bound::memory);
  EXPECT_DOUBLE_EQ(predicted_seconds(roof, 4e9, 1e9), 0.01);  // 1 GB at 100 GB/s
  // Above it: AI 50 -> the 1 TFLOP/s peak, compute bound.
  EXPECT_DOUBLE_EQ(attainable_flops(roof, 50.0), 1e12);
  EXPECT_EQ(bound_of(roof, 50e9, 1e9), Bound::compute);
  EXPECT_DOUBLE_EQ(predicted_seconds(roof, 50e9, 1e9), 0.05);  // 50 GFLOP at 1 TFLOP/s
  // At the ridge both ceilings take the same time.
  EXPECT_DOUBLE_EQ(predicted_seconds(roof, 10e9, 1e9), 0.01);
  // An op without FLOPs is pure traffic.
  EXPECT_EQ(bound_of(roof, 0, 1e6), Bound::memory);
  EXPECT_DOUBLE_EQ(predicted_seconds(roof, 0, 1e6), 1e-5);
}

TEST(RooflineArithmetic, UnpublishedBasePeakScalesWithTheClock) {
  RoofOptions options;
  options.clock = Clock::base;
  const Roof roof = resolve_roof(round_device(), options);
  EXPECT_DOUBLE_EQ(roof.peak_flops, 0.5e12);  // 1 TFLOP/s x 500 / 1000 MHz
  EXPECT_DOUBLE_EQ(roof.ridge_point(), 5.0);
  EXPECT_NE(roof.compute_label.find("scaled from the boost clock"), std::string::npos);
}

class CatalogueRoofs : public testing::Test {
 protected:
  DeviceCatalogue catalogue = DeviceCatalogue::builtin();
};

// Tesla K40m: 4.29 TFLOP/s at its 745 MHz base clock, which it runs at under load unless its
// application clocks are raised; 5.04 at 875 MHz (NVIDIA P100 whitepaper, Table 1); 288 GB/s.
TEST_F(CatalogueRoofs, K40mRunsAtBaseByDefault) {
  const Device& k40 = catalogue.find("K40m");
  const Roof standard = resolve_roof(k40, {});
  EXPECT_EQ(standard.clock, Clock::base);
  EXPECT_NEAR(standard.peak_flops, 4.29e12, 1e9);
  EXPECT_NEAR(standard.bandwidth, 288e9, 1e6);
  EXPECT_NEAR(standard.ridge_point(), 4.29e12 / 288e9, 1e-9);
  RoofOptions boost;
  boost.clock = Clock::boost;
  EXPECT_NEAR(resolve_roof(k40, boost).peak_flops, 5.04e12, 1e9);
}

TEST_F(CatalogueRoofs, P100MeansThePcie16GbBoardAtBoost) {
  const Device& p100 = catalogue.find("p100");  // aliases match whatever the case
  EXPECT_EQ(p100.name, "P100-PCIe-16GB");
  const Roof roof = resolve_roof(p100, {});
  EXPECT_EQ(roof.clock, Clock::boost);
  EXPECT_NEAR(roof.peak_flops, 9.3e12, 1e9);
  EXPECT_NEAR(roof.bandwidth, 732e9, 1e6);
}

// Headings cite each catalogue entry's figures in a short label (issue 15: three lines of
// scraped-looking sources in every heading) and say what one device is; a user's entry without
// a cite shows its full sources, which are all the model knows of it.
TEST_F(CatalogueRoofs, LabelsCiteShortlyAndSayBoardModuleOrDie) {
  for (const Device& d : catalogue.devices()) {
    SCOPED_TRACE(d.name);
    EXPECT_FALSE(d.cite.empty());
    const Roof roof = resolve_roof(d, {});
    EXPECT_NE(roof.compute_label.find("theoretical; " + d.cite + ")"), std::string::npos);
    EXPECT_LT(roof.compute_label.size(), 120u);
    EXPECT_TRUE(roof.device_description.find("board") != std::string::npos ||
                roof.device_description.find("module") != std::string::npos ||
                roof.device_description.find("die") != std::string::npos);
  }
  EXPECT_NE(resolve_roof(catalogue.find("K80"), {}).device_description.find("One GK210 die"),
            std::string::npos);
  Device mine = round_device();
  mine.cite.clear();
  EXPECT_NE(resolve_roof(mine, {}).compute_label.find(mine.peaks.at("fp32").source),
            std::string::npos);
}

TEST_F(CatalogueRoofs, NoPublishedBaseClockFallsBackToBoostAndSaysSo) {
  RoofOptions base;
  base.clock = Clock::base;
  const Roof roof = resolve_roof(catalogue.find("V100-SXM2"), base);
  EXPECT_EQ(roof.clock, Clock::boost);
  EXPECT_NE(roof.compute_label.find("no published base clock"), std::string::npos);
}

TEST_F(CatalogueRoofs, SustainedCeilingsUsePublishedMeasurementsAndSayWhereNoneExist) {
  RoofOptions sustained;
  sustained.ceilings = Ceilings::sustained;
  const Device& k40 = catalogue.find("K40m");
  ASSERT_TRUE(k40.sustained_fp32_tflops.has_value());
  const Roof k40_roof = resolve_roof(k40, sustained);
  EXPECT_NEAR(k40_roof.peak_flops, k40.sustained_fp32_tflops->value * 1e12, 1e6);
  EXPECT_LT(k40_roof.peak_flops, 4.29e12);
  EXPECT_LT(k40_roof.bandwidth, 288e9);
  // At boost the K40m measurement scales with the clock (875 / 745 MHz).
  sustained.clock = Clock::boost;
  EXPECT_NEAR(resolve_roof(k40, sustained).peak_flops,
              k40.sustained_fp32_tflops->value * 1e12 * 875.0 / 745.0, 1e6);
  const Roof m40 = resolve_roof(catalogue.find("M40"), {std::nullopt, Ceilings::sustained});
  EXPECT_NE(m40.compute_label.find("no published sustained"), std::string::npos);
  EXPECT_NEAR(m40.peak_flops, 6.84e12, 1e9);
}

// --clock MHZ: a clock under load the user measured (a T4 under its 70 W cap, a throttled board).
// The compute peaks are cores x FLOP per cycle x clock, so they scale from the rated boost; the
// DRAM bandwidth is the memory clock's and stays. A clock below a tenth of the boost or above twice
// it (a typo), or not finite, is refused, and so are sustained ceilings with it.
TEST_F(CatalogueRoofs, AClockSetInMhzScalesTheComputePeaksNotTheBandwidth) {
  const Device& t4 = catalogue.find("T4");
  RoofOptions set;
  set.clock_mhz = 970;
  const Roof roof = resolve_roof(t4, set);
  EXPECT_TRUE(roof.clock_set);
  EXPECT_EQ(clock_name(roof), "set");
  EXPECT_DOUBLE_EQ(roof.clock_mhz, 970);
  EXPECT_NEAR(roof.peak_flops, 8.1e12 * 970 / 1590, 1e6);  // 4.94 TFLOP/s
  EXPECT_DOUBLE_EQ(roof.bandwidth, 320e9);
  EXPECT_NE(roof.compute_label.find("at 970 MHz set by --clock"), std::string::npos)
      << roof.compute_label;
  EXPECT_NE(clock_phrase(roof).find("set by --clock (970 MHz)"), std::string::npos);
  // Tensor cores run at the same clock: their peak scales too.
  set.dtype = DType::fp16;
  EXPECT_NEAR(resolve_roof(t4, set).peak_flops, 65e12 * 970 / 1590, 1e6);
  // The K40m, at base by default, scales from its boost peak (5.04 TFLOP/s at 875 MHz).
  RoofOptions k40_set;
  k40_set.clock_mhz = 810;
  const Device& k40 = catalogue.find("K40m");
  EXPECT_NEAR(resolve_roof(k40, k40_set).peak_flops, *k40.peaks.at("fp32").boost * 1e12 * 810 / 875,
              1e6);
  for (const double bad : {0.0, -5.0, 1e-300, 158.9, std::nan(""), HUGE_VAL, 2 * 1590.0 + 1}) {
    RoofOptions wrong;
    wrong.clock_mhz = bad;
    testing_helpers::expect_input_error([&] { resolve_roof(t4, wrong); },
                                        "is outside T4's 159 to 3180 MHz");
  }
  // The sustained figures ran at the clock the board held (the T4's under its cap): scaling
  // them to a measured clock would count the slowdown twice, so the two do not combine.
  RoofOptions both;
  both.clock_mhz = 970;
  both.ceilings = Ceilings::sustained;
  testing_helpers::expect_input_error([&] { resolve_roof(t4, both); }, "use one or the other");
}

TEST_F(CatalogueRoofs, HalfPrecisionUsesTensorCoresWhereTheyExist) {
  RoofOptions half;
  half.dtype = DType::fp16;
  EXPECT_NEAR(resolve_roof(catalogue.find("V100-SXM2"), half).peak_flops, 125e12, 1e9);
  EXPECT_NEAR(resolve_roof(catalogue.find("P100-SXM2"), half).peak_flops, 21.2e12, 1e9);
  // Kepler has no faster half-precision arithmetic, and GP104's FP16 runs at 1/64 of FP32:
  // fp16 layers run at the FP32 rate (fp16 storage, FP32 math).
  EXPECT_NEAR(resolve_roof(catalogue.find("K40m"), half).peak_flops, 4.29e12, 1e9);
  EXPECT_NEAR(resolve_roof(catalogue.find("GTX1080"), half).peak_flops, 8.87e12, 0.01e12);
  // bf16 runs on tensor cores only from Ampere on (A100: 312 TFLOP/s dense, the fp16 rate);
  // V100 has no bf16 arithmetic and computes it in fp32.
  RoofOptions bf16;
  bf16.dtype = DType::bf16;
  EXPECT_NEAR(resolve_roof(catalogue.find("A100"), bf16).peak_flops, 312e12, 1e9);
  EXPECT_NEAR(resolve_roof(catalogue.find("V100-SXM2"), bf16).peak_flops, 15.7e12, 1e9);
}

// --math tf32: fp32 data on TF32 tensor cores, 156 TFLOP/s dense on an A100 (NVIDIA A100
// whitepaper) where fp32 arithmetic has 19.5; V100 has no TF32 mode and stays at 15.7, saying so.
// TF32 applies to fp32 data only.
TEST_F(CatalogueRoofs, Tf32MathUsesTheTf32TensorPeakWhereItExists) {
  RoofOptions tf32;
  tf32.tf32 = true;
  const Roof a100 = resolve_roof(catalogue.find("A100"), tf32);
  EXPECT_NEAR(a100.peak_flops, 156e12, 1e9);
  EXPECT_EQ(a100.peak, "tensor_tf32");
  EXPECT_NEAR(resolve_roof(catalogue.find("A100"), {}).peak_flops, 19.5e12, 1e9);
  const Roof v100 = resolve_roof(catalogue.find("V100-SXM2"), tf32);
  EXPECT_NEAR(v100.peak_flops, 15.7e12, 1e9);
  EXPECT_EQ(v100.peak, "fp32");
  EXPECT_NE(v100.compute_label.find("[no TF32 tensor cores: fp32 arithmetic]"), std::string::npos);
  tf32.dtype = DType::fp16;
  EXPECT_THROW(resolve_roof(catalogue.find("A100"), tf32), InputError);
}

}  // namespace
}  // namespace roof
