#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "networks/network.hpp"
#include "reports/bench_files.hpp"
#include "roofline/device.hpp"
#include "roofline/measured_layers.hpp"

namespace roof::report {

// One --roofs file: this machine's measured roofline, as a device, with its cache levels.
struct MeasuredMachine {
  Device device;
  RunContext context;
  std::vector<CacheCeiling> caches;       // each level's fastest sweep kernel: its ceiling
  std::vector<CacheCeiling> cache_rates;  // every (level, kernel) of the sweeps
};

// Throws InputError for a file that is not bench_roofs output, naming the tool it came from
// when it is bench_layers'.
MeasuredMachine read_measured_machine(std::string_view json_text, const std::string& path);

// One network of one --bench file, beside the model of the machine that ran it.
struct MeasuredRun {
  RunContext context;
  MeasuredMachine machine;
  Network network;
  MeasuredIteration iteration;  // measured conv/fc passes per implementation, and the model
};

// The implementations of a run that ran on the CPU, whose points belong on the CPU's measured
// roofline, and those that ran on a GPU (cudnn, cublas, cuda: kernels/gpu_runner.hpp), which
// need the GPU's ceilings and are left out of the CPU's charts.
std::vector<std::string> cpu_implementations(const MeasuredRun& run);
std::vector<std::string> gpu_implementations(const MeasuredRun& run);

// Every network of a bench_layers file, each built from the catalogue at the batch it was
// measured at in the form `dataset` (the names carry no dataset), placed on the machine among
// `machines` that ran it (same CPU model and core count). Throws InputError for a file that is
// not bench_layers output, a run on a machine no --roofs file measured, or layers whose
// intensity differs from the model's (measured in another dataset's form).
std::vector<MeasuredRun> read_measured_runs(std::string_view json_text, const std::string& path,
                                            const std::vector<MeasuredMachine>& machines,
                                            Dataset dataset, const PlacementOptions& placement);

}  // namespace roof::report
