#include "roofline/explanation.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

#include "support/text_format.hpp"

#include <algorithm>

namespace roof {
namespace {

std::string percent(double fraction) {
  return fixed(100 * fraction, 0) + "%";
}

std::vector<TimeSplit> split_by_bound(const Explanation& e) {
  TimeSplit compute{"compute-bound on both"};
  TimeSplit memory{"memory-bound on both"};
  TimeSplit changes{"changes side between the ridge points"};
  const auto& rows_a = e.a.placement.rows;
  const auto& rows_b = e.b.placement.rows;
  for (std::size_t i = 0; i < rows_b.size(); ++i) {
    TimeSplit& group = rows_a[i].bound != rows_b[i].bound  ? changes
                       : rows_b[i].bound == Bound::compute ? compute
                                                           : memory;
    ++group.passes;
    group.seconds_a += rows_a[i].seconds;
    group.seconds_b += rows_b[i].seconds;
  }
  // PyTorch 1.x's gradient zeroing and accumulation (pytorch1) is parameter traffic like the
  // update, and scales with the same bandwidth: one part with it.
  const bool bookkeeping = e.a.grad_bookkeeping_s > 0 || e.b.grad_bookkeeping_s > 0;
  // Memory bound under the roofline; the achievable model's may be host bound (its launches).
  const bool roofline = e.b.placement.model == TimeModel::roofline;
  TimeSplit update{bookkeeping ? "update and gradient zeroing"
                   : roofline  ? "optimizer update (memory-bound)"
                               : "optimizer update",
                   1, e.a.update_s + e.a.grad_bookkeeping_s, e.b.update_s + e.b.grad_bookkeeping_s};
  return {compute, memory, changes, update};
}

std::vector<Contributor> contributors(const Explanation& e, int top) {
  const double difference = e.b.iteration_s - e.a.iteration_s;
  std::vector<Contributor> all;
  const auto& rows_a = e.a.placement.rows;
  const auto& rows_b = e.b.placement.rows;
  for (std::size_t i = 0; i < rows_b.size(); ++i) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const Contributor& c) { return c.layer == rows_b[i].layer; });
    if (it == all.end()) {
      all.push_back({rows_b[i].layer, rows_b[i].op, rows_a[i].bound, rows_b[i].bound});
      it = all.end() - 1;
    }
    it->seconds_a += rows_a[i].seconds;
    it->seconds_b += rows_b[i].seconds;
  }
  for (Contributor& c : all) {
    c.share_of_difference = difference != 0 ? (c.seconds_b - c.seconds_a) / difference : 0;
  }
  // Equal layers tie exactly; a list that showed two of five equal layers would say more about
  // where the cut fell than about the network. They become one row, listed in network order.
  auto same = [](double x, double y) { return std::abs(x - y) <= 1e-9 * std::max(x, y); };
  std::vector<Contributor> folded;
  for (const Contributor& c : all) {
    auto it = std::find_if(folded.begin(), folded.end(), [&](const Contributor& f) {
      return f.op == c.op && f.bound_a == c.bound_a && f.bound_b == c.bound_b &&
             same(f.seconds_a, c.seconds_a) && same(f.seconds_b, c.seconds_b);
    });
    if (it == folded.end()) {
      folded.push_back(c);
    } else {
      it->alike.push_back(c.layer);
    }
  }
  all = std::move(folded);
  // Largest first in the direction of the total: what makes B slower when A wins, what makes
  // A slower when B wins.
  const double direction = difference >= 0 ? 1.0 : -1.0;
  std::stable_sort(all.begin(), all.end(), [&](const Contributor& x, const Contributor& y) {
    return direction * (x.seconds_b - x.seconds_a) > direction * (y.seconds_b - y.seconds_a);
  });
  if (static_cast<int>(all.size()) > top) all.resize(static_cast<std::size_t>(top));
  return all;
}

std::vector<WindowGroup> windows(const Network& network, const Explanation& e) {
  WindowGroup one{"1x1 convolutions"};
  WindowGroup wide{"3x3 and larger convolutions"};
  const auto& rows_a = e.a.placement.rows;
  const auto& rows_b = e.b.placement.rows;
  for (const Layer& layer : network.layers) {
    if (layer.op != Op::conv) continue;
    WindowGroup& group = layer.shape.R == 1 && layer.shape.S == 1 ? one : wide;
    ++group.layers;
    for (std::size_t i = 0; i < rows_b.size(); ++i) {
      if (rows_b[i].layer != layer.name) continue;
      group.flops += rows_b[i].flops;
      group.bytes += rows_b[i].bytes;
      group.seconds_a += rows_a[i].seconds;
      group.seconds_b += rows_b[i].seconds;
    }
  }
  return {one, wide};
}

// Seed 000's example: one 64x64 input channel, one output channel, a 3x3 window without
// padding (62x62 outputs) against a 1x1 window (64x64 outputs), every pass, at the batch.
std::vector<WindowGroup> seed_example(const Explanation& e, std::int64_t batch, DType dtype) {
  std::vector<WindowGroup> groups;
  for (std::int64_t window : {3, 1}) {
    Layer layer{.name = "seed_example", .op = Op::conv};
    Shape& s = layer.shape;
    s.N = batch;
    s.H = s.W = 64;
    s.R = s.S = window;
    s.P = s.Q = 64 - window + 1;
    const LayerCost cost = cost_of(layer, dtype);
    WindowGroup g{"seed example: " + std::to_string(window) + "x" + std::to_string(window) +
                      " conv, 1 -> 1 channel, 64x64",
                  1};
    for (Pass p : kAllPasses) {
      const double flops = static_cast<double>(cost.pass(p)->flops);
      const double bytes = static_cast<double>(cost.pass(p)->bytes);
      g.flops += flops;
      g.bytes += bytes;
      g.seconds_a += predicted_seconds(e.a.placement.roof, flops, bytes);
      g.seconds_b += predicted_seconds(e.b.placement.roof, flops, bytes);
    }
    groups.push_back(g);
  }
  return groups;
}

}  // namespace

std::string model_mismatch(const Explanation& e) {
  if (e.a.placement.model == e.b.placement.model) return "";
  const bool a_bounded = e.a.placement.model == TimeModel::roofline;
  return "Not like with like: " + (a_bounded ? e.a : e.b).placement.roof.device +
         " keeps its roofline bound (the achievable model has no calibration for it), " +
         (a_bounded ? e.b : e.a).placement.roof.device +
         " has the achievable model's time; --model roofline compares the two bounds. ";
}

namespace {

std::string write_paragraph(const Network& network, const Explanation& e) {
  const Roof& ra = e.a.placement.roof;
  const Roof& rb = e.b.placement.roof;
  const std::string& a = ra.device;
  const std::string& b = rb.device;
  // The verdict names the faster device first, whichever order the user gave.
  const bool a_wins = e.speedup >= 1;
  const std::string verdict = (a_wins ? a : b) + " is predicted " +
                              fixed(a_wins ? e.speedup : 1 / e.speedup, 2) + "x as fast as " +
                              (a_wins ? b : a);
  std::string text =
      "Modelled, not measured. On " + network.name + " (" + e.a.placement.dataset + ", batch " +
      std::to_string(network.batch) + ", " + std::string(to_string(e.a.placement.dtype)) + "), " +
      verdict + " per training iteration (" + fixed(1e3 * e.a.iteration_s, 2) + " ms on " + a +
      ", " + fixed(1e3 * e.b.iteration_s, 2) + " ms on " + b + "). " + a + "'s peak is " +
      fixed(e.peak_ratio, 2) + "x " + b + "'s and its DRAM bandwidth " +
      fixed(e.bandwidth_ratio, 2) + "x; the ridge points are " + fixed(ra.ridge_point(), 1) +
      " and " + fixed(rb.ridge_point(), 1) + " FLOP/byte. " + model_mismatch(e);
  const bool bookkeeping = e.a.grad_bookkeeping_s > 0 || e.b.grad_bookkeeping_s > 0;
  const char* what[] = {
      "The layer-passes compute-bound on both devices", "The layer-passes memory-bound on both",
      "The layer-passes that change side between the two ridge points",
      bookkeeping ? "The optimizer update and the gradient bookkeeping" : "The optimizer update"};
  for (std::size_t i = 0; i < e.split.size(); ++i) {
    const TimeSplit& part = e.split[i];
    const double share = part.seconds_b / e.b.iteration_s;
    if (part.passes == 0 || share < 0.005) continue;
    // "the update takes", "the passes take", "the update and the bookkeeping take"
    const std::string s = i == 3 && !bookkeeping ? "s" : "";
    text += std::string(what[i]) + " take" + s + " " + percent(share) + " of " + b +
            "'s time and run" + s + " " + fixed(part.speedup(), 2) + "x as fast on " + a + ". ";
  }
  const WindowGroup& one = e.windows[0];
  const WindowGroup& wide = e.windows[1];
  // The argument is about the faster device W: does its advantage grow on the 1x1 layers?
  const std::string& w = a_wins ? a : b;
  const auto gain = [&](double speedup_of_a) { return a_wins ? speedup_of_a : 1 / speedup_of_a; };
  const double w_peak = a_wins ? e.peak_ratio : 1 / e.peak_ratio;
  const double w_bandwidth = a_wins ? e.bandwidth_ratio : 1 / e.bandwidth_ratio;
  if (one.layers > 0 && wide.layers > 0) {
    const double g1 = gain(one.speedup());
    const double g3 = gain(wide.speedup());
    text +=
        "The seed's argument (1x1 layers gain more than larger windows, as more of their "
        "passes are memory bound), on this network's own layers: the 1x1 convolutions average " +
        fixed(one.ai(), 1) + " FLOP/byte against " + fixed(wide.ai(), 1) +
        " for the larger windows, and " + w + " gains " + fixed(g1, 2) + "x on them against " +
        fixed(g3, 2) + "x";
    if (g1 > g3 * 1.01) {
      text += ": more of their passes sit on the bandwidth side, where " + w + "'s advantage (" +
              fixed(w_bandwidth, 2) + "x) " + (w_bandwidth > w_peak ? "exceeds" : "trails") +
              " its compute advantage (" + fixed(w_peak, 2) + "x).";
    } else if (g1 < g3 / 1.01) {
      text += ": they gain less, because " + w + "'s bandwidth advantage (" +
              fixed(w_bandwidth, 2) + "x) is smaller than its compute advantage (" +
              fixed(w_peak, 2) + "x).";
    } else {
      text +=
          ": about the same, because at this batch most of their passes are compute bound "
          "too, so the argument does not move the result.";
    }
  } else {
    text += "The seed's argument (1x1 layers gain more than larger windows) does not bear on " +
            network.name + ": it has no " + std::string(one.layers == 0 ? "1x1" : "3x3 or larger") +
            " convolutions (googlenet and the resnets have both).";
  }
  return text;
}

}  // namespace

Explanation explain(const Network& network, const Device& a, const Device& b,
                    const TrainingOptions& options, int top) {
  Explanation e;
  // One software stack on both devices, as a user comparing two GPUs runs one framework: unless
  // a library is given, the newer of the two devices' defaults.
  TrainingOptions same = options;
  if (!same.placement.library) {
    const std::optional<LibraryGeneration> recipe =
        find_framework(same.placement.framework).library;
    same.placement.library = std::max(recipe.value_or(era_library(a.architecture)),
                                      recipe.value_or(era_library(b.architecture)));
  }
  e.a = predict_training(network, a, same);
  e.b = predict_training(network, b, same);
  e.speedup = e.b.iteration_s / e.a.iteration_s;
  e.peak_ratio = e.a.placement.roof.peak_flops / e.b.placement.roof.peak_flops;
  e.bandwidth_ratio = e.a.placement.roof.bandwidth / e.b.placement.roof.bandwidth;
  for (const auto& [prediction, bound, gpu, fixed] :
       {std::tuple{&e.a, &e.terms.bound_a, &e.terms.gpu_a, &e.terms.fixed_a},
        std::tuple{&e.b, &e.terms.bound_b, &e.terms.gpu_b, &e.terms.fixed_b}}) {
    for (const PlacedPass& row : prediction->placement.rows) {
      *bound += row.bound_seconds;
      *gpu += row.seconds;
      if (row.achieved) *fixed += row.achieved->fixed_s;
    }
  }
  e.overhead_a = e.a.iteration_s / e.terms.gpu_a;
  e.overhead_b = e.b.iteration_s / e.terms.gpu_b;
  e.split = split_by_bound(e);
  e.top_contributors = contributors(e, top);
  e.windows = windows(network, e);
  e.seed_example = seed_example(e, network.batch, options.placement.roof.dtype);
  e.paragraph = write_paragraph(network, e);
  return e;
}

}  // namespace roof
