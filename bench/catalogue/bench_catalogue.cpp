// How long the analytic model takes: building every catalogue network on both datasets, costing
// every layer and pass, and writing the JSON `roofline layers --format json` prints. The
// catalogue should cost well under a second in all: the Time column of BM_AllNetworksLayers is
// that cost, at batch 256 (the batch does not change the work of the model, only the numbers).
#include <benchmark/benchmark.h>

#include "bench/common/checked_output.hpp"
#include "bench/common/percent_display.hpp"
#include "bench/common/run_context.hpp"
#include "networks/catalogue.hpp"
#include "networks/network_json.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"

namespace {

std::size_t model_every_network(roof::Dataset dataset, std::int64_t batch) {
  std::size_t written = 0;
  for (const roof::CatalogueEntry& entry : roof::catalogue()) {
    if (dataset == roof::Dataset::cifar10 && !entry.has_cifar10) continue;
    const roof::Network network = roof::build_network(entry.name, {dataset, batch, false});
    written += roof::layers_json(network, roof::DType::fp32).dump().size();
  }
  return written;
}

void BM_AllNetworksLayers(benchmark::State& state) {
  const auto dataset = static_cast<roof::Dataset>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = model_every_network(dataset, 256);
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
  state.SetLabel(std::string(roof::to_string(dataset)));
}
BENCHMARK(BM_AllNetworksLayers)
    ->Arg(static_cast<int>(roof::Dataset::imagenet))
    ->Arg(static_cast<int>(roof::Dataset::cifar10))
    ->Unit(benchmark::kMillisecond);

void BM_CostOneNetwork(benchmark::State& state) {
  const roof::Network network = roof::build_network("resnet152", {});
  for (auto _ : state) {
    benchmark::DoNotOptimize(roof::totals_of(network, roof::DType::fp32));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(network.layers.size()));
}
BENCHMARK(BM_CostOneNetwork)->Unit(benchmark::kMicrosecond);

// One training prediction of ResNet-152 at batch 16 on a V100 (every layer-pass, the update;
// the achievable model adds the host timeline): the goal is under a millisecond per network.
void BM_TrainingPrediction(benchmark::State& state) {
  const roof::Network network = roof::build_network("resnet152", {roof::Dataset::imagenet, 16});
  const roof::DeviceCatalogue devices = roof::DeviceCatalogue::builtin();
  const roof::Device& v100 = devices.find("V100");
  roof::TrainingOptions options;
  options.images_per_epoch = 1281167;
  options.placement.model = static_cast<roof::TimeModel>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(roof::predict_training(network, v100, options).iteration_s);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(network.layers.size()));
  state.SetLabel(std::string(roof::to_string(options.placement.model)));
}
BENCHMARK(BM_TrainingPrediction)
    ->Arg(static_cast<int>(roof::TimeModel::roofline))
    ->Arg(static_cast<int>(roof::TimeModel::achievable))
    ->Unit(benchmark::kMicrosecond);

}  // namespace

// BENCHMARK_MAIN's steps, with the writes of the results checked (bench/common/checked_output).
int main(int argc, char** argv) {
  roof::bench::check_stdout_at_exit("bench_catalogue");  // --help exits from Google Benchmark
  const roof::bench::OutputFileFlags out_file = roof::bench::output_file_flags(argc, argv);
  if (!roof::bench::output_file_openable("bench_catalogue", out_file)) return 2;
  roof::bench::add_command_line(argc, argv);
  // Google Benchmark names the program by argv[0] in its refusals ("<argv[0]>: error: ...").
  static char program[] = "bench_catalogue";
  argv[0] = program;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;  // as every program
  const bool written = roof::bench::run_checked("bench_catalogue",
                                                roof::bench::percent_display_reporter(), out_file);
  benchmark::Shutdown();
  return written ? 0 : 2;
}
