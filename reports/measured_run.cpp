#include "reports/measured_run.hpp"

#include <cmath>
#include <type_traits>
#include <utility>

#include "networks/catalogue.hpp"
#include "results/context_keys.hpp"
#include "roofline/measured_device.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

// The --roofs runs of the machine that ran `run` (same CPU model and cores): the CPU's ceilings
// and the GPUs' may come from separate runs of bench_roofs.
std::vector<const MeasuredMachine*> machines_of(const RunContext& run,
                                                const std::vector<MeasuredMachine>& machines) {
  if (machines.empty()) {
    throw InputError("--bench '" + run.path +
                     "' needs the measured roofline of the machine that ran it: pass "
                     "bench_roofs' JSON from the same machine with --roofs");
  }
  std::vector<const MeasuredMachine*> same;
  std::string known;
  for (const MeasuredMachine& m : machines) {
    if (m.context.cpu_model == run.cpu_model && m.context.cores == run.cores) same.push_back(&m);
    known += (known.empty() ? "" : "; ") + m.context.path + ": " + m.context.machine();
  }
  if (!same.empty()) return same;
  throw InputError("--bench '" + run.path + "' ran on " + run.machine() +
                   ", which no --roofs file measured (" + known + ")");
}

// The measurements of the implementations that run where `on_gpu` says: each side's
// iteration is composed from its own rows (our CPU loops never stand in for a GPU's).
MeasuredLayerTimes rows_on(const MeasuredLayerTimes& times, bool on_gpu) {
  MeasuredLayerTimes out = times;
  const auto keep = [&](const auto& by_impl) {
    std::remove_cvref_t<decltype(by_impl)> kept;
    for (const auto& [impl, rows] : by_impl) {
      if (runs_on_gpu(impl) == on_gpu) kept.emplace(impl, rows);
    }
    return kept;
  };
  out.seconds = keep(times.seconds);
  out.update_seconds = keep(times.update_seconds);
  return out;
}

// The measured GPU bench_layers ran on (its roof_gpu is CUDA's name, as bench_roofs' is).
std::pair<const MeasuredMachine*, const MeasuredGpu*> gpu_named(
    const std::vector<const MeasuredMachine*>& machines, const std::string& name) {
  for (const MeasuredMachine* machine : machines) {
    for (const MeasuredGpu& gpu : machine->gpus) {
      if (gpu.name == name) return {machine, &gpu};
    }
  }
  return {nullptr, nullptr};
}

const MeasuredMachine* with_cpu(const std::vector<const MeasuredMachine*>& machines) {
  for (const MeasuredMachine* machine : machines) {
    if (machine->cpu) return machine;
  }
  return nullptr;
}

}  // namespace

std::string MeasuredRun::where() const {
  return on_gpu ? processor + " (GPU of " + context.machine() + ")" : context.machine();
}

MeasuredMachine read_measured_machine(std::string_view json_text, const std::string& path) {
  const BenchmarkFile file = parse_benchmark_file(json_text, path, "--roofs");
  MeasuredMachine machine;
  machine.context = run_context_of(file);
  if (machine.context.tool == BenchTool::bench_layers) {
    throw InputError("--roofs '" + path + "' is bench_layers output; pass it with --bench");
  }
  MeasuredDevices devices = measured_devices(file);
  machine.cpu = std::move(devices.cpu);
  for (std::size_t i = 0; i < devices.gpus.size(); ++i) {
    std::string name =
        file.context_text(context_key::gpu(static_cast<int>(i), context_key::gpu_name));
    machine.gpus.push_back({std::move(devices.gpus[i]), std::move(name)});
  }
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
  const std::vector<const MeasuredMachine*> same = machines_of(context, machines);
  const MeasuredLayerTimes cpu_times = rows_on(times, false);
  const MeasuredLayerTimes gpu_times = rows_on(times, true);
  const MeasuredMachine* cpu_machine = with_cpu(same);
  if (!cpu_times.seconds.empty() && cpu_machine == nullptr) {
    throw InputError("--bench '" + path + "' has CPU rows, but --roofs '" +
                     same.front()->context.path +
                     "' measured only this machine's GPUs: pass a bench_roofs run with its CPU "
                     "ceilings too (one without --benchmark_filter)");
  }
  const auto [gpu_machine, gpu] = gpu_times.seconds.empty()
                                      ? std::pair<const MeasuredMachine*, const MeasuredGpu*>{}
                                      : gpu_named(same, context.gpu);
  std::vector<std::string> not_drawn;
  if (gpu == nullptr) {
    for (const auto& [impl, rows] : gpu_times.seconds) not_drawn.push_back(impl);
  }

  std::vector<MeasuredRun> runs;
  for (const auto& network_batch : times.batch_of_network) {
    // Named copies: the lambdas below capture them (clang refuses structured bindings there).
    const std::string& name = network_batch.first;
    const std::int64_t batch = network_batch.second;
    const auto run_on = [&](const MeasuredMachine& machine, const Device& device,
                            const MeasuredLayerTimes& rows, bool on_gpu) {
      MeasuredRun run{context, machine, device, on_gpu, {}, {}, {}, {}, {}};
      run.network = build_network(name, {dataset, batch, false});
      TrainingOptions options;
      options.placement = placement;
      options.images_per_epoch = batch;  // one iteration: epochs do not enter the report's use
      const TrainingPrediction model = predict_training(run.network, device, options);
      // compose_measured checks the rows' shapes against the model's (the `ai` counters).
      run.iteration = compose_measured(run.network, model, rows);
      run.processor = on_gpu ? context.gpu : context.cpu_model;
      if (on_gpu) {
        run.iteration.machine = run.where();
      } else {
        run.caches = machine.caches;
        run.not_drawn = not_drawn;
      }
      runs.push_back(std::move(run));
    };
    // Each side only where the file measured this network there.
    const auto measured_here = [&](const MeasuredLayerTimes& rows) {
      for (const auto& [impl, by_pass] : rows.seconds) {
        for (const auto& [key, seconds] : by_pass) {
          if (key.first.rfind(name + ":", 0) == 0) return true;
        }
      }
      return false;
    };
    if (measured_here(cpu_times)) run_on(*cpu_machine, *cpu_machine->cpu, cpu_times, false);
    if (gpu != nullptr && measured_here(gpu_times)) {
      run_on(*gpu_machine, gpu->device, gpu_times, true);
    }
  }
  return runs;
}

}  // namespace roof::report
