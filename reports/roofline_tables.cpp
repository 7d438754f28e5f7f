#include "reports/roofline_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "reports/table_format.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

// Long labels (they carry their sources) wrap under themselves, within 100 columns.
void write_roof(std::ostream& out, const Roof& roof) {
  const std::string indent(19, ' ');
  if (!roof.device_description.empty() && roof.device_description != roof.device) {
    out << "  device:          " << wrap(roof.device_description, 100, indent, indent.size())
        << "\n";
  }
  if (!roof.device_caveat.empty()) {
    out << "  caveat:          " << wrap(roof.device_caveat, 100, indent, indent.size()) << "\n";
  }
  out << "  compute ceiling: " << wrap(roof.compute_label, 100, indent, indent.size()) << "\n"
      << "  memory ceiling:  " << wrap(roof.memory_label, 100, indent, indent.size()) << "\n"
      << "  ridge point:     " << fixed(roof.ridge_point(), 2) << " FLOP/byte\n";
}

void write_setup(std::ostream& out, const Placement& p) {
  const std::string what = p.network + " (" + (p.dataset.empty() ? "descriptor file" : p.dataset) +
                           "), batch " + std::to_string(p.batch) + ", " +
                           std::string(to_string(p.dtype));
  if (p.model == TimeModel::achievable) {
    out << wrap(what + " on " + p.roof.device + ". Modelled, not measured: " + p.model_description +
                    ". Framework: " + p.framework +
                    (p.input_gradient ? "; the first layers' input gradient computed" : "") +
                    ". Bound: the roofline of the same algorithms (--model roofline for "
                    "bound-only times).",
                100, "")
        << "\n";
  } else {
    // An uncalibrated device under the achievable model: the description says which times are
    // bounds and which are not (a measured CPU's other ops at its STREAM copy rate).
    out << what << ", conv algorithm " << to_string(p.conv_algo) << " on " << p.roof.device
        << (p.model_description.empty()
                ? ". Modelled: roofline prediction from the device entry, not measured"
                : ". Modelled from the device entry, not measured")
        << (p.input_gradient ? "; the first layers' input gradient computed" : "") << ".\n";
    if (!p.model_description.empty()) out << wrap(p.model_description + ".", 100, "") << "\n";
  }
  write_roof(out, p.roof);
}

void write_achieved_rows(std::ostream& out, const Placement& p) {
  out << '\n'
      << row("%-30s %-10s %-11s %-17s %8s %9s %9s %9s %5s %-15s %6s\n", "layer", "op", "pass",
             "algorithm", "exec GF", "MB", "bound ms", "time ms", "eff", "loss", "share");
  for (const PlacedPass& r : p.rows) {
    const std::string algo = r.algorithm.empty() ? "-" : r.algorithm;
    const std::string loss =
        r.host_wait_s > r.seconds ? "host bound" : (r.achieved ? r.achieved->loss : "-");
    out << row("%-30s %-10s %-11s %-17s %8s %9s %9s %9s %4s%% %-15s %5s%%\n", r.layer.c_str(),
               r.op.c_str(), std::string(to_string(r.pass)).c_str(), algo.substr(0, 17).c_str(),
               fixed(r.executed_flops / 1e9, 3).c_str(), fixed(r.bytes / 1e6, 3).c_str(),
               ms(r.bound_seconds).c_str(), ms(r.seconds).c_str(),
               fixed(100 * r.efficiency(), 0).c_str(), loss.c_str(),
               fixed(100 * r.share, 2).c_str());
  }
  out << "\ntotal: " << ms(p.seconds) << " ms of GPU time for all layer-passes, plus "
      << (p.grad_bookkeeping.kernels > 0
              ? ms(p.grad_bookkeeping.seconds) + " ms in PyTorch 1.x's " +
                    std::to_string(p.grad_bookkeeping.kernels / 2) + " zero_grad fills and " +
                    std::to_string(p.grad_bookkeeping.kernels / 2) + " AccumulateGrad adds, plus "
              : std::string())
      << ms(p.host_idle_s) << " ms waiting on the host (" << fixed(p.dispatch_s * 1e6, 0)
      << " us per kernel); no optimizer update (see train). eff = bound / time. loss: the "
         "largest term the bound misses (fixed cost per call, tiles and waves, the fitted "
         "plateau, bandwidth), docs/metrics.md.\n";
}

}  // namespace

void write_devices_table(std::ostream& out, const std::vector<Device>& devices) {
  out << "Device catalogue (roofline/devices.json; `devices --format json` gives every source). "
         "* marks the clock a device runs at under load, the default of predictions.\n\n";
  out << row("%-16s %-28s %4s %15s %15s %9s %9s %6s %9s\n", "name", "aliases", "SMs", "clock MHz",
             "FP32 TFLOP/s", "FP16 TF", "DRAM GB/s", "GB", "sustained");
  for (const Device& d : devices) {
    std::string aliases;
    for (const std::string& a : d.aliases) aliases += (aliases.empty() ? "" : ", ") + a;
    if (aliases.size() > 28) aliases = aliases.substr(0, 25) + "...";
    const bool base_default = d.default_clock == Clock::base;
    const std::string clocks = (d.base_clock_mhz ? fixed(*d.base_clock_mhz, 0) : "?") +
                               (base_default ? "*" : "") + "/" + fixed(d.boost_clock_mhz, 0) +
                               (base_default ? "" : "*");
    const ClockedPeak& fp32 = d.peaks.at("fp32");
    const std::string fp32_text =
        (fp32.base ? fixed(*fp32.base, 2) : "-") + "/" + (fp32.boost ? fixed(*fp32.boost, 2) : "-");
    std::string half = "-";
    for (const char* key : {"tensor_fp16", "fp16"}) {
      if (d.peaks.count(key) && d.peaks.at(key).boost) {
        half = fixed(*d.peaks.at(key).boost, 1) + (std::string(key) == "fp16" ? "" : "T");
        break;
      }
    }
    std::string sustained;
    if (d.sustained_fp32_tflops) sustained += "F";
    if (d.sustained_dram_gbs) sustained += "M";
    out << row("%-16s %-28s %4d %15s %15s %9s %9s %6s %9s\n", d.name.c_str(), aliases.c_str(),
               d.sm_count, clocks.c_str(), fp32_text.c_str(), half.c_str(),
               fixed(d.dram_gbs, 0).c_str(), fixed(d.memory_gb, 0).c_str(),
               sustained.empty() ? "-" : sustained.c_str());
  }
  out << "\nFP32 at base/boost. FP16: non-tensor half2 rate, T = dense tensor-core FP16. "
         "sustained: F = a published FP32 measurement, M = a DRAM one.\n";
  // What predictions on an entry are known to miss, as the headings on it say.
  bool first = true;
  for (const Device& d : devices) {
    if (d.caveat.empty()) continue;
    if (first) out << "\nKnown misses, printed under the device in every text heading:\n";
    first = false;
    const std::string indent(4, ' ');
    out << "  " << wrap(d.name + ": " + d.caveat, 100, indent, 2) << "\n";
  }
}

void write_placement_table(std::ostream& out, const Placement& p) {
  write_setup(out, p);
  if (p.model == TimeModel::achievable) {
    write_achieved_rows(out, p);
    return;
  }
  out << '\n'
      << row("%-30s %-10s %-11s %-9s %11s %10s %8s %-7s %11s %10s %7s\n", "layer", "op", "pass",
             "algo", "GFLOP", "MB", "AI", "bound", "attain TF/s", "time ms", "share");
  for (const PlacedPass& r : p.rows) {
    const std::string algo = r.algorithm == "direct" ? "direct"
                             : r.algorithm.empty()   ? "-"
                                                     : "winograd";
    out << row("%-30s %-10s %-11s %-9s %11s %10s %8s %-7s %11s %10s %6s%%\n", r.layer.c_str(),
               r.op.c_str(), std::string(to_string(r.pass)).c_str(), algo.c_str(),
               fixed(r.flops / 1e9, 4).c_str(), fixed(r.bytes / 1e6, 3).c_str(),
               fixed(r.ai, 2).c_str(), std::string(to_string(r.bound)).c_str(),
               fixed(r.attainable_flops / 1e12, 3).c_str(), ms(r.seconds).c_str(),
               fixed(100 * r.share, 2).c_str());
  }
  out << "\ntotal: " << ms(p.seconds) << " ms for all layer-passes (no optimizer update; see "
      << "train). GFLOP are direct counts; Winograd rows execute 1/2.25 of them, so their "
         "effective rate can exceed the peak.\n";
}

void write_training_table(std::ostream& out, const TrainingPrediction& t) {
  write_setup(out, t.placement);
  out << "\n"
      << row("%-36s %10s %8s\n", "part of one iteration", "ms", "share")
      << row("%-36s %10s %7s%%\n", "forward", ms(t.fwd_s).c_str(),
             fixed(100 * t.fwd_s / t.iteration_s, 1).c_str())
      << row("%-36s %10s %7s%%\n", "backward data", ms(t.bwd_data_s).c_str(),
             fixed(100 * t.bwd_data_s / t.iteration_s, 1).c_str())
      << row("%-36s %10s %7s%%\n", "backward weights", ms(t.bwd_weights_s).c_str(),
             fixed(100 * t.bwd_weights_s / t.iteration_s, 1).c_str())
      << row("%-36s %10s %7s%%\n",
             t.placement.model == TimeModel::roofline ? "update (SGD momentum, memory-bound)"
                                                      : "update (SGD momentum)",
             ms(t.update_s).c_str(), fixed(100 * t.update_s / t.iteration_s, 1).c_str())
      << (t.grad_bookkeeping_s > 0
              ? row("%-36s %10s %7s%%\n", "zero_grad fill + AccumulateGrad add",
                    ms(t.grad_bookkeeping_s).c_str(),
                    fixed(100 * t.grad_bookkeeping_s / t.iteration_s, 1).c_str())
              : std::string())
      << (t.placement.model == TimeModel::achievable
              ? row("%-36s %10s %7s%%\n", "GPU waiting on the host", ms(t.host_idle_s).c_str(),
                    fixed(100 * t.host_idle_s / t.iteration_s, 1).c_str())
              : std::string())
      << row("%-36s %10s\n", "iteration", ms(t.iteration_s).c_str())
      << (t.update_in_reported && t.loss_in_reported
              ? std::string()
              : row("%-36s %10s\n",
                    t.loss_in_reported     ? "framework's time (no update)"
                    : t.update_in_reported ? "framework's time (no loss)"
                                           : "framework's time (no update, loss)",
                    ms(t.reported_s).c_str()))
      << "\n"
      << "epoch: " << t.images_per_epoch << " images = " << t.iterations_per_epoch
      << " iterations = " << duration(t.epoch_s) << "; " << t.epochs << " epoch"
      << (t.epochs == 1 ? "" : "s") << " = " << duration(t.total_s) << " (" << fixed(t.total_s, 1)
      << " s)\n"
      << (t.placement.model == TimeModel::achievable
              ? "GPU kernels and the framework's kernel launches: data loading and host-device "
                "copies are not modelled.\n"
              : "Compute only: data loading, host-device copies, kernel launches and framework "
                "overhead are not modelled.\n");
}

namespace {

// The answer, before any table: the speedup, what bounds it and the terms that make it up.
std::string answer_of(const Explanation& e) {
  const std::string& a = e.a.placement.roof.device;
  const std::string& b = e.b.placement.roof.device;
  const bool a_wins = e.speedup >= 1;
  std::string text = a + " against " + b + " on " + e.a.placement.network + " (" +
                     e.a.placement.dataset + ", batch " + std::to_string(e.a.placement.batch) +
                     ", " + std::string(to_string(e.a.placement.dtype)) +
                     (e.a.placement.model == TimeModel::achievable
                          ? ", achievable model"
                          : ", conv algorithm " + std::string(to_string(e.a.placement.conv_algo))) +
                     "): " + (a_wins ? a : b) + " is predicted " +
                     fixed(a_wins ? e.speedup : 1 / e.speedup, 2) + "x as fast as " +
                     (a_wins ? b : a) + " (" + ms(e.a.iteration_s) + " ms against " +
                     ms(e.b.iteration_s) + " ms per iteration). Modelled, not measured. ";
  const bool achievable =
      e.a.placement.model == TimeModel::achievable || e.b.placement.model == TimeModel::achievable;
  if (achievable) {
    const SpeedupTerms& t = e.terms;
    text += "The " + fixed(e.speedup, 2) + "x is the bounds' " + fixed(t.bound_ratio(), 2) +
            "x, times the efficiency ratio " + fixed(t.efficiency_a() / t.efficiency_b(), 2) +
            "x (" + a + " reaches " + fixed(100 * t.efficiency_a(), 0) + "% of its bounds, " + b +
            " " + fixed(100 * t.efficiency_b(), 0) + "%), times the overhead ratio " +
            fixed(e.overhead_b / e.overhead_a, 2) + "x. ";
  }
  text += model_mismatch(e);
  // What bounds it: the parts of B's time by the side of the ridge, largest first.
  const bool bookkeeping = e.a.grad_bookkeeping_s > 0 || e.b.grad_bookkeeping_s > 0;
  const char* what[] = {
      "compute bound on both", "memory bound on both", "between the two ridge points",
      bookkeeping ? "the optimizer update and the gradient bookkeeping" : "the optimizer update"};
  const double ratio[] = {e.peak_ratio, e.bandwidth_ratio, 0, e.bandwidth_ratio};
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < e.split.size() && i < 4; ++i) {
    if (e.split[i].passes > 0 && e.split[i].seconds_b / e.b.iteration_s >= 0.05) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return e.split[x].seconds_b > e.split[y].seconds_b;
  });
  std::string parts;
  for (const std::size_t i : order) {
    const TimeSplit& part = e.split[i];
    parts += (parts.empty() ? "" : "; ") + fixed(100 * part.seconds_b / e.b.iteration_s, 0) +
             "% is " + what[i] + ", " + fixed(part.speedup(), 2) + "x faster on " + a +
             (ratio[i] > 0 ? std::string(i == 0 ? " (peak ratio " : " (bandwidth ratio ") +
                                 fixed(ratio[i], 2) + "x)"
                           : std::string());
  }
  if (!parts.empty()) text += "Of " + b + "'s time, " + parts + ".";
  return text;
}

}  // namespace

void write_explanation(std::ostream& out, const Explanation& e,
                       const std::vector<std::string>& measurements) {
  const Roof& ra = e.a.placement.roof;
  const Roof& rb = e.b.placement.roof;
  const std::string a = ra.device;
  const std::string b = rb.device;
  out << wrap(answer_of(e), 100, "") << "\n";
  for (const std::string& m : measurements) out << wrap("Measured: " + m, 100, "") << "\n";
  out << "\nA = " << a << ":\n";
  write_roof(out, ra);
  out << "B = " << b << ":\n";
  write_roof(out, rb);
  out << "\n"
      << row("%-40s %12s %12s %9s\n", "", "A", "B", "A over B")
      << row("%-40s %12s %12s %8sx\n", "iteration (ms)", ms(e.a.iteration_s).c_str(),
             ms(e.b.iteration_s).c_str(), fixed(e.speedup, 2).c_str())
      << row("%-40s %12s %12s %8sx\n", "peak (TFLOP/s)", fixed(ra.peak_flops / 1e12, 2).c_str(),
             fixed(rb.peak_flops / 1e12, 2).c_str(), fixed(e.peak_ratio, 2).c_str())
      << row("%-40s %12s %12s %8sx\n", "DRAM bandwidth (GB/s)",
             fixed(ra.bandwidth / 1e9, 0).c_str(), fixed(rb.bandwidth / 1e9, 0).c_str(),
             fixed(e.bandwidth_ratio, 2).c_str())
      << row("%-40s %12s %12s\n", "ridge point (FLOP/byte)", fixed(ra.ridge_point(), 1).c_str(),
             fixed(rb.ridge_point(), 1).c_str())
      << "(A over B: how many times faster, or larger, A is; below 1 where B is ahead)\n";
  if (e.a.placement.model == TimeModel::achievable ||
      e.b.placement.model == TimeModel::achievable) {
    const SpeedupTerms& t = e.terms;
    out << "\n"
        << wrap("Why " + fixed(e.speedup, 2) + "x (" + e.a.placement.model_description + "; B: " +
                    e.b.placement.model_description + "): the product of the three rows below.",
                100, "")
        << "\n"
        << row("%-40s %12s %12s %9s\n", "", "A", "B", "A over B")
        << row("%-40s %12s %12s %8sx\n", "layer-passes at their bounds (ms)", ms(t.bound_a).c_str(),
               ms(t.bound_b).c_str(), fixed(t.bound_ratio(), 2).c_str())
        << row("%-40s %11s%% %11s%% %8sx\n", "efficiency: bounds / achieved GPU time",
               fixed(100 * t.efficiency_a(), 1).c_str(), fixed(100 * t.efficiency_b(), 1).c_str(),
               fixed(t.efficiency_a() / t.efficiency_b(), 2).c_str())
        << row("%-40s %11s%% %11s%%\n", "  of the GPU time, fixed costs per call",
               fixed(100 * t.fixed_a / t.gpu_a, 1).c_str(),
               fixed(100 * t.fixed_b / t.gpu_b, 1).c_str())
        << row("%-40s %12s %12s %8sx\n", "overhead: iteration / GPU time",
               fixed(e.overhead_a, 3).c_str(), fixed(e.overhead_b, 3).c_str(),
               fixed(e.overhead_b / e.overhead_a, 2).c_str())
        << row("%-40s %12s %12s\n", "clock (MHz)", fixed(ra.clock_mhz, 0).c_str(),
               fixed(rb.clock_mhz, 0).c_str())
        << "(overhead: the update, PyTorch 1.x's gradient zeroing where the recipe has it, and "
           "the GPU's wait\non the host; bound x efficiency x overhead = the speedup)\n";
  }
  out << "\n"
      << row("%-40s %7s %11s %11s %8s %9s\n", "layer-passes", "count", "A ms", "B ms", "of B",
             "A over B");
  for (const TimeSplit& s : e.split) {
    out << row("%-40s %7d %11s %11s %7s%% %8s%s\n", s.group.c_str(), s.passes,
               ms(s.seconds_a).c_str(), ms(s.seconds_b).c_str(),
               fixed(100 * s.seconds_b / e.b.iteration_s, 1).c_str(),
               s.passes ? fixed(s.speedup(), 2).c_str() : "-", s.passes ? "x" : "");
  }
  out << "\nlayers that add most to the difference (all passes; fwd bound on A/B; equal layers "
         "share a row)\n"
      << row("%-34s %-10s %-17s %11s %11s %9s\n", "layer", "op", "bound A/B", "A ms", "B ms",
             "of diff");
  for (const Contributor& c : e.top_contributors) {
    const std::string bounds =
        std::string(to_string(c.bound_a)) + "/" + std::string(to_string(c.bound_b));
    std::string layer = c.layer;
    if (c.alike.size() == 1) {
      layer += ", " + c.alike[0];
    } else if (c.alike.size() > 1) {
      layer += " +" + std::to_string(c.alike.size()) + " alike";
    }
    out << row("%-34s %-10s %-17s %11s %11s %8s%%\n", layer.c_str(), c.op.c_str(), bounds.c_str(),
               ms(c.seconds_a).c_str(), ms(c.seconds_b).c_str(),
               fixed(100 * c.share_of_difference, 1).c_str());
  }
  out << "\nthe seed's argument: convolutions by window (all passes)\n"
      << row("%-46s %6s %11s %10s %10s %9s\n", "group", "layers", "AI FLOP/B", "A ms", "B ms",
             "A over B");
  for (const WindowGroup& w : e.windows) {
    out << row("%-46s %6d %11s %10s %10s %8s%s\n", w.group.c_str(), w.layers,
               fixed(w.ai(), 2).c_str(), ms(w.seconds_a).c_str(), ms(w.seconds_b).c_str(),
               w.layers ? fixed(w.speedup(), 2).c_str() : "-", w.layers ? "x" : "");
  }
  out << "\n" << wrap(e.paragraph, 100, "") << "\n";
}

void write_measured_training(std::ostream& out, const MeasuredIteration& m) {
  write_training_table(out, m.model);
  out << "\n"
      << wrap("Measured: the passes timed by bench_layers on " + m.machine +
                  ", per implementation, conv and fc listed below. 'of bound' = the model's "
                  "time on " +
                  m.model.placement.roof.device +
                  " (the roofline bound above) over the measured time; it means something when "
                  "that device is the machine that was measured (--roofs).",
              100, "")
      << "\n\n";
  std::string heading = row("%-30s %-11s %10s", "layer", "pass", "model ms");
  for (const std::string& impl : m.impls) {
    heading += row(" %12s %8s", (impl + " ms").c_str(), "of bound");
  }
  out << heading << '\n';
  for (const MeasuredRow& r : m.rows) {
    std::string line = row("%-30s %-11s %10s", r.layer.c_str(),
                           std::string(to_string(r.pass)).c_str(), ms(r.model_s).c_str());
    for (const std::string& impl : m.impls) {
      const auto it = r.measured_s.find(impl);
      if (it == r.measured_s.end()) {
        line += row(" %12s %8s", "-", "-");
      } else {
        line += row(" %12s %7s%%", ms(it->second).c_str(),
                    fixed(100 * r.model_s / it->second, 1).c_str());
      }
    }
    out << line << '\n';
  }
  out << "\niteration composed from the measurements (the other ops' " << m.ops_passes
      << " passes and the update measured where a row has them; the model has "
      << ms(m.modelled_other_s) << " ms for those ops and " << ms(m.update_s)
      << " ms for the update"
      << (m.grad_bookkeeping_s > 0
              ? "; PyTorch 1.x's gradient zeroing, " + ms(m.grad_bookkeeping_s) +
                    " ms, is the model's in every iteration"
              : std::string())
      << "):\n";
  for (const std::string& impl : m.impls) {
    const auto missing = m.unmeasured.find(impl);
    const auto ops_missing = m.ops_unmeasured.find(impl);
    const int ops_modelled = ops_missing == m.ops_unmeasured.end() ? 0 : ops_missing->second;
    out << row("  %-10s %12s ms = %6sx the model's %s ms", impl.c_str(),
               ms(m.iteration_s.at(impl)).c_str(),
               fixed(m.iteration_s.at(impl) / m.model.iteration_s, 2).c_str(),
               ms(m.model.iteration_s).c_str());
    out << "; other ops " << ms(m.ops_s.at(impl)) << " ms"
        << (m.ops_from.at(impl) == impl ? std::string() : " by " + m.ops_from.at(impl));
    if (const auto it = m.ops_borrowed.find(impl); it != m.ops_borrowed.end()) {
      out << " (" << it->second << " of their passes by direct)";
    }
    if (ops_modelled > 0) out << " (" << ops_modelled << " of their passes modelled)";
    if (const auto it = m.update_measured_s.find(impl); it != m.update_measured_s.end()) {
      out << "; update " << ms(it->second) << " ms"
          << (m.update_from.at(impl) == impl ? std::string() : " by " + m.update_from.at(impl));
    } else {
      out << "; update modelled";
    }
    if (missing != m.unmeasured.end()) {
      out << " (" << missing->second << " conv/fc passes not measured: model used)";
    }
    out << '\n';
  }
}

}  // namespace roof
