#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "roofline/device.hpp"

namespace roof {

// The devices predictions can use: the built-in catalogue (roofline/devices.json, compiled
// into the program) and any device files a user adds, whose entries replace built-in ones of
// the same name.
class DeviceCatalogue {
 public:
  static DeviceCatalogue builtin();

  // Parses a devices file (the schema of roofline/devices.json). `origin` names it in errors.
  // Throws InputError naming the device and the field for anything malformed.
  static std::vector<Device> parse(std::string_view json_text, const std::string& origin);

  void add_file(const std::string& path);  // throws InputError (unreadable or malformed)
  void add(Device device);

  // By name or alias, case-insensitively. Throws InputError listing the known names.
  const Device& find(std::string_view name) const;
  const std::vector<Device>& devices() const { return devices_; }

 private:
  std::vector<Device> devices_;
};

}  // namespace roof
