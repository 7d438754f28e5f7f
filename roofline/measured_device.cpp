#include "roofline/measured_device.hpp"

#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/input_error.hpp"
#include "support/text_format.hpp"
#include "roofline/benchmark_json.hpp"
#include "support/input_file.hpp"
#include "roofline/run_disturbance.hpp"

namespace roof {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw InputError("bench_roofs file '" + path + "' " + why);
}

std::string text_field(const json& object, const std::string& key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Google Benchmark appends "/real_time", "/manual_time" (and "_mean" to an aggregate's name,
// not its run_name), so a row belongs to `base` when its run name is `base` or `base/...`.
bool is_row_of(const json& row, std::string_view base) {
  std::string name = text_field(row, "run_name");
  if (name.empty()) name = text_field(row, "name");
  return name.starts_with(base) && (name.size() == base.size() || name[base.size()] == '/');
}

// Every repetition and the mean and median aggregates are measurements; stddev and cv are not.
bool is_measurement(const json& row) {
  const auto error = row.find("error_occurred");
  if (error != row.end() && error->is_boolean() && error->get<bool>()) return false;
  if (text_field(row, "run_type") != "aggregate") return true;
  const std::string aggregate = text_field(row, "aggregate_name");
  return aggregate == "mean" || aggregate == "median";
}

std::optional<double> number_field(const json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (!it->is_string()) return std::nullopt;
  // Custom context values are strings.
  const std::string text = it->get<std::string>();
  std::istringstream in(text);
  double value = 0;
  if (!(in >> value) || !in.eof()) return std::nullopt;
  return value;
}

// The measurement of `base` with the largest `counter`: the ceiling is what the machine can do.
const json* best_row(const json& rows, std::string_view base, const std::string& counter) {
  const json* best = nullptr;
  double best_value = 0;
  for (const json& row : rows) {
    if (!row.is_object() || !is_row_of(row, base) || !is_measurement(row)) continue;
    const std::optional<double> value = number_field(row, counter);
    if (value && *value > 0 && (best == nullptr || *value > best_value)) {
      best = &row;
      best_value = *value;
    }
  }
  return best;
}

const json& required_row(const json& rows, std::string_view base, const std::string& counter,
                         const std::string& path) {
  const json* row = best_row(rows, base, counter);
  if (row == nullptr) {
    fail(path, "has no " + std::string(base) + " row with a \"" + counter +
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
std::vector<std::string> run_warnings(const json& rows) {
  std::vector<Disturbance> found;
  for (const json& row : rows) {
    if (!row.is_object()) continue;
    const auto error = row.find("error_occurred");
    if (error != row.end() && error->is_boolean() && error->get<bool>()) continue;
    CeilingRow facts;
    facts.name = text_field(row, "run_name");
    if (facts.name.empty()) facts.name = text_field(row, "name");
    if (!facts.name.starts_with("roof/")) continue;  // row_disturbances leaves out the GPU's
    if (text_field(row, "run_type") == "aggregate")
      facts.aggregate = text_field(row, "aggregate_name");
    for (const auto& [key, value] : row.items()) {
      if (value.is_number()) facts.counters[key] = value.get<double>();
    }
    for (Disturbance& d : row_disturbances(facts)) found.push_back(std::move(d));
  }
  return disturbance_warnings(found);
}

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

void add_peak(Device& device, const RunFacts& run, const json& row, std::string_view benchmark,
              const std::string& key, std::optional<double> fallback_clock_ghz) {
  const double clock_ghz = number_field(row, "clock_ghz").value_or(fallback_clock_ghz.value_or(0));
  device.peaks[key] = ClockedPeak{std::nullopt, number_field(row, "flops").value_or(0) / 1e12,
                                  peak_source(run, benchmark, clock_ghz)};
  if (const std::optional<double> peak = number_field(row, "theoretical_flops")) {
    device.measured->theoretical_tflops[key] = *peak / 1e12;
  }
}

}  // namespace

Device measured_device_from_bench_json(std::string_view json_text, const std::string& path) {
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) fail(path, "is empty");
  json doc;
  try {
    doc = parse_benchmark_json(json_text);
  } catch (const json::exception& e) {  // not JSON, or a number too large for a double
    fail(path, std::string("is not valid JSON: ") + e.what());
  }
  if (!doc.is_object() || !doc.contains("context") || !doc.at("context").is_object() ||
      !doc.contains("benchmarks") || !doc.at("benchmarks").is_array()) {
    fail(path,
         "is not Google Benchmark JSON (no \"context\" and \"benchmarks\"); write one with "
         "bench_roofs --benchmark_out=FILE");
  }
  const json& context = doc.at("context");
  const json& rows = doc.at("benchmarks");
  const json& fp32 = required_row(rows, "roof/fma_fp32", "flops", path);
  required_row(rows, "roof/stream_triad", "bytes_per_second", path);  // a run has its triad

  const std::optional<double> context_clock = number_field(context, "roof_clock_ghz");
  const double clock_ghz = number_field(fp32, "clock_ghz").value_or(context_clock.value_or(0));
  if (!(clock_ghz > 0)) fail(path, "has no measured clock (clock_ghz or roof_clock_ghz)");
  RunFacts run;
  run.cpu = text_field(context, "roof_cpu_model");
  run.simd = text_field(context, "roof_kernel_simd");
  if (run.simd.empty()) run.simd = text_field(context, "roof_simd");
  // Physical cores where the run could tell them from its threads (SMT), else its threads.
  std::optional<double> cores = number_field(context, "roof_physical_cores");
  if (!cores) cores = number_field(context, "roof_cores");
  if (!cores) cores = number_field(context, "num_cpus");
  if (!cores || !(*cores >= 1)) fail(path, "does not say how many cores ran (roof_cores)");
  run.cores = static_cast<int>(*cores);
  run.path = path;

  Device device;
  const std::string name = text_field(context, "roof_device_name");
  device.name = name.empty() ? std::string(measured_device_default_name) : name;
  device.description = (run.cpu.empty() ? "this CPU" : run.cpu) + ", " +
                       (run.simd.empty() ? "unknown SIMD" : run.simd) + ", measured by bench_roofs";
  device.architecture = "CPU" + (run.simd.empty() ? "" : " (" + run.simd + ")");
  device.sm_count = run.cores;
  device.boost_clock_mhz = 1000 * clock_ghz;
  const std::string method = text_field(context, "roof_clock_method");
  device.clock_source =
      "measured by bench_roofs" + (method.empty() ? "" : ": " + method) + "; " + path;
  device.default_clock = Clock::boost;
  device.default_clock_reason = "the clock measured beside the FMA run";
  device.measured = Measurement{"bench_roofs", {}};
  device.measured->warnings = run_warnings(rows);
  add_peak(device, run, fp32, "roof/fma_fp32", "fp32", context_clock);
  if (const json* fp64 = best_row(rows, "roof/fma_fp64", "flops")) {
    add_peak(device, run, *fp64, "roof/fma_fp64", "fp64", context_clock);
  }

  const MemoryStream* fastest = &stream_kernels[0];
  device.dram_gbs = 0;
  for (const MemoryStream& stream : stream_kernels) {
    const json* row = best_row(rows, stream.benchmark, "bytes_per_second");
    if (row == nullptr) continue;
    const double gbs = number_field(*row, "bytes_per_second").value_or(0) / 1e9;
    device.measured->memory_streams.push_back({std::string(stream.words), gbs});
    if (gbs > device.dram_gbs) {
      device.dram_gbs = gbs;
      fastest = &stream;
    }
  }
  device.measured->memory_kernel = std::string(fastest->words);
  device.memory_gb = number_field(context, "roof_physical_memory_bytes").value_or(0) / 1e9;
  device.memory_type = "host DRAM";
  const std::optional<double> array = number_field(context, "roof_stream_array_bytes");
  const std::size_t streams = device.measured->memory_streams.size();
  device.memory_source = "bench_roofs (" + std::string(fastest->benchmark) + ", the fastest of " +
                         (streams == 1 ? std::string("the run's one DRAM stream")
                                       : "the run's " + std::to_string(streams) + " DRAM streams") +
                         ", STREAM counting, " + std::to_string(run.cores) + " cores" +
                         (array ? ", " + fixed(*array / (1 << 20), 0) + " MiB arrays" : "") + "; " +
                         path + ")";
  if (const std::optional<double> l2 = number_field(context, "roof_l2_bytes"); l2 && *l2 > 0) {
    device.l2_kib = *l2 * run.cores / 1024;  // per core in the context; the chip's total here
    device.l2_source = "the run's context (roof_l2_bytes x cores); " + path;
  }
  device.origin = path;
  return device;
}

namespace {

std::string read_text(const std::string& path) {
  return read_input_file(path, "bench_roofs file");
}

Device measured_gpu(const json& context, const json& rows, int index, const json& fma,
                    const json& triad, const std::string& path) {
  const std::string key = "roof_gpu" + std::to_string(index) + "_";
  const std::string base = "roof/gpu" + std::to_string(index) + "/";
  const std::string gpu_name = text_field(context, key + "name");
  Device device;
  device.name = "this-gpu" + std::to_string(index);
  device.description = (gpu_name.empty() ? "CUDA device " + std::to_string(index) : gpu_name) +
                       ", measured by bench_roofs";
  device.architecture = "GPU";
  device.sm_count = static_cast<int>(number_field(context, key + "sm_count").value_or(1));
  device.boost_clock_mhz = number_field(context, key + "sm_clock_mhz").value_or(1);
  device.clock_source = "the device's reported SM clock (cudaDevAttrClockRate); " + path;
  device.default_clock = Clock::boost;
  device.default_clock_reason = "the clock the device reported to the run";
  device.measured = Measurement{"bench_roofs", {}};
  const auto peak = [&](const json& row, const std::string& benchmark, const std::string& as) {
    device.peaks[as] = ClockedPeak{std::nullopt, number_field(row, "flops").value_or(0) / 1e12,
                                   "bench_roofs (" + benchmark + ", " +
                                       (gpu_name.empty() ? "GPU" : gpu_name) + "; " + path + ")"};
  };
  peak(fma, base + "fma_fp32", "fp32");
  const std::pair<const char*, const char*> optional_peaks[] = {
      {"fma_fp16", "fp16"}, {"gemm_fp16_tensor", "tensor_fp16"}, {"gemm_tf32", "tensor_tf32"}};
  for (const auto& [benchmark, as] : optional_peaks) {
    if (const json* row = best_row(rows, base + benchmark, "flops"))
      peak(*row, base + benchmark, as);
  }
  if (const auto theoretical = number_field(context, key + "theoretical_fp32_flops")) {
    device.measured->theoretical_tflops["fp32"] = *theoretical / 1e12;
  }
  device.dram_gbs = number_field(triad, "bytes_per_second").value_or(0) / 1e9;
  device.memory_gb = number_field(context, key + "memory_bytes").value_or(0) / 1e9;
  device.memory_type = "device DRAM";
  device.memory_source = "bench_roofs (" + base + "dram_triad, STREAM counting; " + path + ")";
  if (const auto l2 = number_field(context, key + "l2_bytes"); l2 && *l2 > 0) {
    device.l2_kib = *l2 / 1024;
    device.l2_source = "the run's context (" + key + "l2_bytes); " + path;
  }
  device.origin = path;
  return device;
}

}  // namespace

std::vector<Device> measured_gpu_devices_from_bench_json(std::string_view json_text,
                                                         const std::string& path) {
  // The CPU device's checks say what is wrong with a file that is not bench_roofs output.
  measured_device_from_bench_json(json_text, path);
  const json doc = parse_benchmark_json(json_text);
  std::vector<Device> gpus;
  for (int index = 0; index < 64; ++index) {
    const std::string base = "roof/gpu" + std::to_string(index) + "/";
    const json* fma = best_row(doc.at("benchmarks"), base + "fma_fp32", "flops");
    if (fma == nullptr) break;
    const json& triad =
        required_row(doc.at("benchmarks"), base + "dram_triad", "bytes_per_second", path);
    gpus.push_back(measured_gpu(doc.at("context"), doc.at("benchmarks"), index, *fma, triad, path));
  }
  return gpus;
}

std::vector<Device> measured_gpu_devices_from_file(const std::string& path) {
  return measured_gpu_devices_from_bench_json(read_text(path), path);
}

Device measured_device_from_file(const std::string& path) {
  return measured_device_from_bench_json(read_text(path), path);
}

}  // namespace roof
