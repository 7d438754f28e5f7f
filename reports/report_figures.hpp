#pragma once

#include <array>
#include <string>
#include <vector>

#include "reports/breakdown_chart.hpp"
#include "reports/measured_run.hpp"
#include "reports/roofline_chart.hpp"
#include "reports/run_comparison.hpp"
#include "roofline/device.hpp"
#include "roofline/training.hpp"

// The report's charts, made from the model's predictions and the measured runs.
namespace roof::report {

// "vgg16 (cifar10, batch 100, fp32, direct convolution)".
std::string setup_text(const Placement& placement);

// An iteration's time in the parts of chart::kIterationParts: the three passes of the conv and
// fc layers, every other op, the update, the GPU's wait on the host; they sum to iteration_s.
std::array<double, 6> iteration_parts(const TrainingPrediction& prediction);

// One modelled device with every conv and fc layer-pass of each prediction (one per network),
// coloured by network; `caches` are a measured machine's cache levels (none for a catalogue
// device).
chart::RooflineChart device_chart(const Device& device,
                                  const std::vector<TrainingPrediction>& predictions,
                                  const std::vector<CacheCeiling>& caches = {});

// Several modelled devices' roofs with one network's conv and fc layer-passes on each, coloured
// by device (`colours[i]`: the palette index of device i, so a device keeps its colour across
// the report's pair charts; empty: by position): at the same intensity, the vertical gap between
// two roofs is the speedup.
chart::RooflineChart comparison_chart(const std::vector<Device>& devices,
                                      const std::vector<TrainingPrediction>& predictions,
                                      const std::vector<std::size_t>& colours = {});

// A bench_layers run on the measured roofline of its machine: every measured layer-pass per
// implementation, and in grey the model's prediction for the same layers on that roof.
chart::RooflineChart measured_chart(const MeasuredRun& run);

// One network's iteration on each device (predictions in device order), modelled.
chart::BreakdownChart breakdown_chart(const std::vector<TrainingPrediction>& predictions);

// A measured run: the model's iteration on the machine, then each implementation's, composed
// from its measured conv and fc passes and the model's other ops and update.
chart::BreakdownChart measured_breakdown(const MeasuredRun& run);

// Two measured runs of one network on one chart: the baseline's layer-passes in grey, the
// contender's in each implementation's colour, only the passes both measured; each
// contender point's tooltip gives its time against the baseline's. The baseline's measured
// roof is drawn, and the contender's beside it when another bench_roofs file measured it.
chart::RooflineChart comparison_overlay_chart(const MeasuredRun& baseline,
                                              const MeasuredRun& contender,
                                              const RunComparison& comparison,
                                              const std::string& baseline_label,
                                              const std::string& contender_label);

}  // namespace roof::report
