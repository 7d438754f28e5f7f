#include "roofline/parallel_explanation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

std::string seconds_text(double s) {
  return fixed(s, s < 10 ? 2 : 1) + " s";
}
std::string ms_text(double s) {
  return fixed(1e3 * s, 1) + " ms";
}
std::string mb_text(double bytes) {
  return fixed(bytes / 1e6, 1) + " MB";
}

std::string signed_seconds(double s) {
  std::string text = s >= 0 ? "+" : "-";
  return text.append(seconds_text(std::abs(s)));
}

// The algorithms the gradient all-reduces ran with ("ring", "ring and tree", "staged through
// the host"): auto chooses per message.
std::string gradient_algorithms(const ParallelPrediction& p) {
  std::set<std::string> names;
  for (const CommStep& step : p.comm) {
    if (step.cost.collective == Collective::all_reduce) {
      names.insert(std::string(to_string(step.cost.algo)));
    }
  }
  if (names.count("host")) return "staged through the host";
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "by " : " and ") + name;
  return text;
}

// What moves in one iteration of a strategy, in words.
std::string traffic(const ParallelPrediction& p) {
  std::string text;
  if (p.gradient_bytes > 0) {
    text +=
        mb_text(p.gradient_bytes) + " of gradients all-reduced (" + gradient_algorithms(p) + ")";
  }
  if (p.activation_bytes > 0) {
    text += (text.empty() ? "" : " and ") + mb_text(p.activation_bytes) +
            " of activations gathered and scattered";
  }
  return text.empty() ? "nothing" : text;
}

std::string hidden(const ParallelPrediction& p) {
  if (p.comm_s <= 0) return "nothing to hide";
  if (p.exposed_comm_s >= p.comm_s * (1 - 1e-9)) return ms_text(p.comm_s) + ", none of it hidden";
  return ms_text(p.comm_s) + ", of which " + ms_text(p.exposed_comm_s) +
         " is not hidden behind backward";
}

std::string sentence_for(const StrategyOutcome& o, const ParallelPrediction& alone) {
  const ParallelPrediction& p = o.prediction;
  const double change = p.epoch_s - alone.epoch_s;
  const std::string verdict = std::abs(change) < 0.005 * alone.epoch_s ? "the two about cancel."
                              : change > 0
                                  ? "communication costs more than sharing the work saves."
                                  : "sharing the work saves more than communication costs.";
  std::string text = o.name + ": each GPU computes " + ms_text(p.compute_s) + " per iteration on " +
                     std::to_string(p.per_gpu_batch) +
                     " images (one GPU alone: " + ms_text(alone.compute_s) + " on " +
                     std::to_string(alone.per_gpu_batch) + "), " + std::to_string(p.global_batch) +
                     " images per iteration in all; it moves " + traffic(p) + ", " + hidden(p) +
                     ". The modelled epoch goes from " + seconds_text(alone.epoch_s) + " to " +
                     seconds_text(p.epoch_s) + " (" + signed_seconds(change) + ", speedup " +
                     fixed(p.speedup, 2) + "x): " + verdict;
  if (o.measured_epoch_s && o.predicted_epoch_s) {
    const double error = (*o.predicted_epoch_s - *o.measured_epoch_s) / *o.measured_epoch_s;
    std::string sign = error >= 0 ? "+" : "";
    text += " With the unmodelled time added, " + seconds_text(*o.predicted_epoch_s) +
            " against the measured " + seconds_text(*o.measured_epoch_s) + " (" +
            sign.append(fixed(100 * error, 1)) + "%).";
  }
  return text;
}

std::string write_paragraph(const ParallelExplanation& e) {
  const ParallelPrediction& alone = e.outcomes.front().prediction;
  const ParallelPrediction& any = e.outcomes.back().prediction;
  std::string text = "Modelled on " + std::to_string(any.gpus) + " x " + any.roof.device +
                     " joined by " + any.fabric.gpu_link.name +
                     (any.nodes > 1 ? " and " + any.fabric.node_link.name : "") + ", " +
                     std::to_string(any.baseline_batch) + " images per iteration " +
                     (any.strong_scaling ? "split over the GPUs" : "on each GPU") + ". ";
  for (std::size_t i = 1; i < e.outcomes.size(); ++i) {
    text += sentence_for(e.outcomes[i], alone) + " ";
  }
  if (e.unmodelled_epoch_s) {
    const StrategyOutcome& one = e.outcomes.front();
    const double measured = *one.measured_epoch_s;
    const double busy = alone.epoch_s / measured;
    const std::string rates = seconds_text(measured) + ", " +
                              fixed(static_cast<double>(alone.images_per_epoch) / measured, 0) +
                              " images/s";
    if (*e.unmodelled_epoch_s >= 0) {
      text += "The measured one-GPU epoch (" + rates + ") is " +
              seconds_text(*e.unmodelled_epoch_s) +
              " longer than the GPU compute the model allows (" + seconds_text(alone.epoch_s) +
              ", " + fixed(alone.images_per_s, 0) + " images/s): the GPU is busy " +
              fixed(100 * busy, busy < 0.1 ? 1 : 0) +
              "% of the epoch, and the rest (input pipeline, framework, host) is taken as the "
              "same for every strategy. ";
    } else {
      text += "The measured one-GPU epoch (" + rates + ") is shorter than the model's GPU time (" +
              seconds_text(alone.epoch_s) +
              "): the run did less work than the model counts (faster algorithms, a smaller "
              "network or input), so no time outside the model can be taken from it and the "
              "strategies' epochs are not predicted. ";
    }
    // Splitting the GPU work of an epoch over G GPUs saves at most (1 - 1/G) of it.
    const double most = alone.epoch_s * (1 - 1.0 / any.gpus);
    for (std::size_t i = 1; i < e.outcomes.size(); ++i) {
      const StrategyOutcome& o = e.outcomes[i];
      if (!o.measured_epoch_s) continue;
      const double gain = measured - *o.measured_epoch_s;
      if (gain > most) {
        text +=
            o.name + " measured " + seconds_text(gain) +
            " faster than one GPU, more than splitting the modelled GPU work of an epoch over " +
            std::to_string(any.gpus) + " GPUs could save (" + seconds_text(most) +
            "): no split of GPU work can explain that; it must come from outside the GPU. ";
      }
    }
  }
  if (!e.unmodelled_epoch_s) {
    for (const StrategyOutcome& o : e.outcomes) {
      if (o.measured_epoch_s) {
        text +=
            "The measured epochs are set beside the model but not compared: that needs the "
            "measured one-GPU epoch (1gpu=...). ";
        break;
      }
    }
  }
  text += "GPU compute and collectives are modelled; nothing here was measured by the suite.";
  return text;
}

}  // namespace

ParallelExplanation explain_parallel(const Network& network, const Device& device,
                                     const Fabric& fabric, const ParallelOptions& options,
                                     const std::map<std::string, double>& measured_epochs) {
  for (const auto& [key, seconds] : measured_epochs) {
    if (key != "1gpu" && key != "data" && key != "model" && key != "owt") {
      throw InputError("unknown measured epoch '" + key + "' (expected 1gpu, data, model or owt)");
    }
    if (!(seconds > 0) || !std::isfinite(seconds)) {
      throw InputError("measured epoch '" + key + "' must be a positive number of seconds");
    }
  }
  if (fabric.ranks() < 2) {
    throw InputError("explain --gpus compares strategies on two or more GPUs in all");
  }
  ParallelExplanation e;
  ParallelOptions one = options;
  one.gpus_per_node = 1;
  one.nodes = 1;
  one.strategy = Strategy::data;
  Fabric single = fabric;
  single.gpus_per_node = 1;
  single.nodes = 1;
  e.outcomes.push_back({"1 GPU", predict_parallel(network, device, single, one)});
  for (Strategy s : {Strategy::data, Strategy::model, Strategy::owt}) {
    ParallelOptions o = options;
    o.strategy = s;
    e.outcomes.push_back({std::string(to_string(s)), predict_parallel(network, device, fabric, o)});
  }
  const auto key_of = [](const StrategyOutcome& o) {
    return o.name == "1 GPU" ? std::string("1gpu") : o.name;
  };
  for (StrategyOutcome& o : e.outcomes) {
    const auto it = measured_epochs.find(key_of(o));
    if (it != measured_epochs.end()) o.measured_epoch_s = it->second;
  }
  const StrategyOutcome& alone = e.outcomes.front();
  if (alone.measured_epoch_s) {
    e.unmodelled_epoch_s = *alone.measured_epoch_s - alone.prediction.epoch_s;
    // A measured epoch shorter than the modelled GPU time leaves no time outside the model to
    // carry over.
    if (*e.unmodelled_epoch_s >= 0) {
      for (StrategyOutcome& o : e.outcomes) {
        o.predicted_epoch_s = o.prediction.epoch_s + *e.unmodelled_epoch_s;
      }
    }
  }
  e.paragraph = write_paragraph(e);
  return e;
}

}  // namespace roof
