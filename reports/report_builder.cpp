#include "reports/report_builder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "reports/breakdown_chart.hpp"
#include "reports/chart_data.hpp"
#include "reports/device_ceilings.hpp"
#include "reports/report_figures.hpp"
#include "reports/roofline_tables.hpp"
#include "reports/run_comparison.hpp"
#include "reports/seed_validation.hpp"
#include "roofline/explanation.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

std::string ms(double seconds) {
  return fixed(1e3 * seconds, 1e3 * seconds >= 100 ? 1 : 3);
}

std::string minutes(double seconds) {
  const auto whole = static_cast<long long>(std::llround(seconds));
  if (whole < 60) return fixed(seconds, 1) + " s";
  return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
}

std::string ratio(double value) {
  return fixed(value, 2) + "x";
}

// A chart as a figure: its SVG, and its data as CSV beside it (reports/chart_data.hpp).
Figure figure(const std::string& file, const chart::RooflineChart& c, const std::string& caption) {
  return Figure{"figure-" + slug(file.substr(0, file.rfind('.'))), file, chart::render_roofline(c),
                caption, chart::roofline_data_csv(c)};
}

Figure figure(const std::string& file, const chart::BreakdownChart& c, const std::string& caption) {
  return Figure{"figure-" + slug(file.substr(0, file.rfind('.'))), file, chart::render_breakdown(c),
                caption, chart::breakdown_data_csv(c)};
}

}  // namespace

std::string pair_chart_file(const std::string& a, const std::string& b) {
  return "roofline-" + slug(a) + "-vs-" + slug(b) + ".svg";
}

namespace {

// Every modelled prediction, by device then network.
using Predictions = std::vector<std::vector<TrainingPrediction>>;

Predictions predict_all(const ReportInputs& in) {
  Predictions out;
  for (const Device& device : in.devices) {
    std::vector<TrainingPrediction> row;
    for (const Network& network : in.networks) {
      row.push_back(predict_training(network, device, in.options));
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<Block> preamble(const ReportInputs& in) {
  return {
      Paragraph{"Made by `" + in.command +
                "`. Every figure and table says whether its numbers "
                "are measured (on which machine, by which program and implementation) or "
                "modelled (from which device entry, clock and ceiling). The formulas are in "
                "docs/metrics.md; how to read the charts is at the end."},
  };
}

// Every memory stream a bench_roofs run measured, the ceilings among them marked: the roof is
// the fastest, and the others say what the machine does with another access pattern.
Table memory_streams_table(const MeasuredMachine& m) {
  Table table{{"memory streams of " + m.context.path, "kernel", "rate", "ceiling"},
              {},
              {false, false, true, false}};
  if (m.cpu && m.cpu->measured) {
    for (const auto& stream : m.cpu->measured->memory_streams) {
      const bool roof = stream.kernel == m.cpu->measured->memory_kernel;
      table.rows.push_back(
          {"DRAM", stream.kernel, bandwidth_text(stream.gbs * 1e9), roof ? "the DRAM roof" : ""});
    }
  }
  for (const CacheCeiling& rate : m.cache_rates) {
    if (rate.level == "DRAM") continue;  // the sweep's largest working set, beside the streams
    const bool ceiling = std::any_of(m.caches.begin(), m.caches.end(), [&](const CacheCeiling& c) {
      return c.level == rate.level && c.kernel == rate.kernel;
    });
    table.rows.push_back({rate.level, rate.kernel + " sweep", bandwidth_text(rate.bytes_per_second),
                          ceiling ? "the " + rate.level + " ceiling" : ""});
  }
  return table;
}

Section provenance(const ReportInputs& in, const Predictions& predictions) {
  Section s{"provenance", "What was measured and what was modelled", 2, {}};
  if (in.machines.empty() && in.comm.empty()) {
    s.blocks.push_back(Paragraph{
        "Measured: nothing. This report is modelled only; pass bench_roofs' JSON with --roofs "
        "and bench_layers' with --bench to add this machine's measurements, bench_comm's with "
        "--comm to add measured collectives (docs/bench.md)."});
  } else {
    s.blocks.push_back(Paragraph{in.machines.empty() ? "Measured:" : "Measured, on this machine:"});
    Table table{
        {"file", "program", "machine", "host", "date", "revision", "compiler, build"}, {}, {}};
    std::vector<std::string> details;
    for (const MeasuredMachine& m : in.machines) {
      const RunContext& c = m.context;
      table.rows.push_back({c.path, "bench_roofs", c.machine(), c.host, c.date, c.git_revision,
                            c.compiler + ", " + c.build_type});
      if (m.cpu) {
        const Device& cpu = *m.cpu;
        std::string line =
            c.path + ": FP32 peak " + flops_text(cpu.peaks.at("fp32").boost.value_or(0) * 1e12);
        if (cpu.peaks.count("fp64")) {
          line += ", FP64 " + flops_text(cpu.peaks.at("fp64").boost.value_or(0) * 1e12);
        }
        line += ", DRAM " + bandwidth_text(cpu.dram_gbs * 1e9) + " (" +
                (cpu.measured ? cpu.measured->memory_kernel : "STREAM triad") + ")";
        for (const CacheCeiling& cache : m.caches) {
          if (cache.level != "DRAM") {
            line += ", " + cache.level + " " + bandwidth_text(cache.bytes_per_second) + " (" +
                    cache.kernel + ")";
          }
        }
        if (!c.clock_ghz.empty()) line += "; clock measured at " + c.clock_ghz + " GHz";
        details.push_back(line);
        if (cpu.measured) {
          for (const std::string& warning : cpu.measured->warnings) {
            details.push_back(c.path + ": warning: " + warning);
          }
        }
      } else {
        details.push_back(c.path + ": the GPUs' ceilings only (a filtered run: no CPU roof)");
      }
      for (const MeasuredGpu& gpu : m.gpus) {
        std::string line = c.path + ", " + gpu.device.name + " (" + gpu.name + "): FP32 peak " +
                           flops_text(gpu.device.peaks.at("fp32").boost.value_or(0) * 1e12);
        for (const auto& [as, words] : {std::pair<const char*, const char*>{"fp16", "FP16"},
                                        {"tensor_fp16", "FP16 tensor-core GEMM"},
                                        {"tensor_tf32", "TF32 tensor-core GEMM"}}) {
          if (const auto it = gpu.device.peaks.find(as); it != gpu.device.peaks.end()) {
            line +=
                ", " + std::string(words) + " " + flops_text(it->second.boost.value_or(0) * 1e12);
          }
        }
        line += ", DRAM " + bandwidth_text(gpu.device.dram_gbs * 1e9) + " (triad)";
        details.push_back(line);
      }
    }
    std::set<std::string> seen;
    for (const MeasuredRun& run : in.runs) {
      const RunContext& c = run.context;
      if (!seen.insert(c.path).second) continue;
      table.rows.push_back({c.path, "bench_layers",
                            c.machine() + (c.gpu.empty() ? "" : "; GPU " + c.gpu), c.host, c.date,
                            c.git_revision, c.compiler + ", " + c.build_type});
      for (const auto& [impl, what] : c.implementations) {
        details.push_back(c.path + ", implementation " + impl + ": " + what);
      }
    }
    for (const CommRun& run : in.comm) {
      table.rows.push_back({run.path, "bench_comm", run.gpus.empty() ? "-" : run.gpus, run.hosts,
                            run.date, run.git_revision, run.compiler.empty() ? "-" : run.compiler});
    }
    s.blocks.push_back(table);
    if (!details.empty()) s.blocks.push_back(BulletList{details});
    for (const MeasuredMachine& m : in.machines) s.blocks.push_back(memory_streams_table(m));
  }
  s.blocks.push_back(Paragraph{
      std::string(in.options.placement.model == TimeModel::achievable
                      ? "Modelled: the achievable model (docs/metrics.md, \"Achievable time\": "
                        "cuDNN's algorithms, tiles and waves, efficiencies fitted on published GPU "
                        "times; each device's calibration is named under its chart; one library "
                        "for every device) on these device entries, each ceiling with its source, "
                        "which remain the bound. Networks: "
                      : "Modelled: the roofline model (docs/metrics.md) on these device entries, "
                        "each ceiling with its source. Networks: ") +
      [&] {
        std::string names;
        for (const TrainingPrediction& p : predictions.at(0)) {
          names += (names.empty() ? "" : "; ") + setup_text(p.placement);
        }
        return names;
      }() +
      "."});
  Table roofs{{"device", "clock", "compute ceiling", "memory ceiling", "ridge (FLOP/B)"},
              {},
              {false, false, false, false, true}};
  for (const auto& row : predictions) {
    const Roof& r = row.at(0).placement.roof;
    roofs.rows.push_back({r.device,
                          std::string(clock_name(r)) + " " + fixed(r.clock_mhz, 0) + " MHz",
                          r.compute_label, r.memory_label, fixed(r.ridge_point(), 1)});
  }
  s.blocks.push_back(roofs);
  // A known miss of an entry belongs beside its ceilings, not only under its chart.
  std::string caveats;
  for (const auto& row : predictions) {
    const Roof& r = row.at(0).placement.roof;
    if (!r.device_caveat.empty()) caveats += " " + r.device + ": " + r.device_caveat + ".";
  }
  if (!caveats.empty()) {
    s.blocks.push_back(
        Paragraph{"Known misses of these entries (devices.json's caveats):" + caveats});
  }
  return s;
}

Section why(const ReportInputs& in, const Predictions& predictions) {
  const Network& network = in.networks.at(0);
  if (in.devices.size() < 2) {
    return {"why",
            "Why one device beats another",
            2,
            {Paragraph{"Needs two devices in --devices; this report has one."}}};
  }
  const Explanation e = explain(network, in.devices[0], in.devices[1], in.options, in.top);
  const bool a_wins = e.speedup >= 1;
  const std::string& a = e.a.placement.roof.device;
  const std::string& b = e.b.placement.roof.device;
  Section s{"why", "Why " + (a_wins ? a : b) + " beats " + (a_wins ? b : a), 2, {}};
  // The answer first (speedup, what bounds it, its terms), then the charts and tables.
  s.blocks.push_back(Paragraph{e.paragraph});
  // One chart per pair, the first device against each other one: three roofs in one chart
  // hide each other where two devices are alike (a K80 die's roof lies within a pixel of the
  // K40m's), and the explained pair is the first of them.
  for (std::size_t d = 1; d < in.devices.size(); ++d) {
    const std::vector<TrainingPrediction> pair = {predictions[0].at(0), predictions[d].at(0)};
    const std::string& first = pair[0].placement.roof.device;
    const std::string& other = pair[1].placement.roof.device;
    s.blocks.push_back(figure(pair_chart_file(first, other),
                              // each device in its own colour in every pair chart
                              comparison_chart({in.devices[0], in.devices[d]}, pair, {0, d}),
                              "Modelled: the roofs of " + first + " and " + other + " with " +
                                  network.name + "'s conv and fc layer-passes on each."));
  }
  std::ostringstream out;
  write_explanation(out, e,
                    seed_measurements_of(network.name, in.devices[0], in.devices[1], in.options));
  // The table's closing paragraph is the section's first, there wrapped: said once is enough.
  std::string text = out.str();
  if (const auto at = text.rfind("\n\nModelled, not measured."); at != std::string::npos) {
    text.resize(at + 1);
  }
  s.blocks.push_back(Paragraph{"The tables of `roofline explain` for the same pair:"});
  s.blocks.push_back(Preformatted{text});
  return s;
}

std::vector<Section> device_sections(const ReportInputs& in, const Predictions& predictions) {
  std::vector<Section> out;
  out.push_back(
      {"rooflines",
       "Modelled rooflines, one per device",
       2,
       {Paragraph{in.options.placement.model == TimeModel::achievable
                      ? "Each chart places every conv and fc layer-pass of the networks "
                        "under one device's roof at the rate the achievable model predicts "
                        "(direct FLOPs over its time), sized by its share of the iteration: "
                        "the gap to the roof is its efficiency. Left of the ridge point a "
                        "pass is memory bound, right of it compute bound; Winograd passes "
                        "can sit above the peak (fewer FLOPs executed than counted)."
                      : "Each chart places every conv and fc layer-pass of the networks on "
                        "one device's roof. The model puts a pass on its roof by "
                        "definition; what the chart shows is where: left of the ridge "
                        "point memory bound, right of it compute bound."}}});
  for (std::size_t d = 0; d < in.devices.size(); ++d) {
    const std::vector<TrainingPrediction>& row = predictions[d];
    const Roof& roof = row.at(0).placement.roof;
    int compute = 0;
    int memory = 0;
    for (const TrainingPrediction& p : row) {
      for (const PlacedPass& pass : p.placement.rows) {
        if (pass.op != "conv" && pass.op != "conv1x1" && pass.op != "fc") continue;
        (pass.bound == Bound::compute ? compute : memory) += 1;
      }
    }
    Section s{"roofline-" + slug(roof.device), roof.device, 3, {}};
    std::vector<CacheCeiling> caches;  // a measured machine's, when it is one of the devices
    for (const MeasuredMachine& m : in.machines) {
      if (m.cpu && m.cpu->name == in.devices[d].name) caches = m.caches;
    }
    s.blocks.push_back(figure("roofline-" + slug(roof.device) + ".svg",
                              device_chart(in.devices[d], row, caches),
                              "Modelled: " + roof.device +
                                  "'s roof with every conv and fc "
                                  "layer-pass of the networks."));
    s.blocks.push_back(Paragraph{
        "Of " + std::to_string(compute + memory) + " conv and fc layer-passes, " +
        std::to_string(compute) + " are compute bound and " + std::to_string(memory) +
        " memory bound on " + roof.device + " (ridge point " + fixed(roof.ridge_point(), 1) +
        " FLOP/byte). Compute ceiling: " + roof.compute_label +
        ". Memory ceiling: " + roof.memory_label + "." +
        (roof.device_caveat.empty() ? "" : " Caveat: " + roof.device_caveat + ".")});
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Section> breakdown_sections(const ReportInputs& in, const Predictions& predictions) {
  std::vector<Section> out;
  const bool bookkeeping = !predictions.empty() && !predictions.front().empty() &&
                           predictions.front().front().grad_bookkeeping_s > 0;
  out.push_back({"breakdown",
                 "Time of a training iteration",
                 2,
                 {Paragraph{std::string("Modelled: one iteration split into the forward, "
                                        "backward-data and backward-weights passes of the conv "
                                        "and fc layers, every other op (all passes) and the "
                                        "optimizer update") +
                            (bookkeeping ? " (with PyTorch 1.x's zero_grad fills and "
                                           "AccumulateGrad adds, the pytorch1 recipe)"
                                         : "") +
                            ", per network and device."}}});
  for (std::size_t n = 0; n < in.networks.size(); ++n) {
    std::vector<TrainingPrediction> per_device;
    for (const auto& row : predictions) per_device.push_back(row.at(n));
    const std::string& name = in.networks[n].name;
    Section s{"breakdown-" + slug(name), name, 3, {}};
    s.blocks.push_back(figure("breakdown-" + slug(name) + ".svg", breakdown_chart(per_device),
                              "Modelled: " + setup_text(per_device.at(0).placement) +
                                  ", one training iteration per device."));
    // Every millisecond column in the same two decimals, so that a column reads down; the GPU's
    // wait on the host is a column where the model has a host timeline.
    const bool host = per_device.at(0).placement.model == TimeModel::achievable;
    Table table{{"device", "forward ms", "backward-data ms", "backward-weights ms", "other ops ms",
                 bookkeeping ? "update and gradient zeroing ms" : "update ms"},
                {},
                {false, true, true, true, true, true}};
    if (host) table.header.push_back("waiting on the host ms");
    for (const char* last : {"iteration ms", "epoch"}) table.header.push_back(last);
    table.numeric.resize(table.header.size(), true);
    const auto ms2 = [](double seconds) { return fixed(1e3 * seconds, 2); };
    for (const TrainingPrediction& p : per_device) {
      const auto parts = iteration_parts(p);
      std::vector<std::string> cells = {p.placement.roof.device, ms2(parts[0]), ms2(parts[1]),
                                        ms2(parts[2]),           ms2(parts[3]), ms2(parts[4])};
      if (host) cells.push_back(ms2(parts[chart::kHostWaitPart]));
      cells.push_back(ms2(p.iteration_s));
      cells.push_back(minutes(p.epoch_s));
      table.rows.push_back(std::move(cells));
    }
    s.blocks.push_back(table);
    s.blocks.push_back(Paragraph{"An epoch is " +
                                 std::to_string(per_device.at(0).images_per_epoch) + " images, " +
                                 std::to_string(per_device.at(0).iterations_per_epoch) +
                                 " iterations (the last partial batch counted whole)."});
    out.push_back(std::move(s));
  }
  return out;
}

Table measured_summary(const MeasuredRun& run) {
  const MeasuredIteration& m = run.iteration;
  const Placement& model = m.model.placement;
  Table table{{"implementation", "layer-passes measured", "median of the roof",
               "above the DRAM roof", "iteration ms", "model iteration ms"},
              {},
              {false, true, true, true, true, true}};
  std::map<std::pair<std::string, Pass>, const PlacedPass*> rows;
  for (const PlacedPass& row : model.rows) rows[{row.layer, row.pass}] = &row;
  for (const std::string& impl : run.iteration.impls) {
    std::vector<double> fractions;
    int above = 0;
    for (const MeasuredRow& row : m.rows) {
      const auto it = row.measured_s.find(impl);
      if (it == row.measured_s.end() || !(it->second > 0)) continue;
      const PlacedPass& placed = *rows.at({row.layer, row.pass});
      const double rate = placed.flops / it->second;
      fractions.push_back(rate / attainable_flops(model.roof, placed.ai));
      above += rate > placed.ai * model.roof.bandwidth * (1 + 1e-6);
    }
    std::sort(fractions.begin(), fractions.end());
    const std::string median =
        fractions.empty() ? "-" : fixed(100 * fractions[fractions.size() / 2], 0) + "%";
    table.rows.push_back({impl + " (measured)", std::to_string(fractions.size()), median,
                          std::to_string(above), ms(m.iteration_s.at(impl)),
                          ms(m.model.iteration_s)});
  }
  return table;
}

// "run 2" for the second measured section: as the measured sections and the comparisons name the
// runs.
std::string run_label(std::size_t index) {
  return "run " + std::to_string(index + 1);
}

std::vector<Section> measured_sections(const ReportInputs& in) {
  std::vector<Section> out;
  Section head{"measured", "Measured on this machine", 2, {}};
  if (in.runs.empty()) {
    head.blocks.push_back(
        Paragraph{"No bench_layers run was given (--bench), so nothing measured is drawn. Run "
                  "`bench_roofs --benchmark_out=roofs.json` and `bench_layers --roofs roofs.json "
                  "--benchmark_out=layers.json` (docs/bench.md) and pass both files."});
    out.push_back(std::move(head));
    return out;
  }
  head.blocks.push_back(Paragraph{
      "Measured: bench_layers' times of each conv and fc layer-pass per implementation, each "
      "result verified against a float64 reference before it was timed, drawn on the roofline "
      "bench_roofs measured on the same machine. Beside them, in grey, the model's prediction "
      "for the same layers on that measured roof. The median of the roof is each pass's "
      "measured FLOP/s over min(FP32 peak, AI x DRAM bandwidth); iteration ms composes the "
      "measured conv and fc passes with the measured other ops (the implementation's own, or "
      "our loops' for one without them) and the measured update, the model's time standing in "
      "only for what no row measured (the breakdown's bars say how many)."});
  out.push_back(std::move(head));
  for (std::size_t i = 0; i < in.runs.size(); ++i) {
    const MeasuredRun& run = in.runs[i];
    const std::string id = "measured-" + std::to_string(i + 1) + "-" + slug(run.network.name) +
                           (run.on_gpu ? "-" + slug(run.device.name) : "");
    // Numbered, and with its file, so two runs of one network on one machine read apart (the
    // comparisons below name them so).
    Section s{id,
              run_label(i) + ": " + run.network.name + " on " + run.where() + " (" +
                  std::filesystem::path(run.context.path).filename().string() + ")",
              3,
              {}};
    s.blocks.push_back(figure(id + ".svg", measured_chart(run),
                              "Measured: " + run.network.name + " (batch " +
                                  std::to_string(run.network.batch) +
                                  ") layer-passes per implementation on the measured roofline "
                                  "of " +
                                  run.where() + "; grey: the model."));
    s.blocks.push_back(measured_summary(run));
    s.blocks.push_back(figure(id + "-breakdown.svg", measured_breakdown(run),
                              "One iteration per implementation, composed from the measured "
                              "passes and update (the model's where a bar says so)."));
    out.push_back(std::move(s));
  }
  return out;
}

// "0.87x (-13%)": the contender's time over the baseline's, and the change in time.
std::string change_text(double ratio_value) {
  const double change = 100 * (ratio_value - 1);
  return ratio(ratio_value) + " (" + (change >= 0 ? "+" : "") + fixed(change, 0) + "%)";
}

std::vector<Section> comparison_sections(const ReportInputs& in) {
  const std::vector<RunComparison> comparisons = compare_runs(in.runs);
  std::vector<Section> out;
  if (comparisons.empty()) return out;
  Section head{"compared", "Measured runs compared", 2, {}};
  head.blocks.push_back(Paragraph{
      "Measured runs of the same network and batch (several --bench files, or one file's runs "
      "on two machines), each against the first of them, the baseline, as Google Benchmark's "
      "compare.py compares two runs: per implementation both measured, the time of every "
      "layer-pass in both, the ratio contender / baseline (below 1: the contender is faster) "
      "with the change in time, and the geometric mean of the ratios; the iterations are those of "
      "the measured sections "
      "above. Run numbers are the measured sections'."});
  out.push_back(std::move(head));
  for (const RunComparison& c : comparisons) {
    const MeasuredRun& a = in.runs[c.baseline];
    const MeasuredRun& b = in.runs[c.contender];
    const std::string a_label = run_label(c.baseline);
    const std::string b_label = run_label(c.contender);
    const std::string id = "compared-" + std::to_string(c.contender + 1) + "-" +
                           std::to_string(c.baseline + 1) + "-" + slug(a.network.name);
    Section s{id,
              a.network.name + ", batch " + std::to_string(a.network.batch) + ": " + b_label +
                  " against " + a_label,
              3,
              {}};
    s.blocks.push_back(Paragraph{a_label + " (baseline): " + a.context.path + ", " + a.where() +
                                 ", " + a.context.date + ". " + b_label + ": " + b.context.path +
                                 ", " + b.where() + ", " + b.context.date + "."});
    Table summary{{"implementation", "layer-passes", "geomean time ratio", "most gained",
                   "most lost", a_label + " iteration ms", b_label + " iteration ms", "ratio"},
                  {},
                  {false, true, true, true, true, true, true, true}};
    for (const ImplChange& impl : c.impls) {
      summary.rows.push_back({impl.impl, std::to_string(impl.passes),
                              change_text(impl.geomean_ratio), ratio(impl.min_ratio),
                              ratio(impl.max_ratio), ms(impl.baseline_iteration_s),
                              ms(impl.contender_iteration_s),
                              change_text(impl.contender_iteration_s / impl.baseline_iteration_s)});
    }
    s.blocks.push_back(summary);
    std::vector<PassChange> largest = c.passes;
    std::sort(largest.begin(), largest.end(), [](const PassChange& x, const PassChange& y) {
      return std::abs(std::log(x.ratio())) > std::abs(std::log(y.ratio()));
    });
    const std::size_t shown = std::min<std::size_t>(largest.size(), 2 * std::max(in.top, 1));
    Table changes{{"layer", "pass", "implementation", a_label + " ms", b_label + " ms", "ratio"},
                  {},
                  {false, false, false, true, true, true}};
    for (std::size_t i = 0; i < shown; ++i) {
      const PassChange& p = largest[i];
      changes.rows.push_back({p.layer, std::string(to_string(p.pass)), p.impl, ms(p.baseline_s),
                              ms(p.contender_s), change_text(p.ratio())});
    }
    s.blocks.push_back(Paragraph{"The " + std::to_string(shown) +
                                 " layer-passes that changed "
                                 "most (every one is in the chart's CSV):"});
    s.blocks.push_back(changes);
    s.blocks.push_back(figure(id + ".svg", comparison_overlay_chart(a, b, c, a_label, b_label),
                              "Measured: " + b_label + "'s layer-passes (colours) over " + a_label +
                                  "'s (grey) on the measured roofline."));
    out.push_back(std::move(s));
  }
  return out;
}

Section seeds(const ReportInputs& in) {
  Section s{"seeds", "The seeds' measurements against the model", 2, {}};
  s.blocks.push_back(Paragraph{
      "Measured: the seed documents' own times, quoted. Modelled: this suite's prediction of "
      "the same runs from the catalogue's entries at each device's clock under load, fp32, "
      "direct convolution, with theoretical and with published sustained ceilings. The model "
      "predicts GPU compute only; docs/validation.md explains each miss."});
  Table table{{"seed", "run", "devices", "measured", "ratio", "model (theoretical)", "ratio",
               "vs measured", "sustained ratio"},
              {},
              {false, false, false, true, true, true, true, true, true}};
  std::vector<std::string> sources;
  for (const SeedComparison& row : seed_comparisons(*in.catalogue)) {
    const double miss = row.theoretical_ratio() / row.measured_ratio() - 1;
    table.rows.push_back({row.seed, row.setup, row.fast + " / " + row.slow,
                          minutes(row.measured_fast_s) + " / " + minutes(row.measured_slow_s),
                          ratio(row.measured_ratio()),
                          minutes(row.theoretical_fast_s) + " / " + minutes(row.theoretical_slow_s),
                          ratio(row.theoretical_ratio()),
                          std::string(miss >= 0 ? "+" : "") + fixed(100 * miss, 0) + "%",
                          ratio(row.sustained_ratio())});
    if (std::find(sources.begin(), sources.end(), row.seed + ": " + row.source) == sources.end()) {
      sources.push_back(row.seed + ": " + row.source);
    }
  }
  s.blocks.push_back(table);
  s.blocks.push_back(Paragraph{"Sources of the measured times:"});
  s.blocks.push_back(BulletList{sources});
  return s;
}

Section reading() {
  return {"reading",
          "How to read the charts",
          2,
          {BulletList{{
              "x: arithmetic intensity, the pass's direct FLOPs (2 x MACs) over its compulsory "
              "DRAM bytes (every tensor read once and written once); y: FLOP/s, direct FLOPs "
              "over the time. Both axes are logarithmic, one grid line per decade.",
              "Solid lines: the ceilings a prediction uses (compute peak and DRAM bandwidth); "
              "they meet at the ridge point (diamond, dotted line). Dashed: the device's other "
              "ceilings (FP64, FP16 or tensor peaks; measured cache bandwidths), for reference.",
              "Colour: the network, implementation or device (each chart's legend); shape: the "
              "pass (circle fwd, triangle bwd_data, square bwd_weights); hollow: a 1x1 "
              "convolution.",
              "A red outline marks a point above its roof, which the model cannot produce with "
              "direct FLOPs: Winograd (fewer FLOPs executed) or, for measured CPU points, data "
              "that came from the caches rather than DRAM. Each chart's note says which.",
              "Hover over a point (in a browser) for its layer, pass, intensity, FLOP/s and time.",
              "The scaling chart: x the GPUs, y the speedup over one GPU, both linear, so the "
              "dashed ideal (speedup = GPUs) is the diagonal. Lines: the model, one per "
              "strategy, a dot per GPU count; hollow diamonds: measured speedups, quoted with "
              "who measured them.",
          }}}};
}

}  // namespace

ReportDocument build_report(const ReportInputs& in) {
  const Predictions predictions = predict_all(in);
  ReportDocument doc;
  std::string devices;
  for (const Device& d : in.devices) devices += (devices.empty() ? "" : ", ") + d.name;
  std::string networks;
  for (const Network& n : in.networks) networks += (networks.empty() ? "" : ", ") + n.name;
  doc.title = "Roofline report: " + networks + " on " + devices;
  doc.preamble = preamble(in);
  doc.sections.push_back(provenance(in, predictions));
  doc.sections.push_back(why(in, predictions));
  for (Section& s : device_sections(in, predictions)) doc.sections.push_back(std::move(s));
  for (Section& s : breakdown_sections(in, predictions)) doc.sections.push_back(std::move(s));
  if (in.scaling) doc.sections.push_back(scaling_section(*in.scaling, in.options));
  doc.sections.push_back(collectives_section(in.comm, in.scaling ? 3 : 2));
  for (Section& s : measured_sections(in)) doc.sections.push_back(std::move(s));
  for (Section& s : comparison_sections(in)) doc.sections.push_back(std::move(s));
  doc.sections.push_back(seeds(in));
  doc.sections.push_back(reading());
  return doc;
}

}  // namespace roof::report
