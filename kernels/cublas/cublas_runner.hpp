#pragma once

#include <optional>

#include "kernels/cublas/cublas_gemm.hpp"
#include "kernels/cublas/cublas_plan.hpp"
#include "kernels/cuda/cublas_handle.hpp"
#include "kernels/cuda/pass_buffers.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::cuda {

// "cublas": the passes that are matrix products as they lie, each one cuBLAS GEMM (cublas_plan.hpp
// has every call and its transposes): fc layers, and 1x1 convolutions with stride 1, no padding
// and one group (NCHW: a strided-batched GEMM over the images, bwd_weights one GEMM per image;
// NHWC: one GEMM over every pixel). A bias is one more GEMM of inner dimension 1, timed with the
// pass. supports() is false for every other layer: cuBLAS has no im2col.
class CublasRunner final : public kernels::GpuLayerRunner {
 public:
  explicit CublasRunner(const kernels::GpuRunnerOptions& options);

  std::string_view name() const override { return "cublas"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
               cudaStream_t stream) override;
  void enqueue(cudaStream_t stream) override;
  std::vector<float> result() override;
  // Empty: cuBLAS picks its kernel inside each call and does not say which.
  std::string algorithm() const override { return ""; }

 private:
  kernels::GpuRunnerOptions options_;
  std::optional<CublasHandle> handle_;  // created by the first prepare(): it needs a GPU
  Layer layer_;
  Pass pass_ = Pass::fwd;
  CublasPlan plan_;
  PassBuffers buffers_;
  DeviceTensor ones_;
  OperandPointers operands_;
  cudaStream_t last_stream_ = nullptr;
  bool prepared_ = false;
};

}  // namespace roof::cuda
