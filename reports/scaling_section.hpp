#pragma once

#include <vector>

#include "networks/network.hpp"
#include "reports/measured_collectives.hpp"
#include "reports/report_document.hpp"
#include "reports/scaling_chart.hpp"
#include "roofline/device.hpp"
#include "roofline/interconnect_catalogue.hpp"
#include "roofline/parallel_training.hpp"

// The report's "Scaling on several GPUs": one network on 1, 2, 4 ... GPUs of one device in one
// node under each strategy, the speedups somebody measured beside them, and the collectives
// bench_comm measured.
namespace roof::report {

// Seed 002's table of Krizhevsky's "One weird trick" runs (AlexNet, 8 K20 GPUs in one machine,
// batch 128 per GPU in every layer): the speedups 1.95x, 3.74x and 6.25x on 2, 4 and 8 GPUs,
// quoted, for the owt line.
chart::MeasuredScaling seed_owt_scaling();

struct ScalingSetup {
  Network network;  // built at the batch of one GPU (weak scaling)
  Device device;
  std::vector<int> gpus{1, 2, 4, 8};  // in one node
  // Drawn as markers beside the model's lines; each names the line it measures.
  std::vector<chart::MeasuredScaling> measured;
};

// The predictions of each strategy (data, model, owt, in that order), one per GPU count, on the
// device's default links (InterconnectCatalogue::default_gpu_link), weak scaling, one gradient
// all-reduce after backward (auto: the faster of ring and tree), no overlap.
std::vector<std::vector<ParallelPrediction>> predict_scaling(const ScalingSetup& setup,
                                                             const TrainingOptions& options,
                                                             const InterconnectCatalogue& links);

// The chart of those predictions with the setup's measured points.
chart::ScalingChart scaling_chart(const std::vector<std::vector<ParallelPrediction>>& predictions,
                                  const std::vector<chart::MeasuredScaling>& measured);

// "Scaling on several GPUs": the chart, a table of every prediction, what the chart shows.
Section scaling_section(const ScalingSetup& setup, const TrainingOptions& options);

// "Measured collectives": the collectives of every bench_comm run in one table, or how to make
// such a run; `level` 3 under the scaling section, 2 without it.
Section collectives_section(const std::vector<CommRun>& comm, int level);

}  // namespace roof::report
