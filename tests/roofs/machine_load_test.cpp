// The load window counts what other processes ran, not this one: a ceiling's `other_load`
// must see a busy neighbour and must not blame the benchmark's own threads.
#include "bench/common/machine_load.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#if defined(__linux__)
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace roof::bench {
namespace {

void spin_for(std::chrono::milliseconds duration) {
  const auto end = std::chrono::steady_clock::now() + duration;
  volatile unsigned x = 0;
  while (std::chrono::steady_clock::now() < end) x = x + 1;
}

// The accounting itself, on samples made up for it: 2 CPUs at 100 ticks a second for 1 s (200
// ticks in all), 130 of them busy, 0.8 s of them this process's own (80 ticks), 20 stolen.
TEST(LoadWindow, OtherLoadIsBusyTimeLessThisProcesssOwnOverAllTheCpusTime) {
  const CpuSample start{true, 1000, 5000, 10, 2.0};
  const CpuSample end{true, 1130, 5200, 30, 2.8};
  EXPECT_DOUBLE_EQ(other_load_between(start, end, 100), (130.0 - 80) / 200);
  EXPECT_DOUBLE_EQ(steal_between(start, end), 20.0 / 200);
  // This process's own time is never another's, even when the two clocks disagree.
  const CpuSample only_own{true, 1080, 5200, 10, 3.0};
  EXPECT_DOUBLE_EQ(other_load_between(start, only_own, 100), 0);
  // Nothing to tell from an invalid sample or a window shorter than a tick.
  EXPECT_EQ(other_load_between(CpuSample{}, end, 100), -1);
  EXPECT_EQ(other_load_between(start, start, 100), -1);
  EXPECT_EQ(steal_between(start, CpuSample{}), -1);
}

TEST(LoadWindow, IsAShareOfTheCpusOrSaysItCannotTell) {
  const LoadWindow window;
  spin_for(std::chrono::milliseconds(50));
  const double load = window.other_load();
  EXPECT_TRUE(load == -1 || (load >= 0 && load <= 1)) << load;
  const double steal = window.steal();
  EXPECT_TRUE(steal == -1 || (steal >= 0 && steal <= 1)) << steal;
}

#if defined(__linux__)
// A child process spinning on one CPU for 0.4 s while this one sleeps holds 1/N of the N CPUs'
// time; the window must see at least half of that (the kernel's tick is 10 ms or less).
TEST(LoadWindow, SeesAnotherProcessSpinning) {
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  ASSERT_GT(cpus, 0);
  const LoadWindow window;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    spin_for(std::chrono::milliseconds(400));
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  const double load = window.other_load();
  if (load == -1) GTEST_SKIP() << "no /proc/stat";
  EXPECT_GT(load, 0.5 / static_cast<double>(cpus));
}

#endif

}  // namespace
}  // namespace roof::bench
