#include "bench/common/machine_load.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace roof::bench {

CpuSample sample_cpu_time() {
  CpuSample s;
#if defined(__linux__)
  std::ifstream stat("/proc/stat");
  std::string line;
  if (!stat || !std::getline(stat, line) || !line.starts_with("cpu ")) return s;
  std::istringstream fields(line.substr(4));
  // user nice system idle iowait irq softirq steal (guest and guest_nice are inside user).
  double v[8] = {};
  for (double& x : v) {
    if (!(fields >> x)) return s;
  }
  s.busy_ticks = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
  s.total_ticks = s.busy_ticks + v[3] + v[4];
  s.steal_ticks = v[7];
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return s;
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  s.own_cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  s.valid = true;
#endif
  return s;
}

double other_load_between(const CpuSample& start, const CpuSample& end, double ticks_per_second) {
  const double total = end.total_ticks - start.total_ticks;
  if (!start.valid || !end.valid || total <= 0) return -1;
  const double own_ticks = (end.own_cpu_seconds - start.own_cpu_seconds) * ticks_per_second;
  const double other = end.busy_ticks - start.busy_ticks - own_ticks;
  // The two clocks tick apart (the kernel's per-CPU tick against rusage's exact times), so a
  // busy process alone can read a little above 100% of its CPUs: no less than 0, no more than 1.
  return std::clamp(other / total, 0.0, 1.0);
}

double steal_between(const CpuSample& start, const CpuSample& end) {
  const double total = end.total_ticks - start.total_ticks;
  if (!start.valid || !end.valid || total <= 0) return -1;
  return std::clamp((end.steal_ticks - start.steal_ticks) / total, 0.0, 1.0);
}

LoadWindow::LoadWindow() : start_(sample_cpu_time()) {}

double LoadWindow::other_load() const {
#if defined(__linux__)
  return other_load_between(start_, sample_cpu_time(), static_cast<double>(sysconf(_SC_CLK_TCK)));
#else
  return -1;
#endif
}

double LoadWindow::steal() const {
  return steal_between(start_, sample_cpu_time());
}

}  // namespace roof::bench
