#pragma once

// What bench_roofs sizes its arrays from: the cache hierarchy and the free memory.

#include <cstddef>
#include <string>

namespace roof::bench {

struct CacheSizes {
  std::size_t l1d = 0;  // per core
  std::size_t l2 = 0;   // per core
  std::size_t llc = 0;  // the last level, all instances together (one per socket or CCX)
  int llc_level = 0;    // 2 where there is no L3
};

// /sys/devices/system/cpu/cpu0/cache (Linux), else sysconf; sizes of 0 where neither says.
CacheSizes cache_sizes();
// Distinct physical cores among the CPUs this process may run on (sched_getaffinity and
// /sys/devices/system/cpu/cpuN/topology), 0 where Linux does not say. With SMT two threads share
// one core's FMA units, so the theoretical peak counts cores, not threads.
int physical_cores();
std::size_t available_memory_bytes();  // sysconf(_SC_AVPHYS_PAGES): free now, not reclaimable
std::size_t physical_memory_bytes();

// The size of each STREAM array and why: the environment variable ROOF_STREAM_BYTES, else 4x
// the last-level cache (STREAM's rule), at least 64 MiB, capped so that the four arrays
// bench_roofs holds at once (STREAM's three and the intensity kernel's) take at most two thirds
// of the free memory.
struct ArraySize {
  std::size_t bytes = 0;
  std::string reason;
};
ArraySize stream_array_size(const CacheSizes& caches, std::size_t available_bytes);

}  // namespace roof::bench
