#pragma once

#include <cuda_runtime_api.h>

#include <vector>

#include "kernels/cuda/device_tensor.hpp"
#include "kernels/gpu_runner.hpp"

namespace roof::cuda {

// The device side of one pass, shared by the GPU runners: the tensors the pass reads, in the
// runner's element type and layout (kernels/gpu_runner.hpp), and the one it writes (y, dx or dw).
// Channels-last moves C last in activations (N H W C) and in weights (K R S C/G); bias stays K.
struct PassBuffers {
  DeviceTensor x;
  DeviceTensor w;
  DeviceTensor bias;  // fwd of a layer with a bias
  DeviceTensor dy;
  DeviceTensor result;
};

// Converts and copies the tensors `pass` reads (require_runnable() must have accepted them) and
// allocates the result; returns when the copies on `stream` are complete.
PassBuffers upload_pass(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
                        DType dtype, kernels::GpuRunnerOptions::Layout layout, cudaStream_t stream);

// Waits for `stream`, copies the result back and returns it as fp32 in the plain layout.
std::vector<float> download_result(const PassBuffers& buffers, const Layer& layer, Pass pass,
                                   kernels::GpuRunnerOptions::Layout layout, cudaStream_t stream);

}  // namespace roof::cuda
