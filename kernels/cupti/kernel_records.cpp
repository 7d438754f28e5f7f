#include "kernels/cupti/kernel_records.hpp"

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace roof::cupti {
namespace {

std::string extent(const Extent3& e) {
  // Appended, not "(" + ...: GCC 12's -Wrestrict misfires on a literal plus a temporary string.
  std::string text = "(";
  text += std::to_string(e.x);
  text += ',';
  text += std::to_string(e.y);
  text += ',';
  text += std::to_string(e.z);
  return text += ')';
}

std::string duration(std::uint64_t ns) {
  char text[32];
  if (ns >= 1000000) {
    std::snprintf(text, sizeof text, "%.3g ms", static_cast<double>(ns) * 1e-6);
  } else {
    std::snprintf(text, sizeof text, "%.3g us", static_cast<double>(ns) * 1e-3);
  }
  return text;
}

bool same_launch(const KernelRecord& a, const KernelRecord& b) {
  return a.name == b.name && a.grid.x == b.grid.x && a.grid.y == b.grid.y && a.grid.z == b.grid.z &&
         a.block.x == b.block.x && a.block.y == b.block.y && a.block.z == b.block.z;
}

}  // namespace

std::string demangle(const char* name) {
  if (name == nullptr) return "(unnamed kernel)";
  int status = 0;
  const std::unique_ptr<char, decltype(&std::free)> text(
      abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free);
  return status == 0 && text != nullptr ? std::string(text.get()) : std::string(name);
}

std::string describe_kernels(const std::vector<KernelRecord>& records) {
  if (records.empty()) return "no kernels recorded";
  std::string text;
  for (std::size_t i = 0; i < records.size();) {
    // A run of identical launches (a per-image loop, repeated GEMMs) is one entry with a count
    // and the total time, so a label stays one readable line.
    std::size_t end = i + 1;
    std::uint64_t total_ns = records[i].duration_ns;
    while (end < records.size() && same_launch(records[i], records[end])) {
      total_ns += records[end].duration_ns;
      ++end;
    }
    if (!text.empty()) text += "; ";
    text += records[i].name + " <<<" + extent(records[i].grid) + "," + extent(records[i].block) +
            ">>> " + duration(total_ns);
    if (end - i > 1) text += " in " + std::to_string(end - i) + " launches";
    i = end;
  }
  return text;
}

}  // namespace roof::cupti
