#include "roofline/parallel_json.hpp"

#include "roofline/roofline_json.hpp"

namespace roof {

using nlohmann::ordered_json;

namespace {

ordered_json link_json(const LinkRate& link) {
  return {{"name", link.name},
          {"bytes_per_s", link.bytes_per_s},
          {"latency_s", link.latency_s},
          {"label", link.label}};
}

ordered_json summary_json(const ParallelPrediction& p) {
  ordered_json doc = {
      {"source",
       "modelled: roofline prediction of one GPU's compute from the device entry, alpha-beta "
       "cost of every collective from the links (gpu_link, node_link: catalogue entries or "
       "measured by bench_comm, as their labels say) (docs/cluster.md); the iteration is not "
       "measured"},
      {"network", p.network},
      {"strategy", to_string(p.strategy)},
      {"gpus", p.gpus},
      {"gpus_per_node", p.gpus_per_node},
      {"nodes", p.nodes},
      {"gpu_link", link_json(p.fabric.gpu_link)}};
  if (p.nodes > 1) doc["node_link"] = link_json(p.fabric.node_link);
  doc["allreduce"] = to_string(p.algo);
  doc["overlap"] = p.overlap;
  doc["scaling"] = p.strong_scaling ? "strong" : "weak";
  doc["per_gpu_batch"] = p.per_gpu_batch;
  doc["global_batch"] = p.global_batch;
  doc["baseline_batch"] = p.baseline_batch;
  doc["roof"] = roof_json(p.roof);
  doc["fwd_s"] = p.fwd_s;
  doc["bwd_s"] = p.bwd_s;
  doc["update_s"] = p.update_s;
  doc["grad_bookkeeping_s"] = p.grad_bookkeeping_s;
  doc["host_idle_s"] = p.host_idle_s;
  doc["compute_s"] = p.compute_s;
  doc["gradient_bytes"] = p.gradient_bytes;
  doc["activation_bytes"] = p.activation_bytes;
  doc["comm_s"] = p.comm_s;
  doc["exposed_comm_s"] = p.exposed_comm_s;
  doc["iteration_s"] = p.iteration_s;
  doc["baseline_iteration_s"] = p.baseline_iteration_s;
  doc["images_per_s"] = p.images_per_s;
  doc["baseline_images_per_s"] = p.baseline_images_per_s;
  doc["speedup"] = p.speedup;
  doc["efficiency"] = p.efficiency;
  doc["images_per_epoch"] = p.images_per_epoch;
  doc["iterations_per_epoch"] = p.iterations_per_epoch;
  doc["epoch_s"] = p.epoch_s;
  doc["epochs"] = p.epochs;
  doc["total_s"] = p.total_s;
  return doc;
}

}  // namespace

ordered_json parallel_json(const ParallelPrediction& p) {
  ordered_json doc = summary_json(p);
  ordered_json steps = ordered_json::array();
  for (const CommStep& s : p.comm) {
    steps.push_back(
        {{"what", s.what},
         {"collective", to_string(s.cost.collective)},
         {"algorithm", to_string(s.cost.algo)},
         {"bytes", s.cost.bytes},
         {"latency_s", s.cost.latency_s},
         {"bandwidth_s", s.cost.bandwidth_s},
         {"seconds", s.cost.seconds},
         {"exposed_s", s.exposed_s},
         {"algbw", s.cost.algorithm_bandwidth()},
         {"busbw", s.cost.algorithm_bandwidth() * bus_factor(s.cost.collective, p.gpus)}});
  }
  doc["communication"] = std::move(steps);
  return doc;
}

ordered_json parallel_sweep_json(const std::vector<ParallelPrediction>& rows) {
  ordered_json list = ordered_json::array();
  for (const ParallelPrediction& p : rows) list.push_back(summary_json(p));
  return {{"source", "modelled (docs/cluster.md); not measured"}, {"rows", std::move(list)}};
}

ordered_json parallel_explanation_json(const ParallelExplanation& e) {
  ordered_json outcomes = ordered_json::array();
  for (const StrategyOutcome& o : e.outcomes) {
    ordered_json entry = {{"strategy", o.name}, {"prediction", summary_json(o.prediction)}};
    entry["measured_epoch_s"] =
        o.measured_epoch_s ? ordered_json(*o.measured_epoch_s) : ordered_json(nullptr);
    entry["predicted_epoch_s"] =
        o.predicted_epoch_s ? ordered_json(*o.predicted_epoch_s) : ordered_json(nullptr);
    outcomes.push_back(std::move(entry));
  }
  return {{"source",
           "modelled (docs/cluster.md); measured_epoch_s is what the user gave, not measured by "
           "the suite"},
          {"outcomes", std::move(outcomes)},
          // The time outside the model, which a measured one-GPU epoch shorter than the
          // model's GPU time does not have (null); the signed difference beside it.
          {"unmodelled_epoch_s", e.unmodelled_epoch_s && *e.unmodelled_epoch_s >= 0
                                     ? ordered_json(*e.unmodelled_epoch_s)
                                     : ordered_json(nullptr)},
          {"measured_minus_modelled_epoch_s",
           e.unmodelled_epoch_s ? ordered_json(*e.unmodelled_epoch_s) : ordered_json(nullptr)},
          {"paragraph", e.paragraph}};
}

ordered_json interconnects_json(const std::vector<Interconnect>& links) {
  ordered_json list = ordered_json::array();
  for (const Interconnect& l : links) {
    ordered_json entry = {
        {"name", l.name},
        {"aliases", l.aliases},
        {"description", l.description},
        {"scope", to_string(l.scope)},
        {"theoretical", {{"gbs", l.theoretical_gbs}, {"source", l.theoretical_source}}},
        {"achieved", {{"gbs", l.achieved_gbs}, {"source", l.achieved_source}}},
        {"latency", {{"us", l.latency_us}, {"source", l.latency_source}}}};
    if (l.shared_by != 1) entry["shared_by"] = l.shared_by;
    entry["origin"] = l.origin;
    if (!l.measured_by.empty()) entry["measured_by"] = l.measured_by;
    list.push_back(std::move(entry));
  }
  // Reads back as an interconnect file.
  return {{"schema", 1}, {"interconnects", std::move(list)}};
}

}  // namespace roof
