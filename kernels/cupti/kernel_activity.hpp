#pragma once

// Which kernels a piece of GPU work launched, recorded by CUPTI's activity API
// (CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, which records without serialising kernels): the name,
// grid, block and duration of each, so a benchmark's JSON can say that cuDNN ran a Winograd
// kernel or cuBLAS a tensor-core one.

#include <vector>

#include "kernels/cupti/kernel_records.hpp"

namespace roof::cupti {

// Enables kernel activity records on construction (registering CUPTI's buffer callbacks) and
// flushes and disables them on destruction. CUPTI's activity state is one per process, so at
// most one recorder may exist at a time (a second throws std::logic_error); neither copyable nor
// movable, as the process-wide state is what it owns. Throws CuptiError when CUPTI refuses (on a
// machine without a driver cuptiActivityEnable fails), std::runtime_error in a build without
// CUPTI.
class KernelActivityRecorder {
 public:
  KernelActivityRecorder();
  ~KernelActivityRecorder();
  KernelActivityRecorder(const KernelActivityRecorder&) = delete;
  KernelActivityRecorder& operator=(const KernelActivityRecorder&) = delete;

  // Waits for the device, then forgets every record so far: what stop() returns starts here.
  void start();
  // Waits for the device, flushes CUPTI's buffers and returns the kernels that ran since start(),
  // in the order they started. Throws CuptiError if CUPTI dropped records (a full buffer).
  std::vector<KernelRecord> stop();
};

// Whether this build can record kernels at all (it was built with CUPTI).
bool kernel_activity_compiled_in();

}  // namespace roof::cupti
