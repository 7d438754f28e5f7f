#pragma once

#include <string>

#include "reports/breakdown_chart.hpp"
#include "reports/roofline_chart.hpp"
#include "reports/scaling_chart.hpp"

// What a chart draws, as CSV (RFC 4180, a header row, one row per mark), written beside the
// chart's SVG so a user can plot it again in a tool of their own. Numbers are in base units
// (FLOP/s, bytes/s, seconds) at full precision; the labels are the chart's tooltips.
namespace roof::chart {

// One row per point: its series and roof, the roof's two solid ceilings, pass, intensity,
// rate, share of the iteration and which side of its roof it lies on.
std::string roofline_data_csv(const RooflineChart& chart);

// One row per part of each bar: bar, part, seconds, share of the bar, the bar's note.
std::string breakdown_data_csv(const BreakdownChart& chart);

// One row per point: modelled (a strategy's line) or measured (who measured), GPUs, speedup.
std::string scaling_data_csv(const ScalingChart& chart);

}  // namespace roof::chart
