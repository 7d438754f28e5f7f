// Roofline and breakdown charts: well-formed SVG with axes, ceilings, one point per layer-pass
// with a tooltip, every point inside the plot, those above their roof marked and explained.
#include <gtest/gtest.h>

#include <set>

#include "reports/breakdown_chart.hpp"
#include "reports/roofline_chart.hpp"
#include "tests/reports/chart_test_helpers.hpp"

namespace roof::chart {
namespace {

// One roof (10 TFLOP/s, 1 TB/s: ridge 10 FLOP/B) with an FP64 and an L2 ceiling, and points on,
// below and above it.
RooflineChart sample_chart() {
  RooflineChart c;
  c.title = "test <chart> & co";
  c.subtitle = "Modelled, for a test";
  c.roofs.push_back({"GPU",
                     "#222222",
                     {"FP32 10 TFLOP/s", 1e13},
                     {"DRAM 1 TB/s", 1e12},
                     {{"FP64 5 TFLOP/s", 5e12}},
                     {{"L2 4 TB/s", 4e12}}});
  c.series = {{"net_a", "#0072b2"}, {"net_b", "#d55e00"}};
  c.points = {
      {0, 0, Pass::fwd, false, 1, 1e12, "conv1 <fwd> on the slope"},
      {0, 0, Pass::bwd_data, false, 100, 1e13, "conv2 bwd_data on the flat"},
      {1, 0, Pass::bwd_weights, true, 2, 1e11, "inception_3a.1x1 bwd_weights below"},
      {1, 0, Pass::fwd, false, 0.5, 1.5e12, "fc6 fwd from a hot cache"},
      {1, 0, Pass::fwd, false, 50, 2.25e13, "conv3 fwd as Winograd"},
  };
  c.above_memory_why = "hot caches";
  c.above_compute_why = "Winograd executes fewer FLOPs";
  return c;
}

TEST(RooflineChart, IsWellFormedWithAxesCeilingsAndALegend) {
  const auto svg = test::parse_xml(render_roofline(sample_chart()));
  EXPECT_EQ(svg->child("title")->text, "test <chart> & co");
  EXPECT_EQ(svg->by_class("x-axis").size(), 1u);
  EXPECT_EQ(svg->by_class("y-axis").size(), 1u);
  EXPECT_EQ(svg->by_class("legend").size(), 1u);
  EXPECT_GE(svg->by_class("tick-label").size(), 6u);
  const auto compute = svg->by_class("compute-ceiling");
  const auto memory = svg->by_class("memory-ceiling");
  ASSERT_EQ(compute.size(), 2u);  // FP32 and FP64
  ASSERT_EQ(memory.size(), 2u);   // DRAM and L2
  for (const auto* line : compute) EXPECT_NE(line->child("title"), nullptr);
  std::set<std::string> labels;
  for (const auto* label : svg->by_class("ceiling-label")) labels.insert(label->text);
  EXPECT_EQ(labels, (std::set<std::string>{"FP32 10 TFLOP/s", "FP64 5 TFLOP/s", "DRAM 1 TB/s",
                                           "L2 4 TB/s"}));
  EXPECT_EQ(svg->by_class("ridge-point").size(), 1u);
  EXPECT_EQ(svg->by_class("ridge-label").at(0)->text, "ridge 10.0 FLOP/B");
}

TEST(RooflineChart, OnePointPerLayerPassWithItsTooltip) {
  const RooflineChart chart = sample_chart();
  const auto svg = test::parse_xml(render_roofline(chart));
  const auto points = svg->by_class("point");
  ASSERT_EQ(points.size(), chart.points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto* title = points[i]->child("title");
    ASSERT_NE(title, nullptr);
    EXPECT_EQ(title->text.rfind(chart.points[i].tooltip, 0), 0u) << title->text;
    EXPECT_EQ(points[i]->attribute("data-pass"), to_string(chart.points[i].pass));
  }
  EXPECT_EQ(svg->by_class("conv1x1").size(), 1u);
}

TEST(RooflineChart, EveryPointIsInsideThePlotAndTheAxesCoverThem) {
  const RooflineChart chart = sample_chart();
  const auto svg = test::parse_xml(render_roofline(chart));
  const Box plot = test::plot_area(*svg);
  for (const auto* point : svg->by_class("point")) {
    const auto [x, y] = test::translation(*point);
    EXPECT_TRUE(plot.contains(x, y)) << point->child("title")->text;
  }
  const RooflineLayout layout = layout_of(chart);
  for (const ChartPoint& p : chart.points) {
    EXPECT_TRUE(layout.x.covers(p.ai)) << p.tooltip;
    EXPECT_TRUE(layout.y.covers(p.flops)) << p.tooltip;
  }
  EXPECT_TRUE(layout.x.covers(chart.roofs[0].ridge_point()));
  EXPECT_TRUE(layout.y.covers(chart.roofs[0].peak.value));
}

TEST(RooflineChart, PointsAboveTheirRoofAreMarkedAndExplained) {
  const auto svg = test::parse_xml(render_roofline(sample_chart()));
  const auto above = svg->by_class("above-roof");
  ASSERT_EQ(above.size(), 2u);
  EXPECT_NE(above[0]->child("title")->text.find("Above the memory ceiling: hot caches"),
            std::string::npos);
  EXPECT_NE(above[1]->child("title")->text.find("Above the compute peak: Winograd"),
            std::string::npos);
  std::string notes;
  for (const auto* line : svg->by_class("notes").at(0)->by_name("text")) notes += line->text + " ";
  EXPECT_NE(notes.find("1 layer-passes lie above the memory ceiling"), std::string::npos);
  EXPECT_NE(notes.find("1 layer-passes lie above the compute peak"), std::string::npos);
}

TEST(RooflineChart, SeveralRoofsAreLabelledByDevice) {
  RooflineChart chart = sample_chart();
  chart.roofs.push_back(
      {"Other", "#d55e00", {"FP32 4 TFLOP/s", 4e12}, {"DRAM 300 GB/s", 3e11}, {}, {}});
  chart.points.push_back({1, 1, Pass::fwd, false, 1, 3e11, "conv1 on the other roof"});
  const auto svg = test::parse_xml(render_roofline(chart));
  EXPECT_EQ(svg->by_class("roof").size(), 2u);
  EXPECT_EQ(svg->by_class("ridge-point").size(), 2u);
  std::set<std::string> labels;
  for (const auto* label : svg->by_class("ceiling-label")) labels.insert(label->text);
  EXPECT_TRUE(labels.count("Other: FP32 4 TFLOP/s"));
  EXPECT_TRUE(labels.count("GPU: DRAM 1 TB/s"));
}

TEST(RooflineChart, SameInputSameBytes) {
  EXPECT_EQ(render_roofline(sample_chart()), render_roofline(sample_chart()));
}

TEST(BreakdownChart, OneSegmentPerPartWithItsTime) {
  BreakdownChart chart;
  chart.title = "net: modelled";
  chart.subtitle = "Modelled";
  chart.bars = {{"A", {0.010, 0.008, 0.009, 0.004, 0.001}, ""},
                {"B", {0.020, 0.0, 0.018, 0.008, 0.002}, "no bwd_data"}};
  const auto svg = test::parse_xml(render_breakdown(chart));
  const auto segments = svg->by_class("segment");
  ASSERT_EQ(segments.size(), 9u);  // B has no backward-data
  EXPECT_EQ(segments[0]->attribute("data-part"), "forward");
  EXPECT_EQ(segments[0]->child("title")->text, "A: forward 10.0 ms (31.2% of 32.0 ms)");
  const auto totals = svg->by_class("bar-total");
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[1]->text, "48.0 ms  no bwd_data");
  // Segments of a bar abut: each starts where the one before it ends.
  const double end =
      std::stod(segments[0]->attribute("x")) + std::stod(segments[0]->attribute("width"));
  EXPECT_NEAR(std::stod(segments[1]->attribute("x")), end, 0.11);
}

// The GPU's wait on the host is a part of its own, in the legend only where a bar has it.
TEST(BreakdownChart, TheHostWaitIsAPartWhereABarHasIt) {
  BreakdownChart chart;
  chart.title = "net: modelled";
  chart.subtitle = "Modelled";
  chart.bars = {{"A", {0.010, 0.008, 0.009, 0.004, 0.001, 0.0}, ""}};
  auto legend_has_host = [&] {
    const auto svg = test::parse_xml(render_breakdown(chart));
    const auto legend = svg->by_class("legend");
    if (legend.empty()) return false;
    for (const auto* text : legend[0]->by_name("text")) {
      if (text->text == "waiting on the host") return true;
    }
    return false;
  };
  EXPECT_FALSE(legend_has_host());
  chart.bars[0].seconds[kHostWaitPart] = 0.020;
  EXPECT_TRUE(legend_has_host());
  const auto svg = test::parse_xml(render_breakdown(chart));
  const auto segments = svg->by_class("segment");
  ASSERT_EQ(segments.size(), 6u);
  EXPECT_EQ(segments[5]->attribute("data-part"), "waiting on the host");
  EXPECT_EQ(svg->by_class("bar-total")[0]->text, "52.0 ms");
}

// One bar 100x the others (the plain-loop rung against the libraries) would squash them into
// slivers: the axis stops at 3x the lower median and the long bar is drawn broken, its total in
// full, while the others keep a readable length.
TEST(BreakdownChart, AFarLongerBarIsDrawnBroken) {
  BreakdownChart chart;
  chart.title = "net: measured";
  chart.subtitle = "Measured";
  chart.bars = {{"fast", {0.010, 0.010, 0.010, 0.0, 0.0}, ""},
                {"faster", {0.008, 0.008, 0.008, 0.0, 0.0}, ""},
                {"plain loops", {1.0, 1.0, 1.0, 0.0, 0.0}, ""}};
  const auto svg = test::parse_xml(render_breakdown(chart));
  EXPECT_EQ(svg->by_class("axis-break").size(), 2u);
  const auto totals = svg->by_class("bar-total");
  ASSERT_EQ(totals.size(), 3u);
  EXPECT_EQ(totals[2]->text, "3000 ms (bar broken: beyond the axis)");
  auto bar_width = [&](std::size_t first_segment) {
    const auto segments = svg->by_class("segment");
    double width = 0;
    for (std::size_t i = first_segment; i < first_segment + 3; ++i)
      width += std::stod(segments[i]->attribute("width"));
    return width;
  };
  const double fast = bar_width(0), slow = bar_width(6);
  EXPECT_GT(fast, 150.0);  // of the 620 pixels of bars; a linear axis to 3000 ms left it 6
  EXPECT_LT(slow, 4 * fast);
  // Without an outlier nothing is broken.
  chart.bars.pop_back();
  EXPECT_TRUE(test::parse_xml(render_breakdown(chart))->by_class("axis-break").empty());
}

}  // namespace
}  // namespace roof::chart
