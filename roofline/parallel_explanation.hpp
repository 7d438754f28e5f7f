#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "roofline/parallel_training.hpp"

namespace roof {

// One way to run the iteration: one GPU alone, or a strategy on all the GPUs.
struct StrategyOutcome {
  std::string name;  // "1 GPU", "data", "model", "owt"
  ParallelPrediction prediction;
  std::optional<double> measured_epoch_s;   // what the user says a run took
  std::optional<double> predicted_epoch_s;  // the model's epoch plus the unmodelled time
};

// "Why did data parallelism make the epoch slower while OWT made it faster?" for one network
// on N GPUs of one device: every strategy's compute, communication and epoch against one GPU,
// and, when measured epochs are given, the time outside the model (the measured one-GPU epoch
// less the modelled one: input pipeline, framework, host) carried over to every strategy.
struct ParallelExplanation {
  std::vector<StrategyOutcome> outcomes;  // "1 GPU" first, then data, model, owt
  std::optional<double> unmodelled_epoch_s;
  std::string paragraph;
};

// `options` gives the GPUs, links, all-reduce and batches; its strategy is ignored.
// `measured_epochs` maps "1gpu", "data", "model", "owt" to seconds; the predicted epochs need
// "1gpu". Throws InputError for an unknown key or a non-positive time.
ParallelExplanation explain_parallel(const Network& network, const Device& device,
                                     const Fabric& fabric, const ParallelOptions& options,
                                     const std::map<std::string, double>& measured_epochs);

}  // namespace roof
