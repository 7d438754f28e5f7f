#include "bench/roofs/machine.hpp"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>

namespace roof::bench {
namespace {

std::string read_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// "48K", "2048K", "480M" as the kernel writes cache sizes.
std::size_t parse_size(const std::string& text) {
  if (text.empty()) return 0;
  std::size_t used = 0;
  const unsigned long long value = std::stoull(text, &used);
  const char unit = used < text.size() ? text[used] : ' ';
  const std::size_t scale = unit == 'K'   ? 1024
                            : unit == 'M' ? 1024 * 1024
                            : unit == 'G' ? 1 << 30
                                          : 1;
  return static_cast<std::size_t>(value) * scale;
}

// CPUs in a list such as "0-1,4,6-7".
std::size_t count_cpus(const std::string& list) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < list.size()) {
    const std::size_t comma = std::min(list.find(',', pos), list.size());
    const std::string part = list.substr(pos, comma - pos);
    const std::size_t dash = part.find('-');
    count +=
        dash == std::string::npos ? 1 : std::stoul(part.substr(dash + 1)) - std::stoul(part) + 1;
    pos = comma + 1;
  }
  return count;
}

std::size_t sysconf_bytes(int name) {
  const long value = sysconf(name);
  return value > 0 ? static_cast<std::size_t>(value) : 0;
}

// /proc/meminfo's MemAvailable in bytes, 0 where it has none.
std::size_t meminfo_available_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    unsigned long long kib = 0;
    if (std::sscanf(line.c_str(), "MemAvailable: %llu kB", &kib) == 1) {
      return static_cast<std::size_t>(kib) * 1024;
    }
  }
  return 0;
}

// ROOF_STREAM_BYTES: decimal digits and at most one K, M or G suffix, nothing else (std::stoull
// would read "-4096" as 2^64 - 4096 and " 1e4" as 1); 0 when the text is not such a size or
// its bytes do not fit in 64 bits.
std::size_t parse_environment_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19 || text.size() > digits + 1) return 0;
  const std::string suffix = text.substr(digits);
  if (!suffix.empty() && suffix != "K" && suffix != "M" && suffix != "G") return 0;
  const unsigned long long value = std::stoull(text.substr(0, digits));
  const unsigned long long scale = parse_size("1" + suffix);
  if (value > std::numeric_limits<std::size_t>::max() / scale) return 0;
  return static_cast<std::size_t>(value * scale);
}

}  // namespace

CacheSizes cache_sizes() {
  CacheSizes caches;
  std::size_t llc_sharing = 1;
  const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index";
  for (int index = 0; index < 8; ++index) {
    const std::string base = dir + std::to_string(index) + "/";
    const std::string type = read_line(base + "type");
    if (type.empty()) break;
    if (type == "Instruction") continue;
    const int level = std::atoi(read_line(base + "level").c_str());
    const std::size_t size = parse_size(read_line(base + "size"));
    if (level == 1) caches.l1d = size;
    if (level == 2) caches.l2 = size;
    if (level >= caches.llc_level) {
      caches.llc_level = level;
      caches.llc = size;
      llc_sharing = std::max<std::size_t>(count_cpus(read_line(base + "shared_cpu_list")), 1);
    }
  }
#if defined(_SC_LEVEL1_DCACHE_SIZE)
  if (caches.llc_level == 0) {
    caches.l1d = sysconf_bytes(_SC_LEVEL1_DCACHE_SIZE);
    caches.l2 = sysconf_bytes(_SC_LEVEL2_CACHE_SIZE);
    caches.llc = sysconf_bytes(_SC_LEVEL3_CACHE_SIZE);
    caches.llc_level = caches.llc > 0 ? 3 : 2;
    if (caches.llc == 0) caches.llc = caches.l2;
  }
#endif
  // One instance of the last level per group of CPUs that share it.
  const std::size_t cpus = std::max<std::size_t>(sysconf_bytes(_SC_NPROCESSORS_ONLN), 1);
  caches.llc *= std::max<std::size_t>(cpus / llc_sharing, 1);
  return caches;
}

int physical_cores() {
#if defined(__linux__)
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return 0;
  std::set<std::pair<std::string, std::string>> cores;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &allowed)) continue;
    const std::string base = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
    const std::string core = read_line(base + "core_id");
    if (core.empty()) return 0;
    cores.emplace(read_line(base + "physical_package_id"), core);
  }
  return static_cast<int>(cores.size());
#else
  return 0;
#endif
}

std::size_t available_memory_bytes() {
  return sysconf_bytes(_SC_AVPHYS_PAGES) * sysconf_bytes(_SC_PAGESIZE);
}

std::size_t physical_memory_bytes() {
  return sysconf_bytes(_SC_PHYS_PAGES) * sysconf_bytes(_SC_PAGESIZE);
}

ArraySize stream_array_size(const CacheSizes& caches, std::size_t available_bytes) {
  if (const char* text = std::getenv("ROOF_STREAM_BYTES"); text != nullptr && *text != '\0') {
    const std::size_t bytes = parse_environment_size(text);
    if (bytes < 4096)
      throw std::runtime_error("ROOF_STREAM_BYTES=" + std::string(text) +
                               ": expected at least 4096 (K, M, G suffixes)");
    // The four arrays held at once (STREAM's three and the intensity kernel's) must fit in the
    // memory the kernel could give (MemAvailable, which counts the page cache it can drop; the
    // free memory without it, where /proc/meminfo has no such line), or the first touch swaps
    // or the allocation fails after the run started.
    const std::size_t allocatable = std::max(available_bytes, meminfo_available_bytes());
    if (allocatable > 0 && bytes > allocatable / 4) {
      throw std::runtime_error("ROOF_STREAM_BYTES=" + std::string(text) +
                               ": four arrays of that size do not fit in the " +
                               std::to_string(allocatable >> 20) + " MiB of available memory");
    }
    return {bytes, "ROOF_STREAM_BYTES"};
  }
  constexpr std::size_t kMinimum = std::size_t{64} << 20;
  const std::size_t wanted = std::max(4 * caches.llc, kMinimum);
  const std::size_t cap = available_bytes / 6;
  if (cap > 0 && wanted > cap) {
    return {cap, "4x the last-level cache would not fit: capped at 1/6 of the free memory"};
  }
  return {wanted, "4x the last-level cache (STREAM's rule)"};
}

}  // namespace roof::bench
