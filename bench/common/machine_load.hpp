#pragma once

// How much of the machine something other than this process used while a benchmark ran: the
// CPU time every CPU spent busy (Linux's /proc/stat, steal included: time the hypervisor gave
// to other guests) less this process's own CPU time (getrusage), as a share of all the CPUs'
// time. A ceiling measured while a third of the CPUs ran something else is not the machine's.

namespace roof::bench {

// One reading of the machine's CPU time and this process's.
struct CpuSample {
  bool valid = false;
  double busy_ticks = 0;   // all CPUs: user, nice, system, irq, softirq, steal
  double total_ticks = 0;  // busy, idle and iowait
  double steal_ticks = 0;
  double own_cpu_seconds = 0;  // this process: user and system
};
// Invalid where /proc/stat or getrusage cannot be read.
CpuSample sample_cpu_time();

// Between two samples, the share of all the CPUs' time (0 to 1) that other processes, the
// kernel on their behalf, or the hypervisor's other guests took; -1 for an invalid sample or no
// tick between them.
double other_load_between(const CpuSample& start, const CpuSample& end, double ticks_per_second);
// Of all the CPUs' time between them, the share the hypervisor stole; -1 as above.
double steal_between(const CpuSample& start, const CpuSample& end);

class LoadWindow {
 public:
  LoadWindow();               // starts the window
  double other_load() const;  // other_load_between(the start, now)
  double steal() const;       // steal_between(the start, now)

 private:
  CpuSample start_;
};

}  // namespace roof::bench
