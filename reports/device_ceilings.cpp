#include "reports/device_ceilings.hpp"

#include "support/text_format.hpp"

namespace roof::report {
namespace {

std::string peak_name(const std::string& key) {
  if (key == "fp32") return "FP32";
  if (key == "fp64") return "FP64";
  if (key == "fp16") return "FP16";
  if (key == "tensor_fp16") return "FP16 tensor";
  if (key == "tensor_tf32") return "TF32 tensor";
  return key;
}

// A peak at the roof's clock: published there, or scaled from the other clock (peaks are
// cores x FLOPs per cycle x clock), as roofline/roof.cpp does for the roof itself.
std::optional<double> peak_at(const Device& device, const ClockedPeak& peak, const Roof& roof) {
  if (roof.clock_set) {  // --clock MHZ: scaled from the rated clock, as roofline/roof.cpp does
    const bool boost = peak.boost.has_value();
    const double rated_mhz = boost ? device.boost_clock_mhz : device.base_clock_mhz.value_or(0);
    if (rated_mhz <= 0 || !(boost ? peak.boost : peak.base)) return std::nullopt;
    return *(boost ? peak.boost : peak.base) * 1e12 * roof.clock_mhz / rated_mhz;
  }
  const bool base = roof.clock == Clock::base;
  if (const std::optional<double>& v = base ? peak.base : peak.boost) return *v * 1e12;
  const std::optional<double>& other = base ? peak.boost : peak.base;
  const double other_mhz = base ? device.boost_clock_mhz : device.base_clock_mhz.value_or(0);
  if (!other || other_mhz <= 0) return std::nullopt;
  return *other * 1e12 * roof.clock_mhz / other_mhz;
}

std::string kind_of(const Device& device, const Roof& roof) {
  if (device.measured) return "measured";
  return roof.ceilings == Ceilings::sustained ? "sustained" : "theoretical";
}

}  // namespace

namespace {

// Three significant figures from 1 to 999, which is what a ceiling's source supports.
std::string three_figures(double value) {
  return fixed(value, value >= 100 ? 0 : value >= 10 ? 1 : 2);
}

}  // namespace

std::string flops_text(double flops) {
  if (flops >= 1e12) return three_figures(flops / 1e12) + " TFLOP/s";
  if (flops >= 1e9) return three_figures(flops / 1e9) + " GFLOP/s";
  return three_figures(flops / 1e6) + " MFLOP/s";
}

std::string bandwidth_text(double bytes_per_second) {
  if (bytes_per_second >= 1e12) return fixed(bytes_per_second / 1e12, 2) + " TB/s";
  return fixed(bytes_per_second / 1e9, bytes_per_second >= 1e11 ? 0 : 1) + " GB/s";
}

chart::RoofLines roof_lines(const Device& device, const Roof& roof,
                            const std::vector<CacheCeiling>& caches, std::string colour,
                            bool short_labels) {
  chart::RoofLines lines;
  lines.name = roof.device;
  lines.colour = std::move(colour);
  // Every roof label (roofline/roof.cpp) starts with the key of the peak it uses.
  const std::string key = roof.compute_label.substr(0, roof.compute_label.find(' '));
  const std::string kind = kind_of(device, roof);
  auto with_kind = [&](const std::string& label, const std::string& word) {
    return short_labels ? label : label + " " + word;
  };
  // A sustained ceiling that fell back to the theoretical one says so in its label.
  const bool fell_back = roof.compute_label.find("[no published sustained") != std::string::npos;
  lines.peak = {with_kind(peak_name(key) + " " + flops_text(roof.peak_flops),
                          fell_back ? "theoretical" : kind),
                roof.peak_flops};
  const bool memory_fell_back =
      roof.memory_label.find("[no published sustained") != std::string::npos;
  lines.bandwidth = {
      with_kind((device.measured ? "DRAM (" + device.measured->memory_kernel + ") " : "DRAM ") +
                    bandwidth_text(roof.bandwidth),
                memory_fell_back ? "theoretical" : kind),
      roof.bandwidth};
  for (const auto& [name, peak] : device.peaks) {
    if (name == key) continue;
    if (const std::optional<double> value = peak_at(device, peak, roof)) {
      lines.other_compute.push_back({with_kind(peak_name(name) + " " + flops_text(*value),
                                               device.measured ? "measured" : "theoretical"),
                                     *value});
    }
  }
  // L2 and the last level before DRAM: where a layer's data comes from when it fits (L1 holds
  // no layer's working set).
  const CacheCeiling* last = nullptr;
  for (const CacheCeiling& c : caches) {
    if (c.level == "L2") {
      lines.other_memory.push_back(
          {with_kind("L2 (" + c.kernel + ") " + bandwidth_text(c.bytes_per_second), "measured"),
           c.bytes_per_second});
    }
    if (c.level != "L1" && c.level != "L2" && c.level != "DRAM") last = &c;
  }
  if (last != nullptr) {
    lines.other_memory.push_back({with_kind(last->level + " (" + last->kernel + ") " +
                                                bandwidth_text(last->bytes_per_second),
                                            "measured"),
                                  last->bytes_per_second});
  }
  return lines;
}

}  // namespace roof::report
