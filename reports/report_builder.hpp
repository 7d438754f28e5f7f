#pragma once

#include <optional>
#include <string>
#include <vector>

#include "networks/network.hpp"
#include "reports/measured_collectives.hpp"
#include "reports/measured_run.hpp"
#include "reports/report_document.hpp"
#include "reports/scaling_section.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"

namespace roof::report {

struct ReportInputs {
  std::string command;            // how the report was made, quoted in its preamble
  std::vector<Network> networks;  // the first is the comparison's and the explanation's
  std::vector<Device> devices;    // modelled; the first two are the explained pair
  TrainingOptions options;        // how every modelled prediction reads its device
  std::vector<MeasuredMachine> machines;
  std::vector<MeasuredRun> runs;
  std::optional<ScalingSetup> scaling;         // "Scaling on several GPUs"; left out when empty
  std::vector<CommRun> comm;                   // bench_comm runs, for "Measured collectives"
  const DeviceCatalogue* catalogue = nullptr;  // where the seed table finds P100, K40m, K80
  int top = 5;                                 // contributors listed by the explanation
};

// The whole report: what was measured and modelled, why the first device beats the second,
// one roofline per device, the time breakdowns, the scaling on several GPUs with the measured
// collectives, the measured runs and the seed table.
ReportDocument build_report(const ReportInputs& inputs);

// The file of the chart comparing device a with device b ("roofline-p100-pcie-16gb-vs-k80.svg"):
// the report draws one per pair, its first device against each other one.
std::string pair_chart_file(const std::string& a, const std::string& b);

}  // namespace roof::report
