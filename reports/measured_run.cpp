#include "reports/measured_run.hpp"

#include <cmath>

#include "networks/catalogue.hpp"
#include "networks/input_error.hpp"
#include "networks/text_format.hpp"
#include "roofline/measured_device.hpp"

namespace roof::report {
namespace {

const MeasuredMachine& machine_of(const RunContext& run,
                                  const std::vector<MeasuredMachine>& machines) {
  if (machines.empty()) {
    throw InputError("--bench '" + run.path +
                     "' needs the measured roofline of the machine that ran it: pass "
                     "bench_roofs' JSON from the same machine with --roofs");
  }
  std::string known;
  for (const MeasuredMachine& m : machines) {
    if (m.context.cpu_model == run.cpu_model && m.context.cores == run.cores) return m;
    known += (known.empty() ? "" : "; ") + m.context.path + ": " + m.context.machine();
  }
  throw InputError("--bench '" + run.path + "' ran on " + run.machine() +
                   ", which no --roofs file measured (" + known + ")");
}

// The file's `ai` counters against the model's intensities of the same layer-passes: a
// mismatch means the layers had other shapes, as a network's CIFAR-10 form has.
void check_shapes(const std::multimap<std::pair<std::string, Pass>, double>& intensities,
                  const MeasuredIteration& m, const Network& network, const std::string& path) {
  for (const PlacedPass& row : m.model.placement.rows) {
    const auto [first, last] = intensities.equal_range({network.name + ":" + row.layer, row.pass});
    for (auto it = first; it != last; ++it) {
      if (std::abs(it->second - row.ai) <= 1e-6 * std::max(1.0, row.ai)) continue;
      throw InputError("--bench '" + path + "': " + network.name + ":" + row.layer + " " +
                       std::string(to_string(row.pass)) + " has AI " + fixed(it->second, 4) +
                       " there but " + fixed(row.ai, 4) + " in the " +
                       std::string(to_string(*network.dataset)) +
                       " form; was it measured with another --dataset? (see --bench-dataset)");
    }
  }
}

}  // namespace

std::vector<std::string> cpu_implementations(const MeasuredRun& run) {
  std::vector<std::string> out;
  for (const std::string& impl : run.iteration.impls) {
    if (!runs_on_gpu(impl)) out.push_back(impl);
  }
  return out;
}

std::vector<std::string> gpu_implementations(const MeasuredRun& run) {
  std::vector<std::string> out;
  for (const std::string& impl : run.iteration.impls) {
    if (runs_on_gpu(impl)) out.push_back(impl);
  }
  return out;
}

MeasuredMachine read_measured_machine(std::string_view json_text, const std::string& path) {
  MeasuredMachine machine;
  machine.context = read_run_context(json_text, path);
  if (machine.context.tool == BenchTool::bench_layers) {
    throw InputError("--roofs '" + path + "' is bench_layers output; pass it with --bench");
  }
  machine.device = measured_device_from_bench_json(json_text, path);
  machine.caches = read_cache_ceilings(json_text);
  machine.cache_rates = read_cache_rates(json_text);
  return machine;
}

std::vector<MeasuredRun> read_measured_runs(std::string_view json_text, const std::string& path,
                                            const std::vector<MeasuredMachine>& machines,
                                            Dataset dataset, const PlacementOptions& placement) {
  const RunContext context = read_run_context(json_text, path);
  if (context.tool == BenchTool::bench_roofs) {
    throw InputError("--bench '" + path + "' is bench_roofs output; pass it with --roofs");
  }
  if (context.tool != BenchTool::bench_layers) {
    throw InputError("--bench '" + path +
                     "' has no bench_layers benchmark (names <op>/<network>:<layer>/<pass>/"
                     "mb:<batch>/impl:<impl>): output of another program");
  }
  const MeasuredLayerTimes times = read_measured_layers(json_text, path);
  const MeasuredMachine& machine = machine_of(context, machines);
  const auto intensities = read_layer_intensities(json_text);
  std::vector<MeasuredRun> runs;
  for (const auto& [name, batch] : times.batch_of_network) {
    Network network = build_network(name, {dataset, batch, false});
    TrainingOptions options;
    options.placement = placement;
    options.images_per_epoch = batch;  // one iteration: epochs do not enter the report's use
    const TrainingPrediction model = predict_training(network, machine.device, options);
    MeasuredIteration iteration = compose_measured(network, model, times);
    check_shapes(intensities, iteration, network, path);
    runs.push_back({context, machine, std::move(network), std::move(iteration)});
  }
  return runs;
}

}  // namespace roof::report
