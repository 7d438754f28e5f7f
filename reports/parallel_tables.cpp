#include "reports/parallel_tables.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "reports/table_format.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

std::string megabytes(double bytes) {
  return fixed(bytes / 1e6, bytes < 1e6 ? 3 : 1);
}

std::string label(const std::string& name, const std::string& text) {
  const std::string indent(12, ' ');
  return row("  %-9s ", name.c_str()) + wrap(text, 100, indent, indent.size()) + "\n";
}

std::string gpus_text(const ParallelPrediction& p) {
  return std::to_string(p.gpus) + " x " + p.roof.device +
         (p.nodes > 1 ? " (" + std::to_string(p.gpus_per_node) + " per node on " +
                            std::to_string(p.nodes) + " nodes)"
          : p.gpus > 1 ? " in one node"
                       : "");
}

// How the gradients are exchanged; model parallelism exchanges none.
std::string allreduce_text(const ParallelPrediction& p) {
  if (p.strategy == Strategy::model) return "none (model parallelism exchanges activations only)";
  return std::string(to_string(p.algo)) + (p.overlap
                                               ? ", overlapped with backward in buckets"
                                               : ", one all-reduce after backward (no overlap)");
}

std::string batch_text(const ParallelPrediction& p) {
  std::string text = std::to_string(p.per_gpu_batch) + " per GPU, " +
                     std::to_string(p.global_batch) + " per iteration (" +
                     (p.strong_scaling ? "strong" : "weak") + " scaling";
  if (p.strategy == Strategy::model) text += "; every GPU runs the whole batch on its channels";
  if (p.strategy == Strategy::owt) {
    text += "; the fc layers run all " + std::to_string(p.global_batch) + " images";
  }
  return text + "); speedup against one GPU at batch " + std::to_string(p.baseline_batch);
}

}  // namespace

void write_parallel_table(std::ostream& out, const ParallelPrediction& p) {
  out << wrap(p.network + " on " + gpus_text(p) + ", strategy " +
                  std::string(to_string(p.strategy)) +
                  ". Modelled: one GPU's compute from the device entry, every collective from "
                  "the links below, whose labels say whether they are catalogue entries or "
                  "measured (docs/cluster.md); the iteration itself is not measured.",
              100, "")
      << "\n";
  out << label("compute", p.roof.compute_label) << label("memory", p.roof.memory_label);
  if (!p.roof.device_caveat.empty()) out << label("caveat", p.roof.device_caveat);
  if (p.gpus > 1) {
    out << label("GPU link", p.fabric.gpu_link.label);
    if (p.nodes > 1) out << label("node link", p.fabric.node_link.label);
  }
  out << label("batch", batch_text(p));
  out << label("all-reduce", allreduce_text(p));
  const double it = p.iteration_s;
  auto share = [&](double s) { return fixed(100 * s / it, 1); };
  out << "\n"
      << row("%-44s %12s %8s\n", "one GPU, one iteration", "ms", "share")
      << row("%-44s %12s %7s%%\n", "compute: forward", ms(p.fwd_s).c_str(), share(p.fwd_s).c_str())
      << row("%-44s %12s %7s%%\n", "compute: backward", ms(p.bwd_s).c_str(), share(p.bwd_s).c_str())
      << row("%-44s %12s %7s%%\n", "compute: update (SGD momentum)", ms(p.update_s).c_str(),
             share(p.update_s).c_str())
      << (p.grad_bookkeeping_s > 0
              ? row("%-44s %12s %7s%%\n", "compute: zero_grad fill + AccumulateGrad add",
                    ms(p.grad_bookkeeping_s).c_str(), share(p.grad_bookkeeping_s).c_str())
              : std::string())
      << (p.host_idle_s > 0 ? row("%-44s %12s %7s%%\n", "compute: GPU waiting on the host",
                                  ms(p.host_idle_s).c_str(), share(p.host_idle_s).c_str())
                            : std::string())
      << row("%-44s %12s %7s%%\n", "communication, exposed (not overlapped)",
             ms(p.exposed_comm_s).c_str(), share(p.exposed_comm_s).c_str())
      << row("%-44s %12s\n", "iteration", ms(it).c_str())
      << row("%-44s %12s\n", "communication, all of it (overlapped or not)", ms(p.comm_s).c_str())
      << "\n"
      << "gradients all-reduced per iteration: " << megabytes(p.gradient_bytes)
      << " MB; activations gathered and scattered: " << megabytes(p.activation_bytes) << " MB\n"
      << "throughput: " << fixed(p.images_per_s, 1) << " images/s; one GPU alone "
      << fixed(p.baseline_images_per_s, 1) << " images/s (" << ms(p.baseline_iteration_s)
      << " ms per iteration)\n"
      << "speedup: " << fixed(p.speedup, 2) << "x on " << p.gpus << " GPU"
      << (p.gpus == 1 ? "" : "s") << ", scaling efficiency " << fixed(100 * p.efficiency, 1)
      << "%\n"
      << "epoch: " << p.images_per_epoch << " images = " << p.iterations_per_epoch
      << " iterations = " << duration(p.epoch_s) << "; " << p.epochs << " epoch"
      << (p.epochs == 1 ? "" : "s") << " = " << duration(p.total_s) << " (" << fixed(p.total_s, 1)
      << " s)\n";
  if (!p.comm.empty()) {
    std::vector<CommStep> steps = p.comm;
    std::stable_sort(steps.begin(), steps.end(), [](const CommStep& a, const CommStep& b) {
      return a.cost.seconds > b.cost.seconds;
    });
    const std::size_t shown = std::min<std::size_t>(steps.size(), 8);
    out << "\ncollectives per iteration"
        << (shown < steps.size() ? ", the 8 longest of " + std::to_string(steps.size())
                                 : std::string())
        << " (--format json lists all)\n"
        << row("%-30s %-14s %-5s %10s %10s %10s %10s\n", "what", "collective", "algo", "MB", "ms",
               "exposed ms", "busbw GB/s");
    for (std::size_t i = 0; i < shown; ++i) {
      const CommStep& s = steps[i];
      // Host staging is no NCCL collective: nccl-tests' bus bandwidth does not apply.
      const std::string busbw =
          s.cost.algo == CollectiveAlgo::host
              ? "-"
              : fixed(s.cost.algorithm_bandwidth() * bus_factor(s.cost.collective, p.gpus) / 1e9,
                      1);
      out << row("%-30s %-14s %-5s %10s %10s %10s %10s\n", s.what.substr(0, 30).c_str(),
                 std::string(to_string(s.cost.collective)).c_str(),
                 std::string(to_string(s.cost.algo)).c_str(), megabytes(s.cost.bytes).c_str(),
                 ms(s.cost.seconds).c_str(), ms(s.exposed_s).c_str(), busbw.c_str());
    }
  }
  out << (!p.host_timeline
              ? "GPU compute and NCCL collectives only: data loading, host-device copies of the "
                "input,\nkernel launches and the framework are not modelled.\n"
              : "GPU compute, the framework recipe's kernel launches and NCCL collectives: data "
                "loading and\nhost-device copies of the input are not modelled.\n");
}

void write_parallel_sweep(std::ostream& out, const std::vector<ParallelPrediction>& rows) {
  if (rows.empty()) return;
  const ParallelPrediction& first = rows.front();
  out << wrap(
             first.network + " on " + first.roof.device + ", strategy " +
                 std::string(to_string(first.strategy)) + ", " +
                 (first.strong_scaling
                      ? "strong scaling (global batch " + std::to_string(first.baseline_batch) + ")"
                      : "weak scaling (batch " + std::to_string(first.baseline_batch) +
                            (first.strategy == Strategy::model ? " on all the GPUs together)"
                                                               : " per GPU)")) +
                 ", all-reduce " + allreduce_text(first) +
                 ". Modelled (docs/cluster.md); not measured.",
             100, "")
      << "\n"
      << label("compute", first.roof.compute_label) << label("memory", first.roof.memory_label);
  if (!first.roof.device_caveat.empty()) out << label("caveat", first.roof.device_caveat);
  std::string links;
  for (const ParallelPrediction& p : rows) {
    for (const LinkRate* l : {&p.fabric.gpu_link, &p.fabric.node_link}) {
      if (l == &p.fabric.node_link && p.nodes == 1) continue;
      if (p.gpus == 1 || links.find(l->label) != std::string::npos) continue;
      out << label("link", l->label);
      links += l->label;
    }
  }
  out << "\n"
      << row("%5s %8s %4s %5s %6s %8s %8s %8s %8s %8s %7s %4s %9s\n", "nodes", "per node", "GPUs",
             "batch", "global", "compute", "comm", "exposed", "iter", "images/s", "speedup", "eff",
             first.epochs == 1 ? "epoch" : "run");
  for (const ParallelPrediction& p : rows) {
    out << row("%5d %8d %4d %5lld %6lld %8s %8s %8s %8s %8s %6sx %3s%% %9s\n", p.nodes,
               p.gpus_per_node, p.gpus, static_cast<long long>(p.per_gpu_batch),
               static_cast<long long>(p.global_batch), ms(p.compute_s).c_str(),
               ms(p.comm_s).c_str(), ms(p.exposed_comm_s).c_str(), ms(p.iteration_s).c_str(),
               fixed(p.images_per_s, 0).c_str(), fixed(p.speedup, 2).c_str(),
               fixed(100 * p.efficiency, 0).c_str(), duration(p.total_s).c_str());
  }
  out << "times in ms per iteration; batch: per GPU; compute: one GPU's fwd + bwd + update;\n"
      << "speedup over one GPU at batch " << first.baseline_batch << "; eff = speedup / GPUs; "
      << (first.epochs == 1 ? "epoch" : "run") << ": " << first.images_per_epoch << " images"
      << (first.epochs == 1 ? "" : " x " + std::to_string(first.epochs) + " epochs") << ".\n";
}

void write_parallel_explanation(std::ostream& out, const ParallelExplanation& e) {
  const ParallelPrediction& last = e.outcomes.back().prediction;
  out << wrap("Why the strategies differ: " + last.network + " on " + gpus_text(last) +
                  ". Modelled (docs/cluster.md); the measured column is what the user gave.",
              100, "")
      << "\n"
      << label("compute", last.roof.compute_label) << label("memory", last.roof.memory_label)
      << label("GPU link", last.fabric.gpu_link.label);
  if (last.nodes > 1) out << label("node link", last.fabric.node_link.label);
  if (!last.roof.device_caveat.empty()) out << label("caveat", last.roof.device_caveat);
  out << label("batch", std::to_string(last.baseline_batch) +
                            (last.strong_scaling ? " images per iteration in all"
                                                 : " images per iteration per GPU") +
                            " under data and owt (owt's fc layers run the global batch); "
                            "model: every GPU runs the whole batch of " +
                            std::to_string(last.baseline_batch) + " on its channels")
      << label("all-reduce", std::string(to_string(last.algo)) +
                                 (last.overlap ? ", overlapped with backward" : ", after backward"))
      << "\n"
      << row("%-6s %5s %10s %8s %10s %8s %7s %9s %10s %9s %7s\n", "", "batch", "compute ms",
             "comm ms", "exposed ms", "iter ms", "speedup", "epoch s", "+unmodeled", "measured",
             "error");
  for (const StrategyOutcome& o : e.outcomes) {
    const ParallelPrediction& p = o.prediction;
    std::string error = "-";
    if (o.measured_epoch_s && o.predicted_epoch_s) {
      const double rel = (*o.predicted_epoch_s - *o.measured_epoch_s) / *o.measured_epoch_s;
      error = rel >= 0 ? "+" : "";
      error.append(fixed(100 * rel, 1)).append("%");
    }
    out << row("%-6s %5lld %10s %8s %10s %8s %6sx %9s %10s %9s %7s\n", o.name.c_str(),
               static_cast<long long>(p.per_gpu_batch), ms(p.compute_s).c_str(),
               ms(p.comm_s).c_str(), ms(p.exposed_comm_s).c_str(), ms(p.iteration_s).c_str(),
               fixed(p.speedup, 2).c_str(), fixed(p.epoch_s, 1).c_str(),
               o.predicted_epoch_s ? fixed(*o.predicted_epoch_s, 1).c_str() : "-",
               o.measured_epoch_s ? fixed(*o.measured_epoch_s, 1).c_str() : "-", error.c_str());
  }
  out << "batch: images per GPU; epoch: " << last.images_per_epoch
      << " images; +unmodeled: the model's epoch plus the measured\none-GPU epoch's time outside "
         "the model.\n\n"
      << wrap(e.paragraph, 100, "") << "\n";
}

void write_interconnects_table(std::ostream& out, const std::vector<Interconnect>& links) {
  out << "Interconnect catalogue (roofline/interconnects.json; `interconnects --format json` "
         "gives every\nsource). GB/s per direction, per GPU for GPU links, per node for node "
         "links.\n\n"
      << row("%-12s %-5s %12s %12s %10s  %s\n", "name", "scope", "theoretical", "achieved",
             "step us", "description");
  for (const Interconnect& l : links) {
    const std::string desc =
        l.description.size() > 44 ? l.description.substr(0, 41) + "..." : l.description;
    out << row("%-12s %-5s %12s %12s %10s  %s\n", l.name.c_str(),
               std::string(to_string(l.scope)).c_str(), fixed(l.theoretical_gbs, 2).c_str(),
               fixed(l.achieved_gbs, 2).c_str(), fixed(l.latency_us, 1).c_str(), desc.c_str());
  }
  out << "\ntheoretical: the specification; achieved: a measured transfer or NCCL bus bandwidth "
         "(its source\nsays which; --ceilings sustained uses it); step: one step of a ring "
         "(NCCL's own model).\n";
}

}  // namespace roof
