// The pure geometry of the charts: scales, ticks, the roof rule, label placement.
#include <gtest/gtest.h>

#include <cmath>

#include "reports/chart_geometry.hpp"

namespace roof::chart {
namespace {

TEST(LogAxis, MapsDecadesLinearlyOntoPixels) {
  const LogAxis x{-1, 3, 100, 500};  // 0.1 .. 1000 on 100 .. 500 px: 100 px per decade
  EXPECT_DOUBLE_EQ(x.to_pixel(0.1), 100);
  EXPECT_DOUBLE_EQ(x.to_pixel(1), 200);
  EXPECT_DOUBLE_EQ(x.to_pixel(1000), 500);
  EXPECT_NEAR(x.to_pixel(std::sqrt(10.0)), 250, 1e-9);
  EXPECT_NEAR(x.from_pixel(250), std::sqrt(10.0), 1e-12);
  EXPECT_THROW(x.to_pixel(0), std::logic_error);
}

TEST(LogAxis, GrowsUpwardsForY) {
  const LogAxis y{9, 12, 500, 200};  // 1 G at the bottom (500 px), 1 T at the top (200 px)
  EXPECT_DOUBLE_EQ(y.to_pixel(1e9), 500);
  EXPECT_DOUBLE_EQ(y.to_pixel(1e12), 200);
  EXPECT_LT(y.to_pixel(5e11), y.to_pixel(1e11));
}

TEST(LogAxis, TicksAndCoverage) {
  const LogAxis x{0, 2, 0, 1};
  EXPECT_EQ(x.decades(), (std::vector<int>{0, 1, 2}));
  const std::vector<double> minor = x.minor_ticks();
  ASSERT_EQ(minor.size(), 16u);  // 2..9 in each of the two decades
  EXPECT_DOUBLE_EQ(minor.front(), 2);
  EXPECT_DOUBLE_EQ(minor.back(), 90);
  EXPECT_TRUE(x.covers(1));
  EXPECT_TRUE(x.covers(100));
  EXPECT_FALSE(x.covers(100.5));
  EXPECT_FALSE(x.covers(0.99));
  EXPECT_FALSE(x.covers(0));
}

TEST(DecadeRange, CoversEveryValueWithWholeDecades) {
  EXPECT_EQ(decade_range({5, 1000}), std::make_pair(0, 3));
  EXPECT_EQ(decade_range({0.25, 12.7}), std::make_pair(-1, 2));
  // A value on a decade stays on it despite log10's rounding.
  EXPECT_EQ(decade_range({1e-3, 1e3}), std::make_pair(-3, 3));
  EXPECT_EQ(decade_range({9.3e12}), std::make_pair(12, 13));
}

TEST(DecadeRange, WidensDownwardsAndIgnoresWhatALogAxisCannotShow) {
  EXPECT_EQ(decade_range({20, 50}, 1.0, 3), std::make_pair(-1, 2));
  EXPECT_EQ(decade_range({0, -4, 20, 50}), std::make_pair(1, 2));
  EXPECT_EQ(decade_range({}, 1.0, 3), std::make_pair(0, 3));
  EXPECT_EQ(decade_range({90}, 2.0), std::make_pair(1, 3));  // headroom: 180 needs 10^3
}

TEST(DecadeLabels, PlainForSmallDecadesAndSiForRates) {
  EXPECT_EQ(decade_label(-2), "0.01");
  EXPECT_EQ(decade_label(0), "1");
  EXPECT_EQ(decade_label(3), "1000");
  EXPECT_EQ(decade_label(4), "1e4");
  EXPECT_EQ(decade_label(-3), "1e-3");
  EXPECT_EQ(si_decade_label(9), "1 G");
  EXPECT_EQ(si_decade_label(13), "10 T");
  EXPECT_EQ(si_decade_label(14), "100 T");
  EXPECT_EQ(si_decade_label(2), "100");
}

TEST(LinearAxis, NiceStepsCoverTheLongestBar) {
  const LinearAxis a = nice_linear_axis(87.1, 200, 800, 5);
  EXPECT_DOUBLE_EQ(a.step, 20);
  EXPECT_DOUBLE_EQ(a.max, 100);
  EXPECT_EQ(a.ticks().size(), 6u);
  EXPECT_DOUBLE_EQ(a.to_pixel(50), 500);
  const LinearAxis b = nice_linear_axis(0.038, 0, 1, 5);
  EXPECT_NEAR(b.step, 0.01, 1e-15);
  EXPECT_NEAR(b.max, 0.04, 1e-15);
  EXPECT_DOUBLE_EQ(nice_linear_axis(40, 0, 1, 4).max, 40);  // exactly on a tick stays there
}

TEST(RoofSide, TellsWhichCeilingAPointIsAbove) {
  const double peak = 1e13, bandwidth = 1e12;  // ridge point 10 FLOP/byte
  EXPECT_EQ(roof_side(1, 1e12, peak, bandwidth), RoofSide::on_or_below);    // on the slope
  EXPECT_EQ(roof_side(100, 1e13, peak, bandwidth), RoofSide::on_or_below);  // on the flat
  EXPECT_EQ(roof_side(1, 5e11, peak, bandwidth), RoofSide::on_or_below);
  EXPECT_EQ(roof_side(1, 1e12 * (1 + 1e-9), peak, bandwidth), RoofSide::on_or_below);
  EXPECT_EQ(roof_side(1, 2e12, peak, bandwidth), RoofSide::above_memory);        // hot cache
  EXPECT_EQ(roof_side(100, 2.25e13, peak, bandwidth), RoofSide::above_compute);  // Winograd
  EXPECT_EQ(roof_side(1, 2e13, peak, bandwidth), RoofSide::above_compute);       // above both
}

TEST(LabelPlacement, SlidesPastWhatItWouldCover) {
  const std::vector<Obstacle> points = {{10, 20, 0, 10}, {40, 50, 0, 10}};
  // Free from the start in another band.
  EXPECT_EQ(best_label_start(0, 15, 20, 30, 200, points, 2).start, 0);
  // Covers the first point: moves past it (with the padding), then fits before the second.
  LabelSpot spot = best_label_start(0, 15, 5, 15, 200, points, 2);
  EXPECT_NEAR(spot.start, 22, 1e-3);
  EXPECT_EQ(spot.covered, 0);
  // Too long to fit between them: past both.
  spot = best_label_start(0, 30, 5, 15, 200, points, 2);
  EXPECT_NEAR(spot.start, 52, 1e-3);
  EXPECT_EQ(spot.covered, 0);
  // Nowhere free before the limit: where it covers the fewest, the earliest such.
  spot = best_label_start(0, 30, 5, 15, 60, points, 2);
  EXPECT_NEAR(spot.start, 0, 1e-3);
  EXPECT_EQ(spot.covered, 1);
  const std::vector<Obstacle> crowd = {{0, 10, 0, 10}, {12, 14, 0, 10}, {30, 32, 0, 10}};
  spot = best_label_start(0, 20, 5, 15, 40, crowd, 1);
  EXPECT_NEAR(spot.start, 15, 1e-3);  // past the first two, covering only the third
  EXPECT_EQ(spot.covered, 1);
}

TEST(VisibleSlope, ClipsAMemoryCeilingToThePlotAndItsPeak) {
  const LogAxis x{-1, 3, 0, 400};
  const LogAxis y{9, 13, 400, 0};
  // 100 GB/s: enters at the bottom edge (1e9 FLOP/s at 0.01 FLOP/B is left of the axis, so at
  // x = 0.1, 1e10) and stops at the peak 1e12 (AI 10).
  const auto seg = visible_slope(1e11, 1e12, x, y);
  ASSERT_TRUE(seg);
  EXPECT_DOUBLE_EQ(seg->first, 0.1);
  EXPECT_DOUBLE_EQ(seg->second, 10);
  // 1 GB/s enters from the bottom, at AI 1.
  const auto low = visible_slope(1e9, 1e12, x, y);
  ASSERT_TRUE(low);
  EXPECT_DOUBLE_EQ(low->first, 1);
  // Entirely below the plot.
  EXPECT_FALSE(visible_slope(1e5, 1e12, x, y));
}

}  // namespace
}  // namespace roof::chart
