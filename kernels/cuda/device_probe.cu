#include <vector>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/device_probe.hpp"

namespace roof::cuda {

CudaProbe probe_cuda() {
  CudaProbe probe;
  // The probe never throws: every failure below is an answer ("no driver", "no GPU").
  if (cudaRuntimeGetVersion(&probe.runtime_version) != cudaSuccess) probe.runtime_version = 0;
  if (cudaDriverGetVersion(&probe.driver_version) != cudaSuccess) probe.driver_version = 0;
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess || count == 0) {
    probe.unavailable_reason = status != cudaSuccess ? std::string(cudaGetErrorName(status)) +
                                                           ": " + cudaGetErrorString(status)
                                                     : "the driver reports no CUDA device";
    // cudaGetLastError() returns the error just recorded and resets it, so later calls see a
    // clean state; its value is the `status` already reported.
    static_cast<void>(cudaGetLastError());
    return probe;
  }
  for (int device = 0; device < count; ++device) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, device) != cudaSuccess) {
      static_cast<void>(cudaGetLastError());  // as above: leave no error for a later check
      continue;
    }
    probe.gpus.push_back(GpuInfo{prop.name, prop.major, prop.minor, prop.multiProcessorCount,
                                 static_cast<std::int64_t>(prop.totalGlobalMem),
                                 static_cast<std::int64_t>(prop.l2CacheSize)});
  }
  return probe;
}

namespace {

__global__ void affine_index_kernel(int* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = 3 * i + 1;
}

}  // namespace

int run_smoke_kernel(int device) {
  constexpr int n = 1 << 16;
  ROOF_CUDA_CHECK(cudaSetDevice(device));
  DeviceBuffer<int> buffer(n);
  constexpr int threads = 256;
  affine_index_kernel<<<(n + threads - 1) / threads, threads>>>(buffer.get(), n);
  ROOF_CUDA_CHECK(cudaGetLastError());
  std::vector<int> host(n, 0);
  ROOF_CUDA_CHECK(cudaMemcpy(host.data(), buffer.get(), sizeof(int) * n, cudaMemcpyDeviceToHost));
  int wrong = 0;
  for (int i = 0; i < n; ++i) wrong += host[i] != 3 * i + 1 ? 1 : 0;
  return wrong;
}

}  // namespace roof::cuda
