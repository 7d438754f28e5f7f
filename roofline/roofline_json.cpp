#include "roofline/roofline_json.hpp"

#include <array>
#include <map>

namespace roof {

using nlohmann::ordered_json;

ordered_json roof_json(const Roof& roof) {
  return {{"device", roof.device},
          {"clock", clock_name(roof)},
          {"clock_mhz", roof.clock_mhz},
          {"ceilings", to_string(roof.ceilings)},
          {"peak", roof.peak},
          {"peak_flops", roof.peak_flops},
          {"bandwidth", roof.bandwidth},
          {"ridge_point", roof.ridge_point()},
          {"compute_ceiling", roof.compute_label},
          {"memory_ceiling", roof.memory_label},
          {"device_description", roof.device_description},
          {"device_caveat", roof.device_caveat}};
}

namespace {

ordered_json peak_json(const ClockedPeak& peak) {
  ordered_json j = ordered_json::object();
  if (peak.base) j["base"] = *peak.base;
  if (peak.boost) j["boost"] = *peak.boost;
  j["source"] = peak.source;
  return j;
}

ordered_json sustained_json(const SustainedValue& value) {
  return {{"value", value.value}, {"source", value.source}, {"method", value.method}};
}

// What every prediction carries: the setup and where its ceilings came from.
ordered_json header_json(const Placement& p) {
  const bool achievable = p.model == TimeModel::achievable;
  return {{"source", achievable
                         ? "modelled: achievable-performance model (roofline/achievable.json, "
                           "fitted on published GPU times) over the analytic cost model "
                           "(docs/metrics.md); not measured"
                         : "modelled: roofline prediction from the device entry and the analytic "
                           "cost model (docs/metrics.md); not measured"},
          {"model", to_string(p.model)},
          {"model_description", p.model_description},
          {"framework", achievable ? ordered_json(p.framework) : ordered_json(nullptr)},
          {"input_gradient", p.input_gradient},
          {"network", p.network},
          {"dataset", p.dataset.empty() ? ordered_json(nullptr) : ordered_json(p.dataset)},
          {"batch", p.batch},
          {"dtype", to_string(p.dtype)},
          {"conv_algo", to_string(p.conv_algo)},
          {"device", p.roof.device},
          {"roof", roof_json(p.roof)}};
}

ordered_json windows_json(const std::vector<WindowGroup>& groups) {
  ordered_json list = ordered_json::array();
  for (const WindowGroup& w : groups) {
    list.push_back({{"group", w.group},
                    {"layers", w.layers},
                    {"ai", w.ai()},
                    {"seconds_a", w.seconds_a},
                    {"seconds_b", w.seconds_b},
                    {"speedup", w.speedup()}});
  }
  return list;
}

// PyTorch 1.x's zero_grad fills and AccumulateGrad adds (pytorch1); zeros for other recipes.
ordered_json bookkeeping_json(const GradBookkeeping& book) {
  return {{"kernels", book.kernels},
          {"flops", book.flops},
          {"bytes", book.bytes},
          {"seconds", book.seconds},
          {"host_wait_s", book.host_wait_s}};
}

}  // namespace

ordered_json devices_json(const std::vector<Device>& devices) {
  ordered_json list = ordered_json::array();
  for (const Device& d : devices) {
    ordered_json peaks = ordered_json::object();
    for (const auto& [key, peak] : d.peaks) peaks[key] = peak_json(peak);
    ordered_json clocks = ordered_json::object();
    if (d.base_clock_mhz) clocks["base"] = *d.base_clock_mhz;
    clocks["boost"] = d.boost_clock_mhz;
    clocks["source"] = d.clock_source;
    ordered_json entry = {{"name", d.name},
                          {"aliases", d.aliases},
                          {"description", d.description},
                          {"architecture", d.architecture},
                          {"sm_count", d.sm_count},
                          {"clock_mhz", clocks},
                          {"default_clock", to_string(d.default_clock)},
                          {"default_clock_reason", d.default_clock_reason},
                          {"caveat", d.caveat},
                          {"peak_tflops", peaks},
                          {"memory",
                           {{"type", d.memory_type},
                            {"bandwidth_gbs", d.dram_gbs},
                            {"size_gb", d.memory_gb},
                            {"source", d.memory_source}}}};
    // The same groups, with their sources, as devices.json: this output is a valid device file.
    if (d.l2_kib) entry["l2_kib"] = {{"value", *d.l2_kib}, {"source", d.l2_source}};
    if (!d.host_link.empty()) {
      ordered_json link = {{"name", d.host_link}};
      if (d.host_link_gbs) link["gbs_per_direction"] = *d.host_link_gbs;
      link["source"] = d.host_link_source;
      entry["host_link"] = link;
    }
    if (d.nvlink_gbs) {
      entry["nvlink_total_bidir_gbs"] = {{"value", *d.nvlink_gbs}, {"source", d.nvlink_source}};
    }
    ordered_json sustained = ordered_json::object();
    if (d.sustained_fp32_tflops)
      sustained["fp32_tflops"] = sustained_json(*d.sustained_fp32_tflops);
    if (d.sustained_dram_gbs) sustained["dram_gbs"] = sustained_json(*d.sustained_dram_gbs);
    entry["sustained"] = sustained;
    entry["origin"] = d.origin;
    list.push_back(std::move(entry));
  }
  return {{"devices", std::move(list)}};
}

ordered_json placement_json(const Placement& p) {
  ordered_json doc = header_json(p);
  ordered_json rows = ordered_json::array();
  for (const PlacedPass& r : p.rows) {
    rows.push_back({{"layer", r.layer},
                    {"op", r.op},
                    {"pass", to_string(r.pass)},
                    {"algorithm", r.algorithm},
                    {"flops", r.flops},
                    {"executed_flops", r.executed_flops},
                    {"bytes", r.bytes},
                    {"ai", r.ai},
                    {"ridge_point", p.roof.ridge_point()},
                    {"bound", to_string(r.bound)},
                    {"attainable_flops", r.attainable_flops},
                    {"effective_flops", r.effective_flops()},
                    {"bound_s", r.bound_seconds},
                    {"time_s", r.seconds},
                    {"efficiency", r.efficiency()},
                    {"share", r.share}});
    if (r.achieved) {
      const AchievedPass& a = *r.achieved;
      rows.back()["achieved"] = {{"calls", a.calls},
                                 {"plateau", a.plateau},
                                 {"tile_efficiency", a.tile_efficiency},
                                 {"bandwidth_fraction", a.bandwidth_fraction},
                                 {"fixed_s", a.fixed_s},
                                 {"compute_s", a.compute_s},
                                 {"memory_s", a.memory_s},
                                 {"host_wait_s", r.host_wait_s},
                                 {"loss", a.loss},
                                 {"borrowed", a.borrowed}};
    }
  }
  doc["rows"] = std::move(rows);
  doc["total_s"] = p.seconds;
  doc["host_idle_s"] = p.host_idle_s;
  doc["grad_bookkeeping"] = bookkeeping_json(p.grad_bookkeeping);
  return doc;
}

ordered_json training_json(const TrainingPrediction& t) {
  ordered_json doc = header_json(t.placement);
  doc["iteration_s"] = t.iteration_s;
  doc["fwd_s"] = t.fwd_s;
  doc["bwd_s"] = t.bwd_s;
  doc["bwd_data_s"] = t.bwd_data_s;
  doc["bwd_weights_s"] = t.bwd_weights_s;
  doc["update_s"] = t.update_s;
  doc["grad_bookkeeping_s"] = t.grad_bookkeeping_s;
  doc["host_idle_s"] = t.host_idle_s;
  doc["reported_s"] = t.reported_s;
  doc["update_in_reported"] = t.update_in_reported;
  doc["loss_in_reported"] = t.loss_in_reported;
  doc["loss_s"] = t.loss_s;
  doc["update"] = {{"optimizer", "SGD with momentum"},
                   {"params", t.update.params},
                   {"flops", t.update.flops},
                   {"bytes", t.update.bytes}};
  // PyTorch 1.x's zero_grad fill and AccumulateGrad add (pytorch1); zeros for other recipes.
  doc["grad_bookkeeping"] = bookkeeping_json(t.placement.grad_bookkeeping);
  doc["images_per_epoch"] = t.images_per_epoch;
  doc["iterations_per_epoch"] = t.iterations_per_epoch;
  doc["epoch_s"] = t.epoch_s;
  doc["epochs"] = t.epochs;
  doc["total_s"] = t.total_s;
  // Per layer: the three passes' times, in the network's layer order.
  ordered_json layers = ordered_json::array();
  std::vector<std::string> order;
  std::map<std::string, std::array<double, 3>> seconds;
  std::map<std::string, std::string> ops;
  for (const PlacedPass& r : t.placement.rows) {
    if (!seconds.count(r.layer)) order.push_back(r.layer);
    seconds[r.layer][static_cast<std::size_t>(r.pass)] += r.seconds;
    ops[r.layer] = r.op;
  }
  for (const std::string& name : order) {
    const auto& s = seconds[name];
    const double total = s[0] + s[1] + s[2];
    layers.push_back({{"layer", name},
                      {"op", ops[name]},
                      {"fwd_s", s[0]},
                      {"bwd_data_s", s[1]},
                      {"bwd_weights_s", s[2]},
                      {"time_s", total},
                      {"share", total / t.iteration_s}});
  }
  doc["layers"] = std::move(layers);
  return doc;
}

ordered_json explanation_json(const Explanation& e) {
  const Roof& ra = e.a.placement.roof;
  const Roof& rb = e.b.placement.roof;
  ordered_json doc = {
      {"source", e.a.placement.model == TimeModel::achievable
                     ? "modelled: achievable-model predictions from the two device entries and "
                       "roofline/achievable.json; not measured"
                     : "modelled: roofline predictions from the two device entries; not measured"},
      {"network", e.a.placement.network},
      {"dataset", e.a.placement.dataset},
      {"batch", e.a.placement.batch},
      {"dtype", to_string(e.a.placement.dtype)},
      {"conv_algo", to_string(e.a.placement.conv_algo)},
      {"devices", {ra.device, rb.device}},
      {"roofs", {roof_json(ra), roof_json(rb)}},
      {"iteration_s", {{"a", e.a.iteration_s}, {"b", e.b.iteration_s}}},
      {"speedup", e.speedup}};

  doc["spec"] = ordered_json::array({{{"metric", "peak_flops"},
                                      {"a", ra.peak_flops},
                                      {"b", rb.peak_flops},
                                      {"ratio", e.peak_ratio}},
                                     {{"metric", "bandwidth"},
                                      {"a", ra.bandwidth},
                                      {"b", rb.bandwidth},
                                      {"ratio", e.bandwidth_ratio}},
                                     {{"metric", "ridge_point"},
                                      {"a", ra.ridge_point()},
                                      {"b", rb.ridge_point()},
                                      {"ratio", ra.ridge_point() / rb.ridge_point()}}});
  doc["model"] = to_string(e.a.placement.model);
  doc["terms"] = {{"bound_s", {{"a", e.terms.bound_a}, {"b", e.terms.bound_b}}},
                  {"bound_ratio", e.terms.bound_ratio()},
                  {"achieved_gpu_s", {{"a", e.terms.gpu_a}, {"b", e.terms.gpu_b}}},
                  {"efficiency", {{"a", e.terms.efficiency_a()}, {"b", e.terms.efficiency_b()}}},
                  {"fixed_s", {{"a", e.terms.fixed_a}, {"b", e.terms.fixed_b}}},
                  {"overhead", {{"a", e.overhead_a}, {"b", e.overhead_b}}}};
  ordered_json split = ordered_json::array();
  for (const TimeSplit& s : e.split) {
    split.push_back({{"group", s.group},
                     {"passes", s.passes},
                     {"seconds_a", s.seconds_a},
                     {"seconds_b", s.seconds_b},
                     {"share_of_b", s.seconds_b / e.b.iteration_s},
                     {"speedup", s.speedup()}});
  }
  doc["split"] = std::move(split);
  ordered_json top = ordered_json::array();
  for (const Contributor& c : e.top_contributors) {
    top.push_back({{"layer", c.layer},
                   {"op", c.op},
                   {"bound_a", to_string(c.bound_a)},
                   {"bound_b", to_string(c.bound_b)},
                   {"seconds_a", c.seconds_a},
                   {"seconds_b", c.seconds_b},
                   {"share_of_difference", c.share_of_difference},
                   {"alike", c.alike}});
  }
  doc["top_contributors"] = std::move(top);
  doc["windows"] = windows_json(e.windows);
  doc["seed_example"] = windows_json(e.seed_example);
  doc["paragraph"] = e.paragraph;
  return doc;
}

ordered_json measured_training_json(const MeasuredIteration& m) {
  ordered_json doc = training_json(m.model);
  ordered_json impls = ordered_json::object();
  for (const std::string& impl : m.impls) {
    const auto missing = m.unmeasured.find(impl);
    const auto ops_missing = m.ops_unmeasured.find(impl);
    impls[impl] = {
        {"iteration_s", m.iteration_s.at(impl)},
        {"unmeasured_passes", missing == m.unmeasured.end() ? 0 : missing->second},
        {"other_ops_s", m.ops_s.at(impl)},
        {"other_ops_measured_by", m.ops_from.at(impl)},
        {"other_ops_unmeasured_passes",
         ops_missing == m.ops_unmeasured.end() ? 0 : ops_missing->second},
        {"other_ops_passes_by_direct", m.ops_borrowed.count(impl) ? m.ops_borrowed.at(impl) : 0}};
    if (const auto it = m.update_measured_s.find(impl); it != m.update_measured_s.end()) {
      impls[impl]["update_s"] = it->second;
      impls[impl]["update_measured_by"] = m.update_from.at(impl);
    } else {
      impls[impl]["update_s"] = m.update_s;
      impls[impl]["update_measured_by"] = nullptr;  // modelled
    }
  }
  ordered_json rows = ordered_json::array();
  for (const MeasuredRow& r : m.rows) {
    ordered_json measured = ordered_json::object();
    for (const auto& [impl, seconds] : r.measured_s) measured[impl] = seconds;
    rows.push_back({{"layer", r.layer},
                    {"pass", to_string(r.pass)},
                    {"model_s", r.model_s},
                    {"measured_s", measured}});
  }
  doc["measured"] = {{"source",
                      "measured by bench_layers: conv and fc per implementation, the other ops "
                      "by the same implementation or our own loops, the update by our SGD loop "
                      "where a row has it; whatever no row measured modelled"},
                     {"machine", m.machine},
                     {"modelled_other_s", m.modelled_other_s},
                     {"modelled_update_s", m.update_s},
                     {"other_ops_passes", m.ops_passes},
                     {"implementations", impls},
                     {"rows", rows}};
  return doc;
}

}  // namespace roof
