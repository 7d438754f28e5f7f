#include "calibration/published_kernels.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "networks/catalogue.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::vector<std::vector<std::string>> read_rows(const std::string& path,
                                                std::vector<std::string>& header) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) {
      header = split_csv(line);
      continue;
    }
    rows.push_back(split_csv(line));
    if (rows.back().size() != header.size()) {
      throw InputError(path + ": a row has " + std::to_string(rows.back().size()) +
                       " fields, the header " + std::to_string(header.size()) + ": " + line);
    }
  }
  if (rows.empty()) throw InputError(path + " has no rows");
  return rows;
}

double number(const std::string& text, const std::string& path) {
  std::size_t used = 0;
  double x = 0;
  try {
    x = std::stod(text, &used);
  } catch (const std::exception&) {
    throw InputError(path + ": '" + text + "' is not a number");
  }
  if (used != text.size()) throw InputError(path + ": '" + text + "' is not a number");
  return x;
}

struct DeepBenchGpu {
  const char* column;
  const char* device;
  LibraryGeneration library;
  DType dtype = DType::fp32;
  bool held_out = false;  // never fitted: fit_achievable refuses a file that holds it
};
// Devices as the workbooks' Specs sheets describe them (tests/data/calibration/README.md):
// the P100 is the PCIe 16 GB board (its Specs sheet names a workstation motherboard with PCIe
// slots and no SXM2 socket; its SGEMM is 88% of that board's peak), the V100 is a DGX-1's SXM2
// board.
constexpr DeepBenchGpu kDeepBenchGpus[] = {
    {"P100", "P100-PCIe-16GB", LibraryGeneration::cudnn6_7},
    {"M40", "M40", LibraryGeneration::cudnn5},
    {"TitanX_Maxwell", "TitanX-Maxwell", LibraryGeneration::cudnn5},
    {"TitanX_Pascal", "TitanX-Pascal", LibraryGeneration::cudnn5},
    {"V100", "V100-SXM2", LibraryGeneration::cudnn6_7},
    // Held out of every fit (tests/data/deepbench_held_out_conv_kernels.csv): two more GP102
    // boards on the P100's machine and cuDNN 6, and a Turing board on the V100's cuDNN 7.6.
    {"GTX1080Ti", "GTX1080Ti", LibraryGeneration::cudnn6_7, DType::fp32, true},
    {"T4", "T4", LibraryGeneration::cudnn6_7, DType::fp32, true},
    {"TitanXp", "TitanXp", LibraryGeneration::cudnn6_7, DType::fp32, true},
    // The mixed-precision sheets (fp16 inputs, fp32 accumulation, on tensor cores), which no fit
    // reads (tests/data/deepbench_mixed_precision_*.csv).
    {"V100_tensor_fp16", "V100-SXM2", LibraryGeneration::cudnn6_7, DType::fp16, true},
    {"T4_tensor_fp16", "T4", LibraryGeneration::cudnn6_7, DType::fp16, true},
};

// A DeepBench-format CSV: its rows, its fields by column name, and the GPUs it has a column for
// (a file holds the GPUs it has columns for; one with none of them is not DeepBench's).
struct DeepBenchTable {
  std::string path;
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, std::size_t> column;
  std::vector<const DeepBenchGpu*> gpus;

  DeepBenchTable(const std::string& file, const std::string& gpu_suffix) : path(file) {
    std::vector<std::string> header;
    rows = read_rows(path, header);
    for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
    for (const DeepBenchGpu& gpu : kDeepBenchGpus) {
      if (column.count(std::string(gpu.column) + gpu_suffix) != 0) gpus.push_back(&gpu);
    }
    if (gpus.empty()) {
      throw InputError(path + " has no GPU's " + gpu_suffix + " column DeepBench's reader knows");
    }
  }
  const std::string& at(const std::vector<std::string>& row, const std::string& name) const {
    const auto it = column.find(name);
    if (it == column.end()) throw InputError(path + " has no column " + name);
    return row[it->second];
  }
};

}  // namespace

std::vector<PublishedKernel> read_deepbench(const std::string& path) {
  const DeepBenchTable table(path, "_fwd_ms");
  std::vector<PublishedKernel> kernels;
  for (const auto& row : table.rows) {
    auto integer = [&](const char* name) {
      return static_cast<std::int64_t>(number(table.at(row, name), path));
    };
    PublishedKernel k;
    Shape& s = k.layer.shape;
    s.N = integer("N");
    s.C = integer("C");
    s.H = integer("H");
    s.W = integer("W");
    s.K = integer("K");
    s.R = integer("R");
    s.S = integer("S");
    s.pad_h = integer("pad_h");
    s.pad_w = integer("pad_w");
    s.stride_h = integer("stride_h");
    s.stride_w = integer("stride_w");
    s.P = integer("P");
    s.Q = integer("Q");
    k.layer.op = Op::conv;
    k.layer.name = "deepbench_" + std::to_string(kernels.size()) + "_" + std::to_string(s.W) + "x" +
                   std::to_string(s.H) + "x" + std::to_string(s.C) + "_k" + std::to_string(s.K) +
                   "_" + std::to_string(s.R) + "x" + std::to_string(s.S) + "_n" +
                   std::to_string(s.N);
    validate(k.layer);
    k.layer.needs_input_grad = false;
    for (const DeepBenchGpu* gpu_entry : table.gpus) {
      const DeepBenchGpu& gpu = *gpu_entry;
      KernelTiming t;
      t.device = gpu.device;
      t.library = gpu.library;
      t.dtype = gpu.dtype;
      t.held_out = gpu.held_out;
      const char* suffixes[] = {"_fwd_ms", "_bwd_data_ms", "_bwd_filter_ms"};
      for (std::size_t p = 0; p < 3; ++p) {
        const std::string text = table.at(row, std::string(gpu.column) + suffixes[p]);
        if (text.rfind("N/A", 0) == 0) continue;
        const double ms = number(text, path);
        if (!(ms > 0) || !std::isfinite(ms)) {
          throw InputError(path + ": time " + text + " ms is not a positive finite number");
        }
        t.seconds[p] = ms * 1e-3;
      }
      k.layer.needs_input_grad = k.layer.needs_input_grad || t.seconds[1].has_value();
      t.fwd_algo = table.at(row, std::string(gpu.column) + "_fwd_algo");
      k.timings.push_back(t);
    }
    kernels.push_back(std::move(k));
  }
  return kernels;
}

std::vector<PublishedKernel> read_deepbench_gemms(const std::string& path) {
  const DeepBenchTable table(path, "_ms");
  std::vector<PublishedKernel> kernels;
  for (const auto& row : table.rows) {
    auto extent = [&](const char* name) {
      const double x = number(table.at(row, name), path);
      if (!(x >= 1 && x <= 1e7) || x != std::floor(x)) {
        throw InputError(path + ": " + name + " '" + table.at(row, name) +
                         "' is not a GEMM extent");
      }
      return static_cast<std::int64_t>(x);
    };
    const std::int64_t m = extent("M"), n = extent("N"), k = extent("K");
    for (const char* t : {"a_transposed", "b_transposed"}) {
      if (table.at(row, t) != "N" && table.at(row, t) != "T") {
        throw InputError(path + ": " + t + " '" + table.at(row, t) + "' is neither N nor T");
      }
    }
    PublishedKernel kernel;
    kernel.layer.op = Op::fc;
    kernel.layer.shape.N = n;
    kernel.layer.shape.C = k;
    kernel.layer.shape.K = m;
    kernel.layer.needs_input_grad = false;
    kernel.layer.name = "deepbench_gemm_" + std::to_string(kernels.size()) + "_" +
                        std::to_string(m) + "x" + std::to_string(n) + "x" + std::to_string(k) +
                        "_" + table.at(row, "a_transposed") + table.at(row, "b_transposed");
    validate(kernel.layer);
    for (const DeepBenchGpu* gpu : table.gpus) {
      const std::string text = table.at(row, std::string(gpu->column) + "_ms");
      if (text.rfind("N/A", 0) == 0) continue;
      const double ms = number(text, path);
      if (!(ms > 0) || !std::isfinite(ms)) {
        throw InputError(path + ": time " + text + " ms is not a positive finite number");
      }
      KernelTiming t;
      t.device = gpu->device;
      t.library = gpu->library;
      t.dtype = gpu->dtype;
      t.held_out = gpu->held_out;
      t.seconds[static_cast<std::size_t>(Pass::fwd)] = ms * 1e-3;
      t.fwd_algo = "CUBLAS_GEMM";
      kernel.timings.push_back(t);
    }
    kernels.push_back(std::move(kernel));
  }
  return kernels;
}

namespace {

// The kind a Caffe layer name stands for; "" for layers with MACs or without a counterpart.
std::string caffe_kind(const std::string& name) {
  if (name.find("split") != std::string::npos) return "";
  if (name.find("relu") != std::string::npos) return "relu";
  if (name.find("norm") != std::string::npos) return "lrn";
  if (name.find("proj") != std::string::npos) return "";
  if (name.find("pool") != std::string::npos) return "pool";
  if (name.find("output") != std::string::npos) return "concat";
  if (name.find("drop") != std::string::npos) return "dropout";
  return "";
}

std::string our_kind(Op op) {
  switch (op) {
    case Op::relu:
      return "relu";
    case Op::lrn:
      return "lrn";
    case Op::max_pool:
    case Op::avg_pool:
      return "pool";
    case Op::concat:
      return "concat";
    case Op::dropout:
      return "dropout";
    default:
      return "";
  }
}

}  // namespace

std::vector<PublishedLayerTime> read_caffe_memory_ops(const std::string& path) {
  std::vector<std::string> header;
  const auto rows = read_rows(path, header);
  const std::map<std::string, std::string> networks = {
      {"AlexNet-OWT(soumith)", "alexnet_owt"}, {"VGG-A", "vgg11"}, {"GoogLeNet-v1", "googlenet"}};
  std::vector<PublishedLayerTime> out;
  for (const auto& [caffe_net, ours] : networks) {
    std::int64_t batch = 0;
    std::map<std::string, std::vector<const std::vector<std::string>*>> caffe_by_kind;
    for (const auto& row : rows) {
      if (row[0] != caffe_net) continue;
      batch = static_cast<std::int64_t>(number(row[1], path));
      const std::string kind = caffe_kind(row[2]);
      if (!kind.empty()) caffe_by_kind[kind].push_back(&row);
    }
    if (batch == 0) throw InputError(path + " has no rows of " + caffe_net);
    const Network net = build_network(ours, {Dataset::imagenet, batch, false});
    std::map<std::string, std::vector<const Layer*>> ours_by_kind;
    for (const Layer& layer : net.layers) {
      const std::string kind = our_kind(layer.op);
      if (!kind.empty()) ours_by_kind[kind].push_back(&layer);
    }
    // Caffe's benchmark nets drop the fc ReLUs and dropout of the catalogue's; both list the
    // convolutional part in the same order, so the common prefix of each kind pairs up.
    for (const auto& [kind, caffe_rows] : caffe_by_kind) {
      const auto& layers = ours_by_kind[kind];
      const std::size_t n = std::min(caffe_rows.size(), layers.size());
      for (std::size_t i = 0; i < n; ++i) {
        const auto& row = *caffe_rows[i];
        out.push_back({ours, batch, *layers[i], row[2], number(row[3], path) * 1e-3,
                       number(row[4], path) * 1e-3});
      }
    }
  }
  return out;
}

}  // namespace roof
