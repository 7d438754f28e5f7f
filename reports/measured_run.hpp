#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "networks/network.hpp"
#include "reports/bench_files.hpp"
#include "roofline/device.hpp"
#include "roofline/measured_layers.hpp"

namespace roof::report {

// One --roofs file: the devices bench_roofs measured there, with the CPU's cache levels. A run
// filtered to the GPUs' ceilings (scripts/gpu-check.sh) has no CPU device.
struct MeasuredGpu {
  Device device;     // this-gpu<i>
  std::string name;  // as CUDA names it ("NVIDIA H200"): bench_layers' roof_gpu says the same
};
struct MeasuredMachine {
  std::optional<Device> cpu;
  std::vector<MeasuredGpu> gpus;
  RunContext context;
  std::vector<CacheCeiling> caches;       // each level's fastest sweep kernel: its ceiling
  std::vector<CacheCeiling> cache_rates;  // every (level, kernel) of the sweeps
};

// Throws InputError for a file that is not bench_roofs output, naming the tool it came from
// when it is bench_layers'.
MeasuredMachine read_measured_machine(std::string_view json_text, const std::string& path);

// One network of one --bench file on one measured device: the machine's CPU with the run's CPU
// implementations, or the GPU it ran on with its GPU implementations (cudnn, cublas, cuda:
// kernels/gpu_runner.hpp), each beside the model of the same layers on that measured roof.
struct MeasuredRun {
  RunContext context;
  MeasuredMachine machine;
  Device device;                     // the measured roof the passes are drawn on
  bool on_gpu = false;               // device is one of machine.gpus
  std::string processor;             // the CPU model or the GPU's name, for titles
  std::vector<CacheCeiling> caches;  // the CPU's sweep ceilings; none for a GPU
  Network network;
  MeasuredIteration iteration;  // measured conv/fc passes per implementation, and the model
  // The GPU implementations of a run whose GPU no --roofs file measured: not drawn (a note).
  std::vector<std::string> not_drawn;

  // "NVIDIA H200 (GPU of Intel Xeon ..., 16 cores, avx512f)", or the CPU machine in words.
  std::string where() const;
};

// Every network of a bench_layers file, each built from the catalogue at the batch it was
// measured at in the form `dataset` (the names carry no dataset), placed on the machine among
// `machines` that ran it (same CPU model and core count): one run for its CPU implementations
// on the machine's CPU, one for its GPU implementations on the measured GPU of the same name
// (left out with a note when no --roofs file measured that GPU). Throws InputError for a file
// that is not bench_layers output, a run on a machine no --roofs file measured, CPU rows from a
// machine whose --roofs file has only GPU ceilings, or layers whose intensity differs from the
// model's (measured in another dataset's form).
std::vector<MeasuredRun> read_measured_runs(std::string_view json_text, const std::string& path,
                                            const std::vector<MeasuredMachine>& machines,
                                            Dataset dataset, const PlacementOptions& placement);

}  // namespace roof::report
