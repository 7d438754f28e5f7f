#include <vector>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_probe.hpp"

namespace roof::cuda {

CudaProbe probe_cuda() {
  CudaProbe probe;
  cudaRuntimeGetVersion(&probe.runtime_version);  // cannot fail: a property of this binary
  if (cudaDriverGetVersion(&probe.driver_version) != cudaSuccess) probe.driver_version = 0;
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess || count == 0) {
    probe.unavailable_reason = status != cudaSuccess ? std::string(cudaGetErrorName(status)) +
                                                           ": " + cudaGetErrorString(status)
                                                     : "the driver reports no CUDA device";
    cudaGetLastError();  // clear the sticky error so later calls see a clean state
    return probe;
  }
  for (int device = 0; device < count; ++device) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, device) != cudaSuccess) continue;
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

// Owns one device allocation; freed even when a check throws.
class DeviceInts {
 public:
  explicit DeviceInts(int n) { ROOF_CUDA_CHECK(cudaMalloc(&data_, sizeof(int) * n)); }
  ~DeviceInts() { ROOF_CUDA_CHECK_NOTHROW(cudaFree(data_)); }
  DeviceInts(const DeviceInts&) = delete;
  DeviceInts& operator=(const DeviceInts&) = delete;
  int* get() const { return data_; }

 private:
  int* data_ = nullptr;
};

}  // namespace

int run_smoke_kernel(int device) {
  constexpr int n = 1 << 16;
  ROOF_CUDA_CHECK(cudaSetDevice(device));
  DeviceInts buffer(n);
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
