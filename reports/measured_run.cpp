#include "reports/measured_run.hpp"

#include <cmath>

#include "networks/catalogue.hpp"
#include "roofline/measured_device.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

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
  const BenchmarkFile file = parse_benchmark_file(json_text, path, "--roofs");
  MeasuredMachine machine;
  machine.context = run_context_of(file);
  if (machine.context.tool == BenchTool::bench_layers) {
    throw InputError("--roofs '" + path + "' is bench_layers output; pass it with --bench");
  }
  machine.device = measured_device(file);
  machine.caches = read_cache_ceilings(file);
  machine.cache_rates = read_cache_rates(file);
  return machine;
}

std::vector<MeasuredRun> read_measured_runs(std::string_view json_text, const std::string& path,
                                            const std::vector<MeasuredMachine>& machines,
                                            Dataset dataset, const PlacementOptions& placement) {
  const BenchmarkFile file = parse_benchmark_file(json_text, path, "--bench");
  const RunContext context = run_context_of(file);
  if (context.tool == BenchTool::bench_roofs) {
    throw InputError("--bench '" + path + "' is bench_roofs output; pass it with --roofs");
  }
  if (context.tool != BenchTool::bench_layers) {
    throw InputError("--bench '" + path +
                     "' has no bench_layers benchmark (names <op>/<network>:<layer>/<pass>/"
                     "mb:<batch>/impl:<impl>): output of another program");
  }
  const MeasuredLayerTimes times = read_measured_layers(file);
  const MeasuredMachine& machine = machine_of(context, machines);
  std::vector<MeasuredRun> runs;
  for (const auto& [name, batch] : times.batch_of_network) {
    Network network = build_network(name, {dataset, batch, false});
    TrainingOptions options;
    options.placement = placement;
    options.images_per_epoch = batch;  // one iteration: epochs do not enter the report's use
    const TrainingPrediction model = predict_training(network, machine.device, options);
    // compose_measured checks the rows' shapes against the model's (the `ai` counters).
    MeasuredIteration iteration = compose_measured(network, model, times);
    runs.push_back({context, machine, std::move(network), std::move(iteration)});
  }
  return runs;
}

}  // namespace roof::report
