#include "reports/layer_table.hpp"

#include "reports/csv_table.hpp"

#include <cstdio>
#include <string>

namespace roof {
namespace {

std::string format(const char* fmt, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, fmt, value);
  return buffer;
}

// "3", or "0x3" where the two axes differ (Inception v3's 1x7 pads 0 across H, 3 across W).
std::string per_axis(std::int64_t h, std::int64_t w) {
  return h == w ? std::to_string(h) : std::to_string(h) + "x" + std::to_string(w);
}

// "C x H x W -> K x P x Q, 3x3/2 p1 g2": what a reader needs to recognise a layer.
std::string shape_summary(const Layer& layer) {
  const Shape& s = layer.shape;
  std::string text = std::to_string(s.C) + "x" + std::to_string(s.H) + "x" + std::to_string(s.W) +
                     " -> " + std::to_string(s.K) + "x" + std::to_string(s.P) + "x" +
                     std::to_string(s.Q);
  if (layer.op == Op::conv || layer.op == Op::max_pool || layer.op == Op::avg_pool) {
    text += "  " + std::to_string(s.R) + "x" + std::to_string(s.S) + "/" +
            per_axis(s.stride_h, s.stride_w);
    if (s.pad_h != 0 || s.pad_w != 0) text += " p" + per_axis(s.pad_h, s.pad_w);
    if (s.groups != 1) text += " g" + std::to_string(s.groups);
  }
  return text;
}

std::string op_label(const Layer& layer) {
  const std::string_view kind = compute_kind(layer);
  return std::string(kind.empty() ? to_string(layer.op) : kind);
}

double real(std::int64_t value) {
  return static_cast<double>(value);
}

std::string mega(std::int64_t value) {
  return format("%.3f", real(value) / 1e6);
}

std::string pass_cell(const std::optional<PassCost>& pass, bool flops) {
  if (!pass) return "-";
  return mega(flops ? pass->flops : pass->bytes);
}

}  // namespace

void write_layer_table(std::ostream& out, const Network& network, DType dtype) {
  const std::string_view origin =
      network.dataset ? to_string(*network.dataset) : std::string_view("descriptor file");
  out << network.name << " (" << origin << "), batch " << network.batch << ", " << to_string(dtype)
      << ". Modelled: analytic counts from the layer shapes, not measured.\n"
      << "MFLOP = 2 x MMAC for conv and fc; MB = compulsory DRAM traffic (10^6 bytes); "
         "AI = fwd FLOP per byte.\n\n";
  char line[512];
  const char* row_format = "%-34s %-12s %-38s %12s %12s %12s %12s %12s %10s %10s %10s %8s\n";
  std::snprintf(line, sizeof line, row_format, "layer", "op", "shape (in -> out, window)", "params",
                "fwd MMAC", "fwd MFLOP", "bwd_d MFLOP", "bwd_w MFLOP", "fwd MB", "bwd_d MB",
                "bwd_w MB", "fwd AI");
  out << line;
  for (const Layer& layer : network.layers) {
    const LayerCost cost = cost_of(layer, dtype);
    const PassCost& fwd = cost.fwd();
    const double ai = fwd.bytes > 0 ? real(fwd.flops) / real(fwd.bytes) : 0.0;
    std::snprintf(
        line, sizeof line, row_format, layer.name.c_str(), op_label(layer).c_str(),
        shape_summary(layer).c_str(), std::to_string(cost.params).c_str(), mega(fwd.macs).c_str(),
        mega(fwd.flops).c_str(), pass_cell(cost.pass(Pass::bwd_data), true).c_str(),
        pass_cell(cost.pass(Pass::bwd_weights), true).c_str(), mega(fwd.bytes).c_str(),
        pass_cell(cost.pass(Pass::bwd_data), false).c_str(),
        pass_cell(cost.pass(Pass::bwd_weights), false).c_str(), format("%.2f", ai).c_str());
    out << line;
  }
  const NetworkTotals t = totals_of(network, dtype);
  out << "\ntotals: " << format("%.4f", real(t.macs) / 1e9)
      << " GMAC forward (= " << format("%.4f", 2.0 * real(t.macs) / 1e9) << " GFLOP); "
      << format("%.4f", real(t.flops) / 1e9) << " GFLOP over all passes of all layers; "
      << format("%.6f", real(t.params) / 1e6) << " M parameters\n"
      << "        " << t.conv_layers << " conv layers (" << t.conv1x1_layers << " of them 1x1), "
      << t.fc_layers << " fc layers, " << network.layers.size() << " layers in all\n";
}

void write_totals_table(std::ostream& out, const std::vector<Network>& networks, DType dtype) {
  out << "Modelled: analytic counts from the layer shapes (docs/metrics.md), not measured. "
      << to_string(dtype) << ".\n"
      << "GMAC/img = forward multiply-accumulates per image (the figure papers publish); "
         "GFLOP = all passes at the batch.\n\n"
      << "| network | dataset | batch | GMAC/img | GFLOP fwd | GFLOP bwd_data | GFLOP bwd_weights "
         "| GFLOP all | M params | conv (1x1) | fc |\n"
      << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const Network& network : networks) {
    const NetworkTotals t = totals_of(network, dtype);
    const auto giga = [](std::int64_t v) { return format("%.3f", real(v) / 1e9); };
    out << "| " << network.name << " | " << (network.dataset ? to_string(*network.dataset) : "file")
        << " | " << network.batch << " | "
        << format("%.4f", real(t.macs) / real(network.batch) / 1e9) << " | "
        << giga(t.flops_by_pass[0]) << " | " << giga(t.flops_by_pass[1]) << " | "
        << giga(t.flops_by_pass[2]) << " | " << giga(t.flops) << " | "
        << format("%.3f", real(t.params) / 1e6) << " | " << t.conv_layers << " ("
        << t.conv1x1_layers << ") | " << t.fc_layers << " |\n";
  }
}

void write_layer_csv(std::ostream& out, const Network& network, DType dtype) {
  out << "network,dataset,batch,dtype,name,op,kind,N,C,H,W,K,R,S,P,Q,stride,pad,groups,"
         "stride_w,pad_w,dilation_h,dilation_w,params,"
         "macs,fwd_flops,fwd_bytes,bwd_data_flops,bwd_data_bytes,bwd_weights_flops,"
         "bwd_weights_bytes,source\n";
  for (const Layer& layer : network.layers) {
    const LayerCost cost = cost_of(layer, dtype);
    const Shape& s = layer.shape;
    out << csv_field(network.name) << ',' << (network.dataset ? to_string(*network.dataset) : "")
        << ',' << network.batch << ',' << to_string(dtype) << ',' << csv_field(layer.name) << ','
        << to_string(layer.op) << ',' << compute_kind(layer);
    for (std::int64_t v :
         {s.N, s.C, s.H, s.W, s.K, s.R, s.S, s.P, s.Q, s.stride_h, s.pad_h, s.groups, s.stride_w,
          s.pad_w, s.dilation_h, s.dilation_w, cost.params, cost.fwd().macs}) {
      out << ',' << v;
    }
    for (Pass p : kAllPasses) {
      if (const auto& pass = cost.pass(p)) {
        out << ',' << pass->flops << ',' << pass->bytes;
      } else {
        out << ",,";  // the layer does not run this pass
      }
    }
    out << ",modelled\n";  // analytic counts from the shapes, never a measurement
  }
}

}  // namespace roof
