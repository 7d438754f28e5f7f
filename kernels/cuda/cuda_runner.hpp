#pragma once

#include "kernels/cuda/conv_geometry.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/pass_buffers.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::cuda {

// "cuda": our own kernels, written to be read (the *_threads.hpp headers), fp32 NCHW only.
//   fwd          im2col + tiled SGEMM per image and group (im2col_gemm_plan.hpp), or the direct
//                kernel when constructed with FwdAlgorithm::direct;
//   bwd_data     direct, one thread per dx element, gathering over the taps that read it;
//   bwd_weights  direct, one thread per dw element, summing over images and pixels.
// fc layers run as the 1x1 convolution they are. The baseline that shows where straightforward
// GPU code sits under the roofs cuDNN and cuBLAS reach.
class CudaRunner final : public kernels::GpuLayerRunner {
 public:
  enum class FwdAlgorithm { im2col_gemm, direct };

  explicit CudaRunner(const kernels::GpuRunnerOptions& options,
                      FwdAlgorithm fwd = FwdAlgorithm::im2col_gemm);

  std::string_view name() const override { return "cuda"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
               cudaStream_t stream) override;
  void enqueue(cudaStream_t stream) override;
  std::vector<float> result() override;
  std::string algorithm() const override;

 private:
  kernels::GpuRunnerOptions options_;
  FwdAlgorithm fwd_algorithm_;
  Layer layer_;
  Pass pass_ = Pass::fwd;
  ConvGeometry geometry_;
  PassBuffers buffers_;
  DeviceBuffer<float> columns_;  // im2col's matrix of one image and group
  cudaStream_t last_stream_ = nullptr;
  bool prepared_ = false;
};

}  // namespace roof::cuda
