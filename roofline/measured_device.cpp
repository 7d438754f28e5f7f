#include "roofline/measured_device.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "results/context_keys.hpp"
#include "roofline/run_disturbance.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

namespace key = context_key;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw InputError("bench_roofs file '" + path + "' " + why);
}

// The measurement of `base` with the largest `counter`: the ceiling is what the machine can do.
const BenchmarkRow* best_row(const BenchmarkFile& file, std::string_view base,
                             std::string_view counter) {
  const BenchmarkRow* best = nullptr;
  for (const BenchmarkRow& row : file.rows) {
    if (!row.is_row_of(base) || !row.is_measurement()) continue;
    const std::optional<double> value = row.number(counter);
    if (value && !(*value > 0)) {  // a measured rate of zero or less is no measurement
      file.fail("benchmarks[" + std::to_string(row.index) + "] ('" + row.name + "')." +
                    std::string(counter),
                "must be positive, got " + std::to_string(*value));
    }
    if (value && (best == nullptr || *value > *best->number(counter))) best = &row;
  }
  return best;
}

const BenchmarkRow& required_row(const BenchmarkFile& file, std::string_view base,
                                 std::string_view counter) {
  const BenchmarkRow* row = best_row(file, base, counter);
  if (row == nullptr) {
    fail(file.path, "has no " + std::string(base) + " row with a \"" + std::string(counter) +
                        "\" counter: not bench_roofs output, or a run whose filter left it out");
  }
  return *row;
}

// The DRAM streams of a run: STREAM's four and bench_roofs' own (loads only, stores only, and
// non-temporal stores, which skip the read of each line before it is written). The memory roof
// is the fastest, since the machine moves at least that much; the others stay in the
// measurement. The triad alone is required: a file without it is not a run.
struct MemoryStream {
  std::string_view benchmark;
  std::string_view words;
};
constexpr MemoryStream stream_kernels[] = {
    {"roof/stream_triad", "STREAM triad"},         {"roof/stream_copy", "STREAM copy"},
    {"roof/stream_scale", "STREAM scale"},         {"roof/stream_add", "STREAM add"},
    {"roof/dram/read", "read-only stream"},        {"roof/dram/write", "write-only stream"},
    {"roof/dram/write_nt", "non-temporal writes"}, {"roof/dram/copy_nt", "non-temporal copy"},
    {"roof/dram/triad_nt", "non-temporal triad"}};

// The disturbances the CPU rows of a run show, in bench_roofs' own words (it printed the same
// lines at the end of its run). The GPU rows describe other devices.
std::vector<std::string> run_warnings(const BenchmarkFile& file) {
  std::vector<Disturbance> found;
  for (const BenchmarkRow& row : file.rows) {
    if (row.error || !row.name.starts_with("roof/")) continue;  // leaves out the GPU's rows
    CeilingRow facts;
    facts.name = row.name;
    if (row.aggregate) facts.aggregate = row.aggregate_name;
    facts.counters.insert(row.numbers.begin(), row.numbers.end());
    for (Disturbance& d : row_disturbances(facts)) found.push_back(std::move(d));
  }
  return disturbance_warnings(found);
}

// A measured rate in the unit the device keeps (TFLOP/s from `flops`, GB/s from
// `bytes_per_second`), within the range the catalogues allow ([1e-6, 1e9]): a rate outside is
// a corrupted file, and one near the ends of a double's range would give inf or 0 downstream.
double rate_of(const BenchmarkFile& file, const BenchmarkRow& row, std::string_view counter,
               double per_unit, std::string_view unit) {
  const double value = row.number(counter).value_or(0) / per_unit;
  if (!(value >= 1e-6 && value <= 1e9)) {
    file.fail("benchmarks[" + std::to_string(row.index) + "] ('" + row.name + "')." +
                  std::string(counter),
              "is " + general_number(row.number(counter).value_or(0)) + ", " +
                  general_number(value) + " " + std::string(unit) + ", outside 1e-06 to 1e+09 " +
                  std::string(unit) + ": not a rate this machine measured");
  }
  return value;
}

// A count the run wrote (cores, SMs): a whole number from 1 to 2^20, or a refusal; a fractional
// or huge count would be cast to an int unchecked.
std::optional<int> count_in_context(const BenchmarkFile& file, std::string_view name) {
  const std::optional<double> value = file.context_number(name);
  if (!value) return std::nullopt;
  if (!(*value >= 1 && *value <= (1 << 20) && *value == std::floor(*value))) {
    file.fail("context." + std::string(name),
              "must be a whole number from 1 to 1048576, got " + file.context_text(name));
  }
  return static_cast<int>(*value);
}

// A quantity the run wrote in its context or a row (a clock, a size, a theoretical peak), within
// what a machine can have: outside, it is a corrupted file, and it would print as a clock of
// 64 digits or a negative memory size.
std::optional<double> checked_quantity(const BenchmarkFile& file, const std::string& where,
                                       std::optional<double> value, double low, double high,
                                       std::string_view unit) {
  if (value && !(*value >= low && *value <= high)) {
    file.fail(where, "must be from " + general_number(low) + " to " + general_number(high) + " " +
                         std::string(unit) + ", got " + general_number(*value));
  }
  return value;
}

std::optional<double> context_quantity(const BenchmarkFile& file, std::string_view name, double low,
                                       double high, std::string_view unit) {
  return checked_quantity(file, "context." + std::string(name), file.context_number(name), low,
                          high, unit);
}

// A size the run could not read is written as 0 (bench_roofs: sysconf or sysfs said nothing).
std::optional<double> context_size(const BenchmarkFile& file, std::string_view name,
                                   double low = 1024) {
  const std::optional<double> value = file.context_number(name);
  if (value && *value == 0) return std::nullopt;
  return context_quantity(file, name, low, 1125899906842624.0, "bytes");
}

// A measured clock, where a run that could not measure one wrote 0 (bench_roofs off x86):
// 0 reads as no clock, anything else must be from 1 MHz to 100 GHz.
std::optional<double> measured_clock_ghz(const BenchmarkFile& file, const std::string& where,
                                         std::optional<double> value) {
  if (value && *value == 0) return std::nullopt;
  return checked_quantity(file, where, value, 1e-3, 100, "GHz");
}

// Clocks from 1 MHz to 100 GHz, peaks within the catalogues' range (1e-6 to 1e9 TFLOP/s); sizes
// (context_size) from a KiB to a PiB.
constexpr double kMinFlops = 1e6, kMaxFlops = 1e21;

struct RunFacts {
  std::string cpu;
  std::string simd;
  int cores = 0;
  std::string path;
};

// The words after "measured by" in a label.
std::string peak_source(const RunFacts& run, std::string_view benchmark, double clock_ghz) {
  return "bench_roofs (" + std::string(benchmark) + ", " + run.simd + ", " +
         std::to_string(run.cores) + " cores at " + fixed(clock_ghz, 2) + " GHz; " + run.path + ")";
}

void add_peak(const BenchmarkFile& file, Device& device, const RunFacts& run,
              const BenchmarkRow& row, std::string_view benchmark, const std::string& precision,
              std::optional<double> fallback_clock_ghz) {
  const std::string where = "benchmarks[" + std::to_string(row.index) + "] ('" + row.name + "')";
  const double clock_ghz = measured_clock_ghz(file, where + ".clock_ghz", row.number("clock_ghz"))
                               .value_or(fallback_clock_ghz.value_or(0));
  device.peaks[precision] = ClockedPeak{std::nullopt, rate_of(file, row, "flops", 1e12, "TFLOP/s"),
                                        peak_source(run, benchmark, clock_ghz)};
  if (const std::optional<double> peak =
          checked_quantity(file, where + ".theoretical_flops", row.number("theoretical_flops"),
                           kMinFlops, kMaxFlops, "FLOP/s")) {
    device.measured->theoretical_tflops[precision] = *peak / 1e12;
  }
}

}  // namespace

Device measured_device(const BenchmarkFile& file) {
  const std::string& path = file.path;
  const BenchmarkRow& fp32 = required_row(file, "roof/fma_fp32", "flops");
  required_row(file, "roof/stream_triad", "bytes_per_second");  // a run has its triad

  const std::optional<double> context_clock = measured_clock_ghz(
      file, "context." + std::string(key::clock_ghz), file.context_number(key::clock_ghz));
  const double clock_ghz =
      measured_clock_ghz(
          file, "benchmarks[" + std::to_string(fp32.index) + "] ('" + fp32.name + "').clock_ghz",
          fp32.number("clock_ghz"))
          .value_or(context_clock.value_or(0));
  if (!(clock_ghz > 0)) fail(path, "has no measured clock (clock_ghz or roof_clock_ghz)");
  RunFacts run;
  run.cpu = file.context_text(key::cpu_model);
  run.simd = file.context_text(key::kernel_simd);
  if (run.simd.empty()) run.simd = file.context_text(key::simd);
  // Physical cores where the run could tell them from its threads (SMT), else its threads.
  std::optional<int> cores = count_in_context(file, key::physical_cores);
  if (!cores) cores = count_in_context(file, key::cores);
  if (!cores) cores = count_in_context(file, "num_cpus");
  if (!cores) fail(path, "does not say how many cores ran (roof_cores)");
  run.cores = *cores;
  run.path = path;

  Device device;
  const std::string name = file.context_text(key::device_name);
  device.name = name.empty() ? std::string(measured_device_default_name) : name;
  device.description = (run.cpu.empty() ? "this CPU" : run.cpu) + ", " +
                       (run.simd.empty() ? "unknown SIMD" : run.simd) + ", measured by bench_roofs";
  device.architecture = "CPU" + (run.simd.empty() ? "" : " (" + run.simd + ")");
  device.sm_count = run.cores;
  device.boost_clock_mhz = 1000 * clock_ghz;
  const std::string method = file.context_text(key::clock_method);
  device.clock_source =
      "measured by bench_roofs" + (method.empty() ? "" : ": " + method) + "; " + path;
  device.default_clock = Clock::boost;
  device.default_clock_reason = "the clock measured beside the FMA run";
  device.measured = Measurement{"bench_roofs", {}};
  device.measured->warnings = run_warnings(file);
  add_peak(file, device, run, fp32, "roof/fma_fp32", "fp32", context_clock);
  if (const BenchmarkRow* fp64 = best_row(file, "roof/fma_fp64", "flops")) {
    add_peak(file, device, run, *fp64, "roof/fma_fp64", "fp64", context_clock);
  }

  const MemoryStream* fastest = &stream_kernels[0];
  device.dram_gbs = 0;
  for (const MemoryStream& stream : stream_kernels) {
    const BenchmarkRow* row = best_row(file, stream.benchmark, "bytes_per_second");
    if (row == nullptr) continue;
    const double gbs = rate_of(file, *row, "bytes_per_second", 1e9, "GB/s");
    device.measured->memory_streams.push_back({std::string(stream.words), gbs});
    if (gbs > device.dram_gbs) {
      device.dram_gbs = gbs;
      fastest = &stream;
    }
  }
  device.measured->memory_kernel = std::string(fastest->words);
  device.memory_gb = context_size(file, key::physical_memory_bytes).value_or(0) / 1e9;
  device.memory_type = "host DRAM";
  const std::optional<double> array = context_size(file, key::stream_array_bytes, 4096);
  const std::size_t streams = device.measured->memory_streams.size();
  device.memory_source = "bench_roofs (" + std::string(fastest->benchmark) + ", the fastest of " +
                         (streams == 1 ? std::string("the run's one DRAM stream")
                                       : "the run's " + std::to_string(streams) + " DRAM streams") +
                         ", STREAM counting, " + std::to_string(run.cores) + " cores" +
                         (array ? ", " + fixed(*array / (1 << 20), 0) + " MiB arrays" : "") + "; " +
                         path + ")";
  if (const std::optional<double> l2 = context_size(file, key::l2_bytes)) {
    device.l2_kib = *l2 * run.cores / 1024;  // per core in the context; the chip's total here
    device.l2_source = "the run's context (roof_l2_bytes x cores); " + path;
  }
  device.origin = path;
  return device;
}

namespace {

Device measured_gpu(const BenchmarkFile& file, int index, const BenchmarkRow& fma,
                    const BenchmarkRow& triad) {
  const std::string& path = file.path;
  const std::string base = "roof/gpu" + std::to_string(index) + "/";
  const std::string gpu_name = file.context_text(key::gpu(index, key::gpu_name));
  Device device;
  device.name = "this-gpu" + std::to_string(index);
  device.description = (gpu_name.empty() ? "CUDA device " + std::to_string(index) : gpu_name) +
                       ", measured by bench_roofs";
  device.architecture = "GPU";
  device.sm_count = count_in_context(file, key::gpu(index, key::gpu_sm_count)).value_or(1);
  device.boost_clock_mhz =
      context_quantity(file, key::gpu(index, key::gpu_sm_clock_mhz), 1, 1e5, "MHz").value_or(1);
  device.clock_source = "the device's reported SM clock (cudaDevAttrClockRate); " + path;
  device.default_clock = Clock::boost;
  device.default_clock_reason = "the clock the device reported to the run";
  device.measured = Measurement{"bench_roofs", {}};
  const auto peak = [&](const BenchmarkRow& row, const std::string& benchmark,
                        const std::string& as) {
    device.peaks[as] = ClockedPeak{std::nullopt, rate_of(file, row, "flops", 1e12, "TFLOP/s"),
                                   "bench_roofs (" + benchmark + ", " +
                                       (gpu_name.empty() ? "GPU" : gpu_name) + "; " + path + ")"};
  };
  peak(fma, base + "fma_fp32", "fp32");
  const std::pair<const char*, const char*> optional_peaks[] = {
      {"fma_fp16", "fp16"}, {"gemm_fp16_tensor", "tensor_fp16"}, {"gemm_tf32", "tensor_tf32"}};
  for (const auto& [benchmark, as] : optional_peaks) {
    if (const BenchmarkRow* row = best_row(file, base + benchmark, "flops")) {
      peak(*row, base + benchmark, as);
    }
  }
  const std::string theoretical_key = key::gpu(index, key::gpu_theoretical_fp32_flops);
  if (const auto theoretical =
          context_quantity(file, theoretical_key, kMinFlops, kMaxFlops, "FLOP/s")) {
    device.measured->theoretical_tflops["fp32"] = *theoretical / 1e12;
  }
  device.dram_gbs = rate_of(file, triad, "bytes_per_second", 1e9, "GB/s");
  device.memory_gb = context_size(file, key::gpu(index, key::gpu_memory_bytes)).value_or(0) / 1e9;
  device.memory_type = "device DRAM";
  device.memory_source = "bench_roofs (" + base + "dram_triad, STREAM counting; " + path + ")";
  const std::string l2_key = key::gpu(index, key::gpu_l2_bytes);
  if (const auto l2 = context_size(file, l2_key)) {
    device.l2_kib = *l2 / 1024;
    device.l2_source = "the run's context (" + l2_key + "); " + path;
  }
  device.origin = path;
  return device;
}

}  // namespace

bool has_cpu_rows(const BenchmarkFile& file) {
  return best_row(file, "roof/fma_fp32", "flops") != nullptr;
}

std::vector<Device> measured_gpu_devices(const BenchmarkFile& file) {
  std::vector<Device> gpus;
  for (int index = 0; index < 64; ++index) {
    const std::string base = "roof/gpu" + std::to_string(index) + "/";
    const BenchmarkRow* fma = best_row(file, base + "fma_fp32", "flops");
    if (fma == nullptr) break;
    const BenchmarkRow& triad = required_row(file, base + "dram_triad", "bytes_per_second");
    gpus.push_back(measured_gpu(file, index, *fma, triad));
  }
  return gpus;
}

MeasuredDevices measured_devices(const BenchmarkFile& file) {
  MeasuredDevices devices;
  devices.gpus = measured_gpu_devices(file);
  // Without GPU rows the CPU's checks say what is wrong with a file that is not bench_roofs
  // output (or one whose filter left every ceiling out).
  if (devices.gpus.empty() || has_cpu_rows(file)) devices.cpu = measured_device(file);
  return devices;
}

MeasuredDevices measured_devices_from_file(const std::string& path) {
  return measured_devices(read_benchmark_file(path, "bench_roofs file"));
}

Device measured_device_from_bench_json(std::string_view json_text, const std::string& path) {
  return measured_device(parse_benchmark_file(json_text, path, "bench_roofs file"));
}

std::vector<Device> measured_gpu_devices_from_bench_json(std::string_view json_text,
                                                         const std::string& path) {
  return measured_gpu_devices(parse_benchmark_file(json_text, path, "bench_roofs file"));
}

std::vector<Device> measured_gpu_devices_from_file(const std::string& path) {
  return measured_gpu_devices(read_benchmark_file(path, "bench_roofs file"));
}

Device measured_device_from_file(const std::string& path) {
  return measured_device(read_benchmark_file(path, "bench_roofs file"));
}

}  // namespace roof
