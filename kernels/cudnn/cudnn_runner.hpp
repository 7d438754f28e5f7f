#pragma once

#include <optional>

#include "kernels/cuda/cudnn_handle.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/pass_buffers.hpp"
#include "kernels/cudnn/cudnn_algorithms.hpp"
#include "kernels/cudnn/cudnn_descriptors.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::cuda {

// "cudnn": cuDNN's legacy convolution API (cudnnConvolutionForward, BackwardData, BackwardFilter),
// present in cuDNN 8 and 9, so the same code serves CUDA 11 clusters. prepare() lets cuDNN time
// its algorithms on the real buffers (cudnnFind*AlgorithmEx) within the workspace limit and keeps
// the fastest; algorithm() names it. Convolutions only: fc layers are cuBLAS's.
class CudnnRunner final : public kernels::GpuLayerRunner {
 public:
  explicit CudnnRunner(const kernels::GpuRunnerOptions& options);

  std::string_view name() const override { return "cudnn"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
               cudaStream_t stream) override;
  void enqueue(cudaStream_t stream) override;
  std::vector<float> result() override;
  std::string algorithm() const override;

 private:
  kernels::GpuRunnerOptions options_;
  std::optional<CudnnHandle> handle_;  // created by the first prepare(): it needs a GPU
  Layer layer_;
  Pass pass_ = Pass::fwd;
  std::optional<ConvDescriptors> descriptors_;
  PassBuffers buffers_;
  ChosenAlgorithm chosen_;
  DeviceBuffer<std::byte> workspace_;
  cudaStream_t last_stream_ = nullptr;
  bool prepared_ = false;
};

}  // namespace roof::cuda
