#include "reports/seed_validation.hpp"

#include <cmath>

#include "networks/catalogue.hpp"
#include "roofline/explanation.hpp"
#include "roofline/training.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

struct SeedRun {
  const char* seed;
  const char* network;
  Dataset form;  // the network's shapes: seed 001 resized its images to 224x224
  const char* data;
  std::int64_t images;
  std::int64_t batch;
  std::int64_t epochs;
  const char* fast;
  const char* slow;
  double measured_fast_s;
  double measured_slow_s;
  const char* source;
};

// The seeds' measurements, as they print them.
constexpr const char* kSeed000 =
    "seed 000 (Luo, EECE 5640 final report, Workload 1): \"(200 epoch) P100: 20min 38s (200 "
    "epoch) K40m: 43min 12s\"";
constexpr const char* kSeed001 =
    "seed 001 (Li, \"Benchmark Deep Neural Network Models\", 2022), Running Time Comparison "
    "Table";

const SeedRun kRuns[] = {
    {"seed 000", "vgg16", Dataset::cifar10, "CIFAR-10 (32x32)", 50000, 100, 200, "P100", "K40m",
     20 * 60 + 38, 43 * 60 + 12, kSeed000},
    {"seed 000", "vgg19", Dataset::cifar10, "CIFAR-10 (32x32)", 50000, 100, 200, "P100", "K40m",
     20 * 60 + 38, 43 * 60 + 12, kSeed000},
    {"seed 001", "googlenet", Dataset::imagenet, "CIFAR-10 at 224x224", 50000, 10, 10, "P100",
     "K80", 1019.2370, 2834.6030, kSeed001},
    {"seed 001", "googlenet", Dataset::imagenet, "MNIST at 224x224", 60000, 10, 10, "P100", "K80",
     914.2736, 2587.4574, kSeed001},
    {"seed 001", "resnet18", Dataset::imagenet, "CIFAR-10 at 224x224", 50000, 10, 10, "P100", "K80",
     693.6736, 1823.6968, kSeed001},
    {"seed 001", "resnet18", Dataset::imagenet, "MNIST at 224x224", 60000, 10, 10, "P100", "K80",
     518.9218, 1462.0754, kSeed001},
};

// The catalogue's name of a seed's device alias ("P100" is the PCIe 16 GB board).
std::string run_device_name(const char* alias) {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  return catalogue.find(alias).name;
}

double predicted_run_s(const SeedRun& run, const Device& device, Ceilings ceilings) {
  TrainingOptions options;
  options.placement.roof.ceilings = ceilings;
  options.images_per_epoch = run.images;
  options.epochs = run.epochs;
  const Network network = build_network(run.network, {run.form, run.batch, false});
  return predict_training(network, device, options).total_s;
}

}  // namespace

std::vector<SeedComparison> seed_comparisons(const DeviceCatalogue& catalogue) {
  std::vector<SeedComparison> rows;
  for (const SeedRun& run : kRuns) {
    const Device& fast = catalogue.find(run.fast);
    const Device& slow = catalogue.find(run.slow);
    SeedComparison row;
    row.seed = run.seed;
    row.setup = std::string(run.network) + ", " + run.data + ", batch " +
                std::to_string(run.batch) + ", " + std::to_string(run.epochs) + " epochs";
    row.fast = fast.name;
    row.slow = slow.name;
    row.measured_fast_s = run.measured_fast_s;
    row.measured_slow_s = run.measured_slow_s;
    row.source = run.source;
    row.theoretical_fast_s = predicted_run_s(run, fast, Ceilings::theoretical);
    row.theoretical_slow_s = predicted_run_s(run, slow, Ceilings::theoretical);
    row.sustained_fast_s = predicted_run_s(run, fast, Ceilings::sustained);
    row.sustained_slow_s = predicted_run_s(run, slow, Ceilings::sustained);
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> seed_measurements_of(const std::string& network, const Device& a,
                                              const Device& b, const TrainingOptions& options) {
  std::vector<std::string> out;
  for (const SeedRun& run : kRuns) {
    if (network != run.network) continue;
    const bool a_fast = a.name == run_device_name(run.fast) && b.name == run_device_name(run.slow);
    const bool b_fast = b.name == run_device_name(run.fast) && a.name == run_device_name(run.slow);
    if (!a_fast && !b_fast) continue;
    TrainingOptions seed = options;
    seed.images_per_epoch = run.images;
    seed.epochs = run.epochs;
    const Network net = build_network(run.network, {run.form, run.batch, false});
    // explain() runs one software stack on both, as the explanation it stands beside does.
    const double predicted = explain(net, a_fast ? a : b, a_fast ? b : a, seed, 0).speedup;
    const double measured = run.measured_slow_s / run.measured_fast_s;
    const double miss = predicted / measured - 1;
    out.push_back(
        std::string(run.seed) + " measured " + run.network + " on " + run.data + ", batch " +
        std::to_string(run.batch) + ": " + (a_fast ? a : b).name + " " + fixed(measured, 2) +
        "x as fast as " + (a_fast ? b : a).name + "; this model at that setup predicts " +
        fixed(predicted, 2) + "x (" + (miss >= 0 ? "+" : "") + fixed(100 * miss, 0) + "%" +
        (std::abs(miss) > 0.10 ? ", outside 10%: docs/validation.md says why" : "") + ").");
  }
  return out;
}

}  // namespace roof::report
