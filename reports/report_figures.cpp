#include "reports/report_figures.hpp"

#include <map>

#include "reports/chart_style.hpp"
#include "reports/device_ceilings.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

std::string ms_text(double seconds) {
  return fixed(1e3 * seconds, 1e3 * seconds >= 10 ? 2 : 3) + " ms";
}

std::string model_tooltip(const PlacedPass& row, const std::string& network,
                          const std::string& device) {
  std::string text = row.layer + " (" + network + "), " + std::string(to_string(row.pass)) + ", " +
                     row.op + ": AI " + fixed(row.ai, 2) + " FLOP/B, " +
                     flops_text(row.effective_flops()) + ", " + std::string(to_string(row.bound)) +
                     " bound, " + ms_text(row.seconds) + "; modelled on " + device;
  if (row.achieved) {
    text += " (achievable model: " + fixed(100 * row.efficiency(), 0) + "% of its bound " +
            ms_text(row.bound_seconds) + ", largest loss: " + row.achieved->loss + ")";
  }
  if (row.algorithm != "direct" && !row.algorithm.empty()) text += " as " + row.algorithm;
  return text;
}

void add_model_points(chart::RooflineChart& chart, const Placement& placement, std::size_t series,
                      std::size_t roof) {
  for (const PlacedPass& row : placement.rows) {
    if (!is_layer_with_macs(row.op)) continue;
    chart.points.push_back({series, roof, row.pass, row.op == "conv1x1", row.ai,
                            row.effective_flops(),
                            model_tooltip(row, placement.network, placement.roof.device),
                            placement.model == TimeModel::achievable ? row.share : 0.0});
  }
}

const std::string kWinogradWhy =
    "Winograd executes fewer multiplies than the direct count that the chart's FLOP/s divide by "
    "(F(2x2,3x3) 2.25x, F(4x4,3x3) 4x: --conv-algo under the roofline model, cuDNN's choice "
    "under the achievable one; docs/metrics.md)";

// "imagenet, batch 32, fp32, direct convolution": what every network of a chart shares.
std::string shared_setup(const Placement& p) {
  return (p.dataset.empty() ? std::string("descriptor file") : p.dataset) + ", batch " +
         std::to_string(p.batch) + ", " + std::string(to_string(p.dtype)) + ", " +
         (p.model == TimeModel::achievable ? std::string("cuDNN's algorithms")
                                           : std::string(to_string(p.conv_algo)) + " convolution");
}

std::string model_subtitle(const Placement& p, const Device& device) {
  const Roof& roof = p.roof;
  const std::string where =
      device.measured ? "the roofline bench_roofs measured on this machine (" + device.origin + ")"
                      : "the catalogue entry " + roof.device + " at its " + clock_phrase(roof) +
                            ", " + std::string(to_string(roof.ceilings)) + " ceilings";
  return "Modelled, not measured: every conv and fc layer-pass (" + shared_setup(p) +
         ") placed on " + where + "; a point's height is its direct FLOPs over its predicted time" +
         (p.model == TimeModel::achievable
              ? " under the achievable model (" + p.model_description +
                    "), below its roof by its efficiency, its size its share of the iteration."
              : std::string("."));
}

}  // namespace

std::string setup_text(const Placement& placement) {
  return placement.network + " (" +
         (placement.dataset.empty() ? std::string("descriptor file") : placement.dataset) +
         ", batch " + std::to_string(placement.batch) + ", " +
         std::string(to_string(placement.dtype)) + ", " +
         (placement.model == TimeModel::achievable
              ? std::string("cuDNN's algorithms, achievable model")
              : std::string(to_string(placement.conv_algo)) + " convolution") +
         ")";
}

std::array<double, 6> iteration_parts(const TrainingPrediction& prediction) {
  std::array<double, 6> parts{};
  for (const PlacedPass& row : prediction.placement.rows) {
    const std::size_t part = is_layer_with_macs(row.op) ? static_cast<std::size_t>(row.pass) : 3;
    parts[part] += row.seconds;
  }
  // PyTorch 1.x's gradient zeroing and accumulation is parameter traffic beside the update.
  parts[4] = prediction.update_s + prediction.grad_bookkeeping_s;
  parts[chart::kHostWaitPart] = prediction.host_idle_s;
  return parts;
}

chart::RooflineChart device_chart(const Device& device,
                                  const std::vector<TrainingPrediction>& predictions,
                                  const std::vector<CacheCeiling>& caches) {
  chart::RooflineChart chart;
  const Roof& roof = predictions.at(0).placement.roof;
  chart.title = roof.device + ": modelled roofline of the conv and fc layer-passes";
  chart.subtitle = model_subtitle(predictions.at(0).placement, device);
  chart.roofs.push_back(roof_lines(device, roof, caches, std::string(chart::kInkColour)));
  chart.series_title = "network";
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    chart.series.push_back(
        {predictions[i].placement.network, std::string(chart::series_colour(i))});
    add_model_points(chart, predictions[i].placement, i, 0);
  }
  chart.above_compute_why = kWinogradWhy;
  chart.above_memory_why = "not expected of the model";
  if (device.l2_kib && !device.measured) {
    chart.notes.push_back("The catalogue has no L2 bandwidth for " + roof.device +
                          " (its L2 holds " + fixed(*device.l2_kib / 1024, 1) +
                          " MiB), so DRAM is the only memory ceiling drawn.");
  }
  return chart;
}

chart::RooflineChart comparison_chart(const std::vector<Device>& devices,
                                      const std::vector<TrainingPrediction>& predictions,
                                      const std::vector<std::size_t>& colours) {
  chart::RooflineChart chart;
  const Placement& first = predictions.at(0).placement;
  std::string names;
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    names += (i == 0                        ? ""
              : i + 1 == predictions.size() ? " and "
                                            : ", ") +
             predictions[i].placement.roof.device;
  }
  chart.title = names + " on " + first.network + ": modelled";
  chart.subtitle =
      "Modelled, not measured: " + setup_text(first) +
      ", every conv and fc layer-pass placed on each device's roof (catalogue entries at each "
      "device's clock under load, " +
      std::string(to_string(first.roof.ceilings)) +
      " ceilings). A layer-pass has the same intensity on every device; the vertical gap "
      "between two roofs at that intensity is how much faster it runs.";
  chart.series_title = "device";
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    const std::string colour(chart::series_colour(i < colours.size() ? colours[i] : i));
    const Roof& roof = predictions[i].placement.roof;
    chart::RoofLines lines = roof_lines(devices.at(i), roof, {}, colour, true);
    lines.other_compute.clear();  // three devices' FP64 and FP16 would hide the picture
    chart.roofs.push_back(lines);
    chart.series.push_back(
        {roof.device + ", " + fixed(1e3 * predictions[i].iteration_s, 1) + " ms/iteration",
         colour});
    add_model_points(chart, predictions[i].placement, i, i);
  }
  if (predictions.size() >= 2) {
    const Roof& a = predictions[0].placement.roof;
    const Roof& b = predictions[1].placement.roof;
    chart.notes.push_back(a.device + " over " + b.device + ": " +
                          fixed(a.peak_flops / b.peak_flops, 2) +
                          "x the peak (what a "
                          "compute-bound pass gains), " +
                          fixed(a.bandwidth / b.bandwidth, 2) +
                          "x the DRAM bandwidth (what a memory-bound pass gains), " +
                          fixed(predictions[1].iteration_s / predictions[0].iteration_s, 2) +
                          "x per training iteration.");
  }
  chart.above_compute_why = kWinogradWhy;
  chart.above_memory_why = "not expected of the model";
  return chart;
}

chart::RooflineChart measured_chart(const MeasuredRun& run) {
  const MeasuredIteration& m = run.iteration;
  const Placement& model = m.model.placement;
  chart::RooflineChart chart;
  chart.title = run.network.name + " on " + run.processor +
                ": measured layer-passes on the measured roofline";
  chart.subtitle =
      "Measured by bench_layers (" + run.context.path + ", revision " + run.context.git_revision +
      ") on the roofline bench_roofs measured on the " + "same " +
      (run.on_gpu ? "GPU" : "machine") + " (" + run.machine.context.path +
      (run.on_gpu ? ", " + run.device.name : "") + "); batch " + std::to_string(run.network.batch) +
      ", fp32, " +
      (run.on_gpu ? "L2 flushed before each pass unless the run said cache:hot" : "hot caches") +
      ". In grey, the model's prediction for the same layers on that roof.";
  chart.roofs.push_back(
      roof_lines(run.device, model.roof, run.caches, std::string(chart::kInkColour)));
  chart.series_title = "implementation";
  chart.series.push_back({"model on the measured roof", std::string(chart::kModelColour)});
  std::map<std::pair<std::string, Pass>, const PlacedPass*> model_rows;
  for (const PlacedPass& row : model.rows) model_rows[{row.layer, row.pass}] = &row;
  for (const MeasuredRow& row : m.rows) {
    if (row.measured_s.empty()) continue;  // the model only beside what was measured
    const PlacedPass& placed = *model_rows.at({row.layer, row.pass});
    chart.points.push_back({0, 0, row.pass, placed.op == "conv1x1", placed.ai,
                            placed.effective_flops(),
                            model_tooltip(placed, run.network.name, model.roof.device)});
  }
  const std::vector<std::string>& impls = m.impls;
  for (std::size_t i = 0; i < impls.size(); ++i) {
    const std::string& impl = impls[i];
    chart.series.push_back({"measured: " + impl, std::string(chart::implementation_colour(impl))});
    for (const MeasuredRow& row : m.rows) {
      const auto it = row.measured_s.find(impl);
      if (it == row.measured_s.end() || !(it->second > 0)) continue;
      const PlacedPass& placed = *model_rows.at({row.layer, row.pass});
      const double rate = placed.flops / it->second;
      const double roof = attainable_flops(model.roof, placed.ai);
      chart.points.push_back({i + 1, 0, row.pass, placed.op == "conv1x1", placed.ai, rate,
                              row.layer + " (" + run.network.name + "), " +
                                  std::string(to_string(row.pass)) + ", " + placed.op + ", " +
                                  impl + ": AI " + fixed(placed.ai, 2) + " FLOP/B, " +
                                  flops_text(rate) + " measured (" + ms_text(it->second) + "), " +
                                  fixed(100 * rate / roof, 0) + "% of the measured roof; model " +
                                  ms_text(placed.seconds)});
    }
  }
  chart.above_memory_why =
      run.on_gpu
          ? "a pass that reads its tensors from L2 (the run's cache:hot rows, or tensors that "
            "stay in L2 between a pass's kernels) or moves fewer bytes than the compulsory count"
          : "bench_layers repeats each pass on the same buffers (hot caches), so a layer whose "
            "tensors fit in the caches reads them from L2 or L3, not DRAM" +
                std::string(run.caches.empty()
                                ? " (this bench_roofs run has no cache sweep to draw their "
                                  "ceilings)."
                                : "; the dashed cache ceilings bound those points.");
  chart.above_compute_why =
      "the implementation executes fewer FLOPs than the direct count (a fast algorithm such as "
      "Winograd), or the clock ran above the one bench_roofs measured.";
  if (!run.not_drawn.empty()) {
    chart.notes.push_back(
        "Not drawn: the GPU implementations of this run, which need the GPU's own ceilings "
        "from bench_roofs on the same machine (" +
        std::to_string(run.not_drawn.size()) + ", on " +
        (run.context.gpu.empty() ? "a GPU" : run.context.gpu) + ").");
  }
  return chart;
}

chart::BreakdownChart breakdown_chart(const std::vector<TrainingPrediction>& predictions) {
  chart::BreakdownChart chart;
  const Placement& first = predictions.at(0).placement;
  chart.title = first.network + ": modelled time of one training iteration";
  chart.subtitle = "Modelled, not measured: " + setup_text(first) +
                   ", each device's catalogue entry at its clock under load. " +
                   (first.model == TimeModel::achievable
                        ? "GPU kernels and the framework's kernel launches (the GPU's wait on "
                          "the host where it has one); no data loading or host-device copies."
                        : "GPU compute only: no data loading, host-device copies or kernel "
                          "launches.");
  for (const TrainingPrediction& p : predictions) {
    chart::Bar bar{p.placement.roof.device, iteration_parts(p), ""};
    chart.bars.push_back(bar);
    if (p.grad_bookkeeping_s > 0) chart.update_has_bookkeeping = true;
  }
  return chart;
}

chart::BreakdownChart measured_breakdown(const MeasuredRun& run) {
  const MeasuredIteration& m = run.iteration;
  chart::BreakdownChart chart;
  chart.title = run.network.name + " on " + run.processor + ": one training iteration, measured";
  chart.subtitle = "The passes measured by bench_layers per implementation (" + run.context.path +
                   (run.on_gpu ? "): conv and fc by each implementation, the other ops and the "
                                 "update by the same one where it has rows"
                               : "): conv and fc by each implementation, the other ops by the "
                                 "same one or by our own loops, the update by our SGD loop") +
                   "; what no row measured is the model's on the measured roofline (the bar "
                   "says so). Batch " +
                   std::to_string(run.network.batch) + ", fp32.";
  const std::array<double, 6> model = iteration_parts(m.model);
  chart.update_has_bookkeeping = m.grad_bookkeeping_s > 0;
  chart.bars.push_back({"model", model, "modelled"});
  for (const std::string& impl : m.impls) {
    chart::Bar bar{impl, {}, "measured"};
    bar.seconds[3] = m.ops_s.at(impl);
    const auto update = m.update_measured_s.find(impl);
    // A measured update keeps the model's gradient bookkeeping beside it (pytorch1; no row
    // measures it), as compose_measured does.
    bar.seconds[4] =
        update != m.update_measured_s.end() ? update->second + m.grad_bookkeeping_s : model[4];
    // How much of the bar is the model's: the conv and fc passes no row measured and the update
    // when it was not measured, in seconds; other-op passes the model stood in for, counted.
    double modelled_s = update != m.update_measured_s.end() ? m.grad_bookkeeping_s : model[4];
    for (const MeasuredRow& row : m.rows) {
      const auto it = row.measured_s.find(impl);
      bar.seconds[static_cast<std::size_t>(row.pass)] +=
          it != row.measured_s.end() ? it->second : row.model_s;
      if (it == row.measured_s.end()) modelled_s += row.model_s;
    }
    int modelled = 0;
    if (const auto it = m.unmeasured.find(impl); it != m.unmeasured.end()) modelled += it->second;
    if (const auto it = m.ops_unmeasured.find(impl); it != m.ops_unmeasured.end()) {
      modelled += it->second;
    }
    if (modelled > 0 || modelled_s > 0) {
      bar.note += " (" + fixed(100 * modelled_s / bar.total(), 0) + "% of it modelled";
      if (modelled > 0) bar.note += ", " + std::to_string(modelled) + " passes";
      bar.note += update != m.update_measured_s.end() ? ")" : ", the update among them)";
    }
    if (m.ops_from.at(impl) != impl) bar.note += " (other ops: " + m.ops_from.at(impl) + ")";
    chart.bars.push_back(bar);
  }
  return chart;
}

chart::RooflineChart comparison_overlay_chart(const MeasuredRun& baseline,
                                              const MeasuredRun& contender,
                                              const RunComparison& comparison,
                                              const std::string& baseline_label,
                                              const std::string& contender_label) {
  const Placement& model = baseline.iteration.model.placement;
  chart::RooflineChart chart;
  chart.title = baseline.network.name + " (batch " + std::to_string(baseline.network.batch) +
                "): " + contender_label + " against " + baseline_label;
  chart.subtitle = "Measured by bench_layers: " + baseline_label + " (" + baseline.context.path +
                   ", " + baseline.where() + ") in grey, " + contender_label + " (" +
                   contender.context.path + ", " + contender.where() +
                   ") in each implementation's colour; the layer-passes both measured.";
  chart.roofs.push_back(
      roof_lines(baseline.device, model.roof, baseline.caches, std::string(chart::kInkColour)));
  const bool other_roof = contender.machine.context.path != baseline.machine.context.path ||
                          contender.device.name != baseline.device.name;
  if (other_roof) {
    // Slate blue: neither the baseline's ink nor the grey of its points.
    chart.roofs.push_back(roof_lines(contender.device, contender.iteration.model.placement.roof,
                                     contender.caches, "#4a6fa5"));
  }
  chart.series_title = "run";
  chart.series.push_back(
      {baseline_label + " (baseline), every implementation", std::string(chart::kModelColour)});
  std::map<std::pair<std::string, Pass>, const PlacedPass*> rows;
  for (const PlacedPass& row : model.rows) rows[{row.layer, row.pass}] = &row;
  for (const PassChange& change : comparison.passes) {
    const PlacedPass& placed = *rows.at({change.layer, change.pass});
    chart.points.push_back(
        {0, 0, change.pass, placed.op == "conv1x1", placed.ai, placed.flops / change.baseline_s,
         change.layer + ", " + std::string(to_string(change.pass)) + ", " + change.impl + " in " +
             baseline_label + ": " + ms_text(change.baseline_s)});
  }
  for (const ImplChange& impl : comparison.impls) {
    const std::size_t series = chart.series.size();
    chart.series.push_back(
        {contender_label + ": " + impl.impl, std::string(chart::implementation_colour(impl.impl))});
    for (const PassChange& change : comparison.passes) {
      if (change.impl != impl.impl) continue;
      const PlacedPass& placed = *rows.at({change.layer, change.pass});
      chart.points.push_back(
          {series, other_roof ? std::size_t{1} : std::size_t{0}, change.pass,
           placed.op == "conv1x1", placed.ai, placed.flops / change.contender_s,
           change.layer + ", " + std::string(to_string(change.pass)) + ", " + change.impl + " in " +
               contender_label + ": " + ms_text(change.contender_s) + " against " +
               ms_text(change.baseline_s) + " (" + fixed(change.ratio(), 2) + "x the time)"});
    }
  }
  chart.above_memory_why =
      "bench_layers repeats each pass on the same buffers, so a layer whose tensors fit in the "
      "caches reads them from there, not DRAM";
  chart.above_compute_why =
      "the implementation executes fewer FLOPs than the direct count (a fast algorithm), or the "
      "clock ran above the one bench_roofs measured";
  return chart;
}

}  // namespace roof::report
