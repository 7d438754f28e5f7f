#include "roofline/device_catalogue.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "roofline/devices_embedded.hpp"
#include "roofline/named_entries.hpp"
#include "support/input_error.hpp"
#include "support/input_file.hpp"
#include "support/json_fields.hpp"

namespace roof {
namespace {

using nlohmann::json;

ClockedPeak read_peak(const FieldReader& group) {
  ClockedPeak peak;
  peak.source = group.text("source");
  peak.base = group.optional_positive("base");
  peak.boost = group.optional_positive("boost");
  if (!peak.base && !peak.boost) group.fail("", "needs a base or a boost value");
  return peak;
}

std::optional<SustainedValue> read_sustained(const FieldReader& sustained, const std::string& key) {
  if (!sustained.has(key)) return std::nullopt;
  const FieldReader group = sustained.child(key);
  return SustainedValue{group.positive("value"), group.text("source"), group.text_or("method", "")};
}

Device read_device(const json& entry, const std::string& path, const std::string& origin) {
  const FieldReader d(entry, path);
  Device device;
  device.name = d.text("name");
  const FieldReader named(entry, path + " (" + device.name + ")");
  device.origin = origin;
  if (named.has("aliases")) {
    const json& aliases = named.get("aliases");
    if (!aliases.is_array()) named.fail("aliases", "must be an array of strings");
    for (const json& alias : aliases) {
      if (!alias.is_string()) named.fail("aliases", "must be an array of strings");
      device.aliases.push_back(alias.get<std::string>());
    }
  }
  device.description = named.text_or("description", device.name);
  device.cite = named.text_or("cite", "");
  device.architecture = named.text_or("architecture", "");
  device.sm_count = named.count("sm_count");

  const FieldReader clocks = named.child("clock_mhz");
  device.boost_clock_mhz = clocks.positive("boost");
  device.base_clock_mhz = clocks.optional_positive("base");
  device.clock_source = clocks.text("source");
  // A clock is printed in MHz and scales every peak quoted at the other clock: from 1 MHz to
  // 100 GHz, and the base clock not above the boost.
  const auto check_clock = [&](const char* key, double mhz) {
    if (!(mhz >= 1 && mhz <= 1e5)) {
      clocks.fail(key, "must be from 1 to 100000 MHz, got " + shown(json(mhz)));
    }
  };
  check_clock("boost", device.boost_clock_mhz);
  if (device.base_clock_mhz) {
    check_clock("base", *device.base_clock_mhz);
    if (*device.base_clock_mhz > device.boost_clock_mhz) {
      clocks.fail("base", "must not be above the boost clock (" +
                              shown(json(device.boost_clock_mhz)) + " MHz), got " +
                              shown(json(*device.base_clock_mhz)));
    }
  }
  try {
    device.default_clock = parse_clock(named.text("default_clock"));
  } catch (const InputError& e) {  // named with the file and the field
    named.fail("default_clock", e.what());
  }
  device.default_clock_reason = named.text_or("default_clock_reason", "");
  device.caveat = named.text_or("caveat", "");

  const FieldReader peaks = named.child("peak_tflops");
  for (const auto& [key, value] : peaks.object().items()) {
    device.peaks[key] = read_peak(peaks.child(key));
  }
  if (!device.peaks.count("fp32")) peaks.fail("fp32", "is missing");
  // A peak quoted at one clock is scaled to the other by the clock ratio (roofline/roof.cpp):
  // the scaled value must lie in the range a quoted one may.
  if (device.base_clock_mhz) {
    const double ratio = *device.base_clock_mhz / device.boost_clock_mhz;
    for (const auto& [key, peak] : device.peaks) {
      const std::optional<double> scaled = !peak.base    ? std::optional(*peak.boost * ratio)
                                           : !peak.boost ? std::optional(*peak.base / ratio)
                                                         : std::nullopt;
      if (scaled && !(*scaled >= 1e-6 && *scaled <= 1e9)) {
        peaks.fail(key, "would be " + shown(json(*scaled)) + " TFLOP/s at the " +
                            (peak.base ? "boost" : "base") +
                            " clock, outside 1e-06 to 1e+09 (check the clocks)");
      }
    }
  }

  const FieldReader memory = named.child("memory");
  device.dram_gbs = memory.positive("bandwidth_gbs");
  device.memory_gb = memory.positive("size_gb");
  device.memory_type = memory.text_or("type", "");
  device.memory_source = memory.text("source");
  device.l2_kib = named.sourced_value("l2_kib");
  if (device.l2_kib) device.l2_source = named.child("l2_kib").text("source");
  if (named.has("host_link")) {
    const FieldReader link = named.child("host_link");
    device.host_link = link.text("name");
    device.host_link_gbs = link.optional_positive("gbs_per_direction");
    device.host_link_source = link.text_or("source", "");
  }
  device.nvlink_gbs = named.sourced_value("nvlink_total_bidir_gbs");
  if (device.nvlink_gbs)
    device.nvlink_source = named.child("nvlink_total_bidir_gbs").text("source");
  if (named.has("sustained")) {
    const FieldReader sustained = named.child("sustained");
    device.sustained_fp32_tflops = read_sustained(sustained, "fp32_tflops");
    device.sustained_dram_gbs = read_sustained(sustained, "dram_gbs");
  }
  return device;
}

}  // namespace

std::vector<Device> DeviceCatalogue::parse(std::string_view json_text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {  // not JSON, or a number too large for a double
    throw InputError("device file '" + origin + "' is not valid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("devices") || !doc.at("devices").is_array()) {
    throw InputError("device file '" + origin + "' needs a top-level \"devices\" array");
  }
  std::vector<Device> devices;
  const json& entries = doc.at("devices");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    devices.push_back(read_device(
        entries[i], "device file '" + origin + "': devices[" + std::to_string(i) + "]", origin));
  }
  if (devices.empty()) throw InputError("device file '" + origin + "' lists no devices");
  return devices;
}

DeviceCatalogue DeviceCatalogue::builtin() {
  DeviceCatalogue catalogue;
  for (Device& device : parse(builtin_devices_json(), "roofline/devices.json")) {
    device.origin = "catalogue";
    catalogue.add(std::move(device));
  }
  return catalogue;
}

void DeviceCatalogue::add_file(const std::string& path) {
  for (Device& device : parse(read_input_file(path, "device file"), path)) add(std::move(device));
}

void DeviceCatalogue::add(Device device) {
  add_named(devices_, std::move(device), "device");
}

const Device& DeviceCatalogue::find(std::string_view name) const {
  return find_named(devices_, name, "device", "roofline devices");
}

}  // namespace roof
