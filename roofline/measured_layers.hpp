#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "networks/cost.hpp"
#include "results/benchmark_file.hpp"
#include "roofline/training.hpp"

namespace roof {

// Measured seconds per layer-pass and implementation, read from bench_layers' Google Benchmark
// JSON (names as networks/benchmark_name.hpp writes them). With repetitions the "mean"
// aggregate is used; rows that were skipped with an error are not times and are left out.
struct MeasuredLayerTimes {
  std::string path;
  std::string machine;  // the context's CPU model
  // impl -> (network:layer, pass) -> seconds, for the batch of each row
  std::map<std::string, std::map<std::pair<std::string, Pass>, double>> seconds;
  std::map<std::string, std::int64_t> batch_of_network;  // one batch per network in a file
  // (network:layer, pass) -> the rows' `ai` counter (the same for every implementation), to
  // check that the model's layers have the shapes that were measured
  std::map<std::pair<std::string, Pass>, double> ai;
  // network:layer -> the op its rows name (conv, conv1x1, fc, relu, ...), to check it is the
  // network's
  std::map<std::string, std::string> op_of_layer;
  // impl -> network -> seconds of the optimizer step (sgd_update rows)
  std::map<std::string, std::map<std::string, double>> update_seconds;
  int skipped_with_error = 0;
};

// The implementations that run on a GPU (cudnn, cublas, cuda): our CPU loops never stand in for
// their missing rows.
bool runs_on_gpu(std::string_view impl);

// Throws InputError naming the file for anything that is not bench_layers JSON.
MeasuredLayerTimes read_measured_layers(std::string_view json_text, const std::string& path);
MeasuredLayerTimes read_measured_layers(const BenchmarkFile& file);

// One conv or fc layer-pass: the model's time on the device and each implementation's.
struct MeasuredRow {
  std::string layer;
  Pass pass = Pass::fwd;
  double model_s = 0;
  std::map<std::string, double> measured_s;  // impls without a measurement are absent
};

// A training iteration composed from measurements: each implementation's measured conv and fc
// passes; the other ops' passes (ReLU, pooling, batch norm, ...) measured by the same
// implementation, or, for one without them (packed_sgemm, blas: GEMMs only), by our own loops
// ("direct"), as a framework built on a GEMM library runs its own loops for them; the update
// (our SGD loop's row, likewise); the model's time for whatever no row measured.
struct MeasuredIteration {
  TrainingPrediction model;
  std::string machine;  // where the measurements were taken (the file's context)
  std::vector<std::string> impls;
  std::vector<MeasuredRow> rows;
  std::map<std::string, double> iteration_s;
  std::map<std::string, int> unmeasured;  // conv/fc passes that fell back to the model
  // The other ops, per implementation: their time in the iteration (measured, with the model's
  // for the passes nothing measured), how many passes fell back, and whose loops were timed.
  std::map<std::string, double> ops_s;
  std::map<std::string, int> ops_unmeasured;
  // Of an implementation's own other ops, the passes it has no row for (oneDNN has no dropout)
  // and took from our loops' rows.
  std::map<std::string, int> ops_borrowed;
  std::map<std::string, std::string> ops_from;
  int ops_passes = 0;             // the other ops' passes in one iteration
  double modelled_other_s = 0;    // the model's time for the other ops (for comparison)
  double update_s = 0;            // the model's time for the update
  double grad_bookkeeping_s = 0;  // the model's, for the pytorch1 recipe (nothing measures it)
  // The update as measured (sgd_update rows), per implementation, by itself or our loops;
  // an implementation absent here used the model's update_s.
  std::map<std::string, double> update_measured_s;
  std::map<std::string, std::string> update_from;
};

MeasuredIteration compose_measured(const Network& network, const TrainingPrediction& model,
                                   const MeasuredLayerTimes& times);

}  // namespace roof
