#include "roofline/measured_layers.hpp"

#include <cmath>

#include "networks/benchmark_name.hpp"
#include "results/context_keys.hpp"
#include "support/input_error.hpp"

namespace roof {
namespace {

// A row's time in seconds: a positive real_time, or an InputError that names the file and the
// row (a zero or negative time would compose a wrong iteration).
double seconds_of(const BenchmarkRow& row, const BenchmarkFile& file) {
  if (!row.real_time_s) file.fail("row '" + row.name + "'", "has no numeric real_time");
  if (!(*row.real_time_s > 0)) {
    file.fail("row '" + row.name + "'", "has real_time 0, not a positive time");
  }
  return *row.real_time_s;
}

}  // namespace

bool runs_on_gpu(std::string_view impl) {
  return impl == "cudnn" || impl == "cublas" || impl == "cuda";
}

MeasuredLayerTimes read_measured_layers(std::string_view json_text, const std::string& path) {
  return read_measured_layers(parse_benchmark_file(json_text, path, "bench_layers file"));
}

MeasuredLayerTimes read_measured_layers(const BenchmarkFile& file) {
  const std::string& path = file.path;
  MeasuredLayerTimes times;
  times.path = path;
  times.machine = file.context_text(context_key::cpu_model);
  // Sums and counts of iteration rows, replaced by the mean aggregate where there is one.
  std::map<std::pair<std::string, std::pair<std::string, Pass>>, std::pair<double, int>> runs;
  std::map<std::pair<std::string, std::pair<std::string, Pass>>, double> means;
  std::map<std::pair<std::string, std::pair<std::string, Pass>>, std::string> update_rows;
  for (const BenchmarkRow& row : file.rows) {
    const ParsedBenchmarkName parsed = [&] {
      try {
        return parse_benchmark_name(row.name);
      } catch (const InputError& e) {  // named with the file and the row
        file.fail("benchmarks[" + std::to_string(row.index) + "]", e.what());
      }
    }();
    if (row.error) {
      ++times.skipped_with_error;
      continue;
    }
    // Google Benchmark writes a measurement of at least one iteration.
    if (const std::optional<double> n = row.number("iterations"); n && *n < 1 && !row.aggregate) {
      file.fail("benchmarks[" + std::to_string(row.index) + "] ('" + row.name + "').iterations",
                "must be at least 1 for a measurement");
    }
    // The optimizer step keeps its own map; "update" is not a pass of a layer.
    // Keyed by network: a file of several networks has one update row for each.
    const std::string layer =
        parsed.network + ":" + parsed.layer + (parsed.update ? "/update" : "");
    const auto key = std::make_pair(parsed.impl, std::make_pair(layer, parsed.pass));
    if (parsed.update) update_rows[key] = parsed.network;
    // One batch per network: rows of two batches would be averaged into one wrong time.
    const auto [seen, first] = times.batch_of_network.emplace(parsed.network, parsed.batch);
    if (!first && seen->second != parsed.batch) {
      throw InputError("'" + path + "' measured " + parsed.network + " at batches " +
                       std::to_string(seen->second) + " and " + std::to_string(parsed.batch) +
                       "; give one batch's measurements per file");
    }
    if (const std::optional<double> ai = row.number("ai"); ai && !parsed.update) {
      times.ai.emplace(std::make_pair(layer, parsed.pass), *ai);
    }
    if (!parsed.update) times.op_of_layer.emplace(layer, parsed.op);
    if (row.aggregate) {
      if (row.aggregate_name == "mean") means[key] = seconds_of(row, file);
    } else {
      auto& [sum, count] = runs[key];
      sum += seconds_of(row, file);
      ++count;
    }
  }
  for (const auto& [key, run] : runs) times.seconds[key.first][key.second] = run.first / run.second;
  for (const auto& [key, mean] : means) times.seconds[key.first][key.second] = mean;
  for (const auto& [key, network] : update_rows) {
    auto& by_pass = times.seconds[key.first];
    times.update_seconds[key.first][network] = by_pass.at(key.second);
    by_pass.erase(key.second);
    if (by_pass.empty()) times.seconds.erase(key.first);
  }
  if (times.seconds.empty()) {
    throw InputError("'" + path + "' has no bench_layers measurement without an error");
  }
  return times;
}

MeasuredIteration compose_measured(const Network& network, const TrainingPrediction& model,
                                   const MeasuredLayerTimes& times) {
  MeasuredIteration m;
  m.model = model;
  m.machine = times.machine.empty() ? times.path : times.machine;
  const auto batch = times.batch_of_network.find(network.name);
  if (batch == times.batch_of_network.end()) {
    throw InputError("'" + times.path + "' has no measurement of " + network.name);
  }
  if (batch->second != network.batch) {
    throw InputError("'" + times.path + "' measured " + network.name + " at batch " +
                     std::to_string(batch->second) + ", not " + std::to_string(network.batch) +
                     "; pass --batch " + std::to_string(batch->second));
  }
  // The rows' intensities against the model's for the same layer-passes: another value means
  // other shapes, as a network's CIFAR-10 form has (bench_layers --dataset).
  for (const PlacedPass& row : model.placement.rows) {
    const auto it = times.ai.find({network.name + ":" + row.layer, row.pass});
    if (it == times.ai.end() || std::abs(it->second - row.ai) <= 1e-6 * std::max(1.0, row.ai)) {
      continue;
    }
    throw InputError("'" + times.path + "': " + network.name + ":" + row.layer + " " +
                     std::string(to_string(row.pass)) + " has AI " + std::to_string(it->second) +
                     " in the file but " + std::to_string(row.ai) +
                     " in the model: was it measured with another --dataset? (bench_layers "
                     "--dataset; roofline train --dataset, report --bench-dataset)");
  }
  // Every row of this network names one of its layer-passes with that layer's op: a row of a
  // layer the network lacks (another version of it) or under another op would be left out of
  // the iteration without a word.
  std::map<std::pair<std::string, Pass>, std::string> model_ops;
  for (const PlacedPass& row : model.placement.rows) {
    model_ops.emplace(std::make_pair(network.name + ":" + row.layer, row.pass), row.op);
  }
  for (const auto& [impl, rows] : times.seconds) {
    for (const auto& [key, seconds] : rows) {
      if (!key.first.starts_with(network.name + ":")) continue;  // another network's rows
      const auto it = model_ops.find(key);
      if (it == model_ops.end()) {
        throw InputError("'" + times.path + "': " + key.first + " " +
                         std::string(to_string(key.second)) + " is not a layer-pass of " +
                         network.name + " (measured for another form of the network?)");
      }
      const auto op = times.op_of_layer.find(key.first);
      if (op != times.op_of_layer.end() && op->second != it->second) {
        throw InputError("'" + times.path + "': the op of " + key.first + " in " + network.name +
                         " is " + it->second + ", but its rows name " + op->second);
      }
    }
  }
  for (const auto& [impl, rows] : times.seconds) m.impls.push_back(impl);
  m.update_s = model.update_s;
  m.grad_bookkeeping_s = model.grad_bookkeeping_s;
  const auto measured_ops = [&](const std::string& impl) {
    const auto& by_pass = times.seconds.at(impl);
    for (const PlacedPass& row : model.placement.rows) {
      if (is_layer_with_macs(row.op)) continue;
      if (by_pass.count({network.name + ":" + row.layer, row.pass})) return true;
    }
    return false;
  };
  // Our CPU loops stand in for a CPU implementation's missing ops, never for a GPU one's (a GPU
  // iteration with CPU ReLU times would be neither): those keep the model's time.
  for (const std::string& impl : m.impls) {
    const bool own = measured_ops(impl) || runs_on_gpu(impl);
    m.ops_from[impl] = own || !times.seconds.count("direct") ? impl : "direct";
  }
  const auto measured_seconds = [&](const std::string& impl,
                                    const std::pair<std::string, Pass>& key) -> const double* {
    const auto rows = times.seconds.find(impl);
    if (rows == times.seconds.end()) return nullptr;
    const auto it = rows->second.find(key);
    return it == rows->second.end() ? nullptr : &it->second;
  };
  for (const PlacedPass& row : model.placement.rows) {
    const auto key = std::make_pair(network.name + ":" + row.layer, row.pass);
    if (!is_layer_with_macs(row.op)) {
      m.modelled_other_s += row.seconds;
      ++m.ops_passes;
      for (const std::string& impl : m.impls) {
        // The implementation's own row, else our loops' (oneDNN has no dropout), else the model.
        const std::string& own = m.ops_from.at(impl);
        if (const double* seconds = measured_seconds(own, key)) {
          m.ops_s[impl] += *seconds;
        } else if (const double* ours = own != "direct" && !runs_on_gpu(impl)
                                            ? measured_seconds("direct", key)
                                            : nullptr) {
          m.ops_s[impl] += *ours;
          ++m.ops_borrowed[impl];
        } else {
          ++m.ops_unmeasured[impl];
          m.ops_s[impl] += row.seconds;
        }
      }
      continue;
    }
    MeasuredRow measured{row.layer, row.pass, row.seconds, {}};
    for (const std::string& impl : m.impls) {
      const auto& by_pass = times.seconds.at(impl);
      if (const auto it = by_pass.find(key); it != by_pass.end()) {
        measured.measured_s[impl] = it->second;
        m.iteration_s[impl] += it->second;
      } else {
        ++m.unmeasured[impl];
        m.iteration_s[impl] += row.seconds;
      }
    }
    m.rows.push_back(std::move(measured));
  }
  for (const std::string& impl : m.impls) {
    double update = m.update_s;
    const std::vector<std::string> sources = runs_on_gpu(impl)
                                                 ? std::vector<std::string>{impl}
                                                 : std::vector<std::string>{impl, "direct"};
    for (const std::string& from : sources) {
      const auto rows = times.update_seconds.find(from);
      if (rows == times.update_seconds.end()) continue;
      if (const auto it = rows->second.find(network.name); it != rows->second.end()) {
        update = m.update_measured_s[impl] = it->second;
        m.update_from[impl] = from;
        break;
      }
    }
    m.iteration_s[impl] += m.ops_s[impl] + update + m.grad_bookkeeping_s;
  }
  return m;
}

}  // namespace roof
