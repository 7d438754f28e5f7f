#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roof::cuda {

struct GpuInfo {
  std::string name;
  int compute_major = 0;
  int compute_minor = 0;
  int sm_count = 0;
  std::int64_t memory_bytes = 0;
  std::int64_t l2_bytes = 0;
};

// What this machine offers: the runtime's version, and either the GPUs or the runtime's reason
// for having none (no driver, no device). Never throws: "no GPU" is an answer, not an error.
struct CudaProbe {
  int runtime_version = 0;  // e.g. 13000
  int driver_version = 0;   // 0 when no driver is installed
  std::vector<GpuInfo> gpus;
  std::string unavailable_reason;  // the runtime's error text when gpus is empty

  bool has_gpu() const { return !gpus.empty(); }
};

CudaProbe probe_cuda();

// Runs a trivial kernel on `device` and checks every element it wrote on the host: proof that
// the build's architectures run on that GPU. Returns the number of wrong elements; throws
// CudaError when a call fails.
int run_smoke_kernel(int device);

}  // namespace roof::cuda
