// fit_achievable: fits the achievable-performance model on published GPU times and writes the
// parameters with their residuals (roofline/achievable.json is this program's output).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "calibration/fit_achievable.hpp"
#include "support/input_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "Fit the achievable-performance model on published per-kernel and per-layer GPU "
      "times and write its parameters (roofline/achievable.json)"};
  std::string deepbench = "tests/data/calibration/deepbench_conv_kernels.csv";
  std::string caffe = "tests/data/calibration/caffe_titanx_per_layer_times.csv";
  std::string gemms = "tests/data/calibration/deepbench_gemm_kernels.csv";
  std::string held_out_gemms;
  std::string out = "-";
  std::string residuals;
  std::string held_out;
  std::optional<double> tile_exponent;
  std::set<std::string> excluded;
  app.add_option("--deepbench", deepbench, "DeepBench training convolutions (CSV)")
      ->capture_default_str();
  app.add_option("--caffe", caffe, "Caffe per-layer times on a Maxwell Titan X (CSV)")
      ->capture_default_str();
  app.add_option("--gemms", gemms, "DeepBench training GEMMs (cuBLAS SGEMM, CSV)")
      ->capture_default_str();
  app.add_option("--exclude", excluded, "Leave these devices' kernels out of the fit");
  app.add_option("--out", out, "Where to write the parameters (JSON; - for stdout)");
  app.add_option("--tile-exponent", tile_exponent,
                 "Hold the tiles-and-waves exponent at this value in (0, 1] instead of fitting "
                 "it (1: the model without it)");
  app.add_option("--residuals", residuals,
                 "Also write every kernel-pass's prediction against its measured time (CSV)");
  app.add_option("--held-out", held_out,
                 "DeepBench-format kernels of GPUs no fit reads: predicted with the fitted "
                 "model, their median error printed and their rows added to --residuals");
  app.add_option("--held-out-gemms", held_out_gemms,
                 "DeepBench-format GEMMs of GPUs no fit reads, likewise predicted and printed");
  CLI11_PARSE(app, argc, argv);
  try {
    roof::FitInputs inputs;
    inputs.kernels = roof::read_deepbench(deepbench);
    inputs.memory_ops = roof::read_caffe_memory_ops(caffe);
    inputs.gemms = roof::read_deepbench_gemms(gemms);
    inputs.tile_exponent = tile_exponent;
    // Read before anything is written, so a bad file leaves no half of the output behind.
    const std::vector<roof::PublishedKernel> unseen_kernels =
        held_out.empty() ? std::vector<roof::PublishedKernel>{} : roof::read_deepbench(held_out);
    const std::vector<roof::PublishedKernel> unseen_gemms =
        held_out_gemms.empty() ? std::vector<roof::PublishedKernel>{}
                               : roof::read_deepbench_gemms(held_out_gemms);
    // A held-out file holds only columns no fit reads, or its medians would not be held out.
    for (const auto* set : {&unseen_kernels, &unseen_gemms}) {
      for (const roof::PublishedKernel& k : *set) {
        for (const roof::KernelTiming& t : k.timings) {
          if (!t.held_out) {
            throw roof::InputError("a held-out file holds " + t.device +
                                   "'s times, which the fit reads");
          }
        }
      }
    }
    inputs.source =
        "DeepBench training convolutions and GEMMs (baidu-research/DeepBench da81ba78, "
        "results/train, FP32) "
        "and Caffe per-layer times on a Maxwell Titan X (soumith/convnet-benchmarks b458aab6), "
        "as in tests/data/calibration";
    const roof::DeviceCatalogue catalogue = roof::DeviceCatalogue::builtin();
    const roof::AchievableModel model = roof::fit_achievable(inputs, catalogue, excluded);
    auto all = roof::kernel_residuals(model, inputs.kernels, catalogue);
    const auto unseen = roof::kernel_residuals(model, unseen_kernels, catalogue);
    const auto fitted_gemms = roof::kernel_residuals(model, inputs.gemms, catalogue);
    const auto unseen_gemm_residuals = roof::kernel_residuals(model, unseen_gemms, catalogue);
    for (const auto* set : {&unseen, &fitted_gemms, &unseen_gemm_residuals}) {
      all.insert(all.end(), set->begin(), set->end());
    }
    const std::string text = model.to_json();
    if (out == "-") {
      std::cout << text << std::flush;
      if (!std::cout) throw roof::InputError("cannot write to stdout");
    } else {
      std::ofstream file(out);
      file << text;
      file.close();
      if (!file) throw roof::InputError("cannot write " + out);
    }
    if (!residuals.empty()) {
      std::ofstream file(residuals);
      roof::write_kernel_residuals_csv(file, all);
      file.close();
      if (!file) throw roof::InputError("cannot write " + residuals);
    }
    for (const roof::FamilyEfficiency& f : model.families) {
      std::cerr << f.architecture << ": call " << f.call_s * 1e6 << " us; " << f.residuals << "\n";
    }
    // One line per held-out GPU and set: its median |error| and how many passes it has.
    auto report = [](const std::vector<roof::KernelResidual>& set, const char* what) {
      std::set<std::pair<std::string, std::string>> devices;  // device, math
      for (const roof::KernelResidual& r : set) devices.insert({r.device, r.math});
      for (const auto& [device, math] : devices) {
        std::size_t n = 0;
        for (const roof::KernelResidual& r : set) n += r.device == device && r.math == math;
        char median[16];
        std::snprintf(median, sizeof median, "%.1f%%",
                      100 * roof::median_abs_error(set, device, math));
        std::cerr << "held out: " << device << (math == "fp32" ? "" : " " + math)
                  << ": median |error| " << median << " over " << n << " " << what << "\n";
      }
    };
    report(unseen, "kernel-passes");
    report(unseen_gemm_residuals, "cuBLAS GEMMs");
    std::cerr << "memory ops: floor " << model.memory_ops.floor_s * 1e6 << " us; "
              << model.memory_ops.residuals << "\n";
  } catch (const std::exception& e) {
    std::cerr << "fit_achievable: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
