#include "reports/scaling_section.hpp"

#include <algorithm>
#include <set>

#include "networks/dtype.hpp"
#include "reports/chart_data.hpp"
#include "reports/chart_style.hpp"
#include "support/text_format.hpp"

namespace roof::report {
namespace {

constexpr Strategy kStrategies[] = {Strategy::data, Strategy::model, Strategy::owt};

std::string legend_of(Strategy strategy) {
  switch (strategy) {
    case Strategy::data:
      return "data parallel";
    case Strategy::model:
      return "model parallel";
    case Strategy::owt:
      return "one weird trick (owt)";
  }
  return std::string(to_string(strategy));
}

std::string gpus_text(int gpus) {
  return std::to_string(gpus) + (gpus == 1 ? " GPU" : " GPUs");
}

std::string ms(double seconds) {
  return fixed(1e3 * seconds, 1);
}

std::string mb(double bytes) {
  return fixed(bytes / 1e6, 1) + " MB";
}

std::string speedup(double value) {
  return fixed(value, 2) + "x";
}

std::string percent(double fraction) {
  return fixed(100 * fraction, 0) + "%";
}

// "1, 2, 4 and 8".
std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

// "pcie2, theoretical 8 GB/s per direction, 5.7 us per step": a link's label without its source.
std::string short_label(const LinkRate& link) {
  return link.label.substr(0, link.label.find(" ("));
}

// The GPU links of the predictions with more than one GPU: one, or which at how many GPUs.
std::string links_text(const std::vector<ParallelPrediction>& row, bool with_sources) {
  std::vector<std::pair<std::string, std::vector<std::string>>> links;
  for (const ParallelPrediction& p : row) {
    if (p.gpus < 2) continue;
    const std::string text =
        with_sources ? p.fabric.gpu_link.label : short_label(p.fabric.gpu_link);
    auto it =
        std::find_if(links.begin(), links.end(), [&](const auto& l) { return l.first == text; });
    if (it == links.end()) {
      links.push_back({text, {std::to_string(p.gpus)}});
    } else {
      it->second.push_back(std::to_string(p.gpus));
    }
  }
  if (links.size() == 1) return links.front().first;
  std::vector<std::string> parts;
  for (const auto& [text, counts] : links)
    parts.push_back(text + " at " + listed(counts) + " GPUs");
  return listed(parts);
}

std::string setup_text(const ParallelPrediction& p, const Network& network,
                       const TrainingOptions& options) {
  return p.network + " (" +
         (network.dataset ? std::string(to_string(*network.dataset)) : "descriptor file") +
         ", batch " + std::to_string(p.per_gpu_batch) + " per GPU, " +
         std::string(to_string(options.placement.roof.dtype)) + ", " +
         std::string(to_string(options.placement.conv_algo)) + " convolution)";
}

std::string clock_text(const Roof& roof) {
  return clock_phrase(roof) + ", " + std::string(to_string(roof.ceilings)) + " ceilings";
}

std::string point_tooltip(const ParallelPrediction& p) {
  return legend_of(p.strategy) + " on " + std::to_string(p.gpus) + " x " + p.roof.device +
         ", modelled: iteration " + ms(p.iteration_s) + " ms (compute " + ms(p.compute_s) +
         " ms, communication waited for " + ms(p.exposed_comm_s) + " ms), " +
         fixed(p.images_per_s, 0) + " images/s, speedup " + speedup(p.speedup) + ", efficiency " +
         percent(p.efficiency);
}

const ParallelPrediction* prediction_at(const std::vector<std::vector<ParallelPrediction>>& all,
                                        const std::string& line, int gpus) {
  for (const auto& row : all) {
    if (row.empty() || std::string(to_string(row.front().strategy)) != line) continue;
    for (const ParallelPrediction& p : row) {
      if (p.gpus == gpus) return &p;
    }
  }
  return nullptr;
}

// The measured speedups beside the model's for the same line and GPU count, at the most GPUs
// both have: "6.25x measured, 7.41x modelled on 8 GPUs (+19%)".
struct Comparison {
  const chart::ScalingPoint* measured = nullptr;
  const ParallelPrediction* model = nullptr;
};
Comparison at_most_gpus(const std::vector<std::vector<ParallelPrediction>>& all,
                        const chart::MeasuredScaling& m) {
  Comparison best;
  for (const chart::ScalingPoint& point : m.points) {
    const ParallelPrediction* model = prediction_at(all, m.line, point.gpus);
    if (model && (!best.measured || point.gpus > best.measured->gpus)) best = {&point, model};
  }
  return best;
}

std::string miss_text(const Comparison& c) {
  const double miss = c.model->speedup / c.measured->speedup - 1;
  return std::string(miss >= 0 ? "+" : "") + fixed(100 * miss, 0) + "%";
}

// What the chart shows, in the predictions' own numbers.
std::string reading(const std::vector<std::vector<ParallelPrediction>>& all,
                    const std::vector<chart::MeasuredScaling>& measured, DType dtype) {
  const ParallelPrediction& data = all.at(0).back();
  const ParallelPrediction& model = all.at(1).back();
  const ParallelPrediction& owt = all.at(2).back();
  const ParallelPrediction& one = all.at(0).front();
  const double element = static_cast<double>(element_bytes(dtype));
  const auto millions = [&](double bytes) { return fixed(bytes / element / 1e6, 1) + " M"; };
  std::string text =
      "On " + std::to_string(data.gpus) + " " + data.roof.device + " joined by " +
      data.fabric.gpu_link.name + ", data parallel all-reduces the gradients of all " +
      millions(data.gradient_bytes) + " parameters (" + mb(data.gradient_bytes) +
      ") after every backward pass: the GPUs wait " + ms(data.exposed_comm_s) + " ms for it in a " +
      ms(data.iteration_s) + " ms iteration, a speedup of " + speedup(data.speedup) + " (" +
      percent(data.efficiency) + " efficiency). The one weird trick all-reduces only the " +
      "convolutions' " + millions(owt.gradient_bytes) + " parameters (" + mb(owt.gradient_bytes) +
      ") and moves the fc layers' activations instead (" + mb(owt.activation_bytes) +
      " gathered forward and scattered backward): " + ms(owt.exposed_comm_s) + " ms, " +
      speedup(owt.speedup) + " (" + percent(owt.efficiency) +
      "). Model parallel runs the whole batch on a slice of every layer's channels: " +
      ms(model.compute_s) + " ms of compute per GPU instead of " + ms(one.compute_s) +
      " ms on one, but " + ms(model.exposed_comm_s) +
      " ms gathering the activations of the layers that read every " + "channel (" +
      mb(model.activation_bytes) + "), " + speedup(model.speedup) + " (" +
      percent(model.efficiency) + ").";
  for (const chart::MeasuredScaling& m : measured) {
    std::vector<std::string> values;
    std::vector<std::string> modelled;
    std::vector<std::string> counts;
    for (const chart::ScalingPoint& point : m.points) {
      const ParallelPrediction* p = prediction_at(all, m.line, point.gpus);
      if (!p) continue;
      values.push_back(speedup(point.speedup));
      modelled.push_back(speedup(p->speedup));
      counts.push_back(std::to_string(point.gpus));
    }
    const Comparison c = at_most_gpus(all, m);
    if (!c.measured) continue;
    text += " The markers, " + m.label + ": " + listed(values) + " on " + listed(counts) +
            " GPUs, where the model's " + m.line + " line gives " + listed(modelled) + "; on " +
            gpus_text(c.measured->gpus) + " the model is " + miss_text(c) +
            " off the measurement (docs/validation.md discusses why).";
  }
  return text +
         " The model counts GPU compute and NCCL collectives only: data loading, host-device "
         "copies of the input, kernel launches and the framework are not in it; where those "
         "grow with the GPUs (one PCIe root shared by several GPUs, one CPU feeding them all), "
         "a measured speedup falls below the model's.";
}

}  // namespace

chart::MeasuredScaling seed_owt_scaling() {
  struct Row {
    int gpus;
    const char* batch;
    const char* hours;
    double speedup;
  };
  // GPUs, batch (conv layers, fc layers), training time, speedup over one GPU's 98.05 h.
  static constexpr Row rows[] = {{2, "(256, 256)", "50.24", 1.95},
                                 {4, "(512, 512)", "26.20", 3.74},
                                 {8, "(1024, 1024)", "15.68", 6.25}};
  chart::MeasuredScaling m;
  m.label = "measured (seed 002: Krizhevsky 2014, One weird trick, 8 x K20)";
  m.line = "owt";
  for (const Row& r : rows) {
    m.points.push_back(
        {r.gpus, r.speedup,
         "measured by Krizhevsky (2014, \"One weird trick for parallelizing convolutional neural "
         "networks\"), quoted in seed 002's table: AlexNet on " +
             std::to_string(r.gpus) + " GPUs, batch " + r.batch + ", " + r.hours +
             " h against 98.05 h on one GPU: " + fixed(r.speedup, 2) + "x"});
  }
  return m;
}

std::vector<std::vector<ParallelPrediction>> predict_scaling(const ScalingSetup& setup,
                                                             const TrainingOptions& options,
                                                             const InterconnectCatalogue& links) {
  std::vector<std::vector<ParallelPrediction>> out;
  const Ceilings ceilings = options.placement.roof.ceilings;
  for (const Strategy strategy : kStrategies) {
    std::vector<ParallelPrediction> row;
    for (const int gpus : setup.gpus) {
      ParallelOptions parallel;
      parallel.training = options;
      parallel.gpus_per_node = gpus;
      parallel.nodes = 1;
      parallel.strategy = strategy;
      parallel.algo = CollectiveAlgo::automatic;
      parallel.overlap = false;
      row.push_back(predict_parallel(setup.network, setup.device,
                                     links.fabric_for(setup.device, gpus, 1, ceilings), parallel));
    }
    out.push_back(std::move(row));
  }
  return out;
}

chart::ScalingChart scaling_chart(const std::vector<std::vector<ParallelPrediction>>& predictions,
                                  const std::vector<chart::MeasuredScaling>& measured) {
  chart::ScalingChart chart;
  const ParallelPrediction& first = predictions.at(0).at(0);
  const ParallelPrediction& last = predictions.at(0).back();
  chart.title = first.network + " on 1 to " + std::to_string(last.gpus) + " " + first.roof.device +
                ": speedup by strategy, modelled" +
                (measured.empty() ? "" : " (lines) and measured (markers)");
  chart.subtitle = "Lines modelled, not measured: the catalogue entry " + first.roof.device +
                   " at its " + clock_text(first.roof) + "; GPUs in one node joined by " +
                   links_text(predictions.at(0), false) + " (interconnect catalogue); " +
                   first.network + ", batch " + std::to_string(first.per_gpu_batch) +
                   " per GPU (weak scaling), one gradient all-reduce after backward (auto, no "
                   "overlap).";
  if (measured.empty()) {
    chart.subtitle += " No measured points.";
  } else {
    std::vector<std::string> who;
    for (const chart::MeasuredScaling& m : measured) who.push_back(m.label);
    chart.subtitle += " Markers quoted, not run here: " + listed(who) + ".";
  }
  for (std::size_t s = 0; s < predictions.size(); ++s) {
    const std::vector<ParallelPrediction>& row = predictions[s];
    chart::ScalingLine line;
    line.name = std::string(to_string(row.at(0).strategy));
    line.legend = legend_of(row.at(0).strategy);
    line.colour = std::string(chart::series_colour(s));
    for (const ParallelPrediction& p : row) {
      line.points.push_back({p.gpus, p.speedup, point_tooltip(p)});
    }
    chart.lines.push_back(std::move(line));
  }
  chart.measured = measured;
  chart.notes.push_back(
      "Modelled: GPU compute and NCCL collectives only; data loading, host-device copies of the "
      "input, kernel launches and the framework are not. Speedup: images per second against "
      "one GPU at the same batch per GPU.");
  for (const chart::MeasuredScaling& m : measured) {
    const Comparison c = at_most_gpus(predictions, m);
    if (!c.measured) continue;
    chart.notes.push_back("Markers, " + m.label + ": " + speedup(c.measured->speedup) + " on " +
                          gpus_text(c.measured->gpus) + " against the model's " +
                          speedup(c.model->speedup) + " for " + m.line + " (" + miss_text(c) +
                          ").");
  }
  return chart;
}

Section scaling_section(const ScalingSetup& setup, const TrainingOptions& options) {
  const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  const auto predictions = predict_scaling(setup, options, links);
  const ParallelPrediction& one = predictions.at(0).at(0);
  std::vector<std::string> counts;
  for (const int g : setup.gpus) counts.push_back(std::to_string(g));
  std::vector<std::string> who;
  for (const chart::MeasuredScaling& m : setup.measured) who.push_back(m.label);

  Section s{"scaling", "Scaling on several GPUs", 2, {}};
  s.blocks.push_back(Paragraph{
      "Modelled: " + setup_text(one, setup.network, options) + " on " + listed(counts) + " " +
      one.roof.device +
      " in one node under each strategy of `roofline train --strategy` (docs/cluster.md): data "
      "parallel, model parallel (every layer's channels split over the GPUs) and Krizhevsky's "
      "one weird trick (owt: the convolutions data parallel, the fc layers model parallel over "
      "the whole batch). Weak scaling: every GPU runs " +
      std::to_string(one.per_gpu_batch) +
      " images per iteration, and the speedup is images per second against one GPU at " +
      std::to_string(one.baseline_batch) +
      ". The gradients are all-reduced once after backward (auto: the faster of ring and tree "
      "for each message, as NCCL's tuner picks; no overlap). Compute: " +
      one.roof.compute_label + ". GPU link: " + links_text(predictions.at(0), true) + ". " +
      (one.roof.device_caveat.empty() ? std::string()
                                      : "Caveat: " + one.roof.device_caveat + ". ") +
      (who.empty() ? std::string("No markers: the report knows no measured speedups of this "
                                 "network on this device.")
                   : "Markers: " + listed(who) + ", quoted, not run here.")});
  const std::string file =
      "scaling-" + slug(setup.network.name) + "-" + slug(one.roof.device) + ".svg";
  const chart::ScalingChart chart = scaling_chart(predictions, setup.measured);
  s.blocks.push_back(Figure{
      "figure-" + file.substr(0, file.size() - 4), file, chart::render_scaling(chart),
      "Lines modelled: " + one.network + " on 1 to " + counts.back() + " " + one.roof.device +
          " by strategy; markers measured: " + (who.empty() ? std::string("none") : listed(who)) +
          ".",
      chart::scaling_data_csv(chart)});
  Table table{{"GPUs", "strategy", "iteration ms", "compute ms", "exposed communication ms",
               "speedup", "efficiency"},
              {},
              {true, false, true, true, true, true, true}};
  table.rows.push_back({"1", "one GPU (every strategy)", ms(one.iteration_s), ms(one.compute_s),
                        ms(one.exposed_comm_s), speedup(one.speedup), percent(one.efficiency)});
  for (std::size_t g = 0; g < setup.gpus.size(); ++g) {
    for (const auto& row : predictions) {
      const ParallelPrediction& p = row.at(g);
      if (p.gpus == 1) continue;
      table.rows.push_back({std::to_string(p.gpus), legend_of(p.strategy), ms(p.iteration_s),
                            ms(p.compute_s), ms(p.exposed_comm_s), speedup(p.speedup),
                            percent(p.efficiency)});
    }
  }
  s.blocks.push_back(table);
  if (one.gpus == 1 && setup.gpus.size() > 1) {
    s.blocks.push_back(
        Paragraph{reading(predictions, setup.measured, options.placement.roof.dtype)});
  }
  return s;
}

Section collectives_section(const std::vector<CommRun>& comm, int level) {
  Section c{"measured-collectives", "Measured collectives", level, {}};
  if (comm.empty()) {
    c.blocks.push_back(Paragraph{
        "No bench_comm run was given (--comm). Run `bench_comm --benchmark_out=comm.json` on a "
        "node with several GPUs (under mpirun for several nodes; docs/bench.md) and pass the "
        "file with --comm; the files of several runs, such as a sweep over GPU and node counts, "
        "merge into one table."});
  } else {
    c.blocks.push_back(Paragraph{
        "Measured by bench_comm: NCCL's collectives, out of place in fp32, each verified before "
        "it was timed. busbw is nccl-tests' bus bandwidth (docs/bench.md, \"Counters\": the "
        "algorithm "
        "bandwidth x 2(n-1)/n for all-reduce, (n-1)/n for all-gather, 1 for broadcast), the "
        "best of every size and repetition; the smallest message's time, the best of its "
        "repetitions, is mostly latency. The model above reads the catalogue's links, not these "
        "files; `roofline train --interconnect-file FILE` models with a measured one."});
    Table t{{"file", "collective", "ranks", "nodes", "largest size", "best busbw GB/s",
             "smallest size", "its time us"},
            {},
            {false, false, true, true, true, true, true, true}};
    for (const MeasuredCollective& m : merged_collectives(comm)) {
      t.rows.push_back({m.file, m.collective, std::to_string(m.ranks),
                        m.nodes.empty() ? "-" : m.nodes, size_text(m.largest_bytes),
                        fixed(m.best_busbw / 1e9, 1), size_text(m.smallest_bytes),
                        fixed(m.smallest_time_s * 1e6, 1)});
    }
    c.blocks.push_back(t);
    std::vector<std::string> runs;
    for (const CommRun& run : comm) {
      std::vector<std::string> what;
      if (!run.gpus.empty()) what.push_back(run.gpus);
      if (!run.hosts.empty()) what.push_back("on " + run.hosts);
      if (!run.nccl_version.empty()) what.push_back("NCCL " + run.nccl_version);
      if (!run.git_revision.empty()) what.push_back("revision " + run.git_revision);
      if (!run.date.empty()) what.push_back("run " + run.date);
      std::string line = run.path + ":";
      for (std::size_t i = 0; i < what.size(); ++i) line += (i == 0 ? " " : ", ") + what[i];
      runs.push_back(line);
    }
    c.blocks.push_back(BulletList{runs});
  }
  return c;
}

}  // namespace roof::report
