#pragma once

#include <cudnn.h>

#include <cstddef>
#include <string>

#include "kernels/cudnn/cudnn_descriptors.hpp"

// cuDNN's own choice of algorithm for one pass: cudnnFind*AlgorithmEx runs every algorithm on the
// real buffers (overwriting the output) and returns them fastest first; we take the fastest that
// succeeded, fits the workspace limit and keeps to the requested math.

namespace roof::cuda {

struct ChosenAlgorithm {
  int algo = 0;      // the cudnnConvolution{Fwd,BwdData,BwdFilter}Algo_t value
  std::string name;  // its enumerator, e.g. "CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED"
  std::size_t workspace_bytes = 0;
  cudnnMathType_t math = CUDNN_FMA_MATH;  // what the algorithm ran with; set on the descriptor
  float search_ms = 0.0f;                 // cuDNN's own time for it during the search
};

// The device buffers the search runs on; `workspace` holds workspace_limit bytes.
struct SearchBuffers {
  const void* input = nullptr;  // x (fwd, bwd_weights) or dy (bwd_data)
  const void* other = nullptr;  // w (fwd, bwd_data) or dy (bwd_weights)
  void* output = nullptr;       // y, dx or dw: overwritten
  void* workspace = nullptr;
  std::size_t workspace_limit = 0;
};

// Whether a search result that ran with `result` keeps to the requested math: FMA only with
// CUDNN_FMA_MATH; with CUDNN_DEFAULT_MATH (the tf32 mode, fp32 data) also the tensor-core results,
// which cuDNN may report as CUDNN_TENSOR_OP_MATH and which on fp32 data are TF32; never a
// conversion to fp16 (CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION) unless that was asked for.
bool keeps_to_math(cudnnMathType_t result, cudnnMathType_t requested);

// Throws std::runtime_error listing what cuDNN returned when nothing qualifies.
ChosenAlgorithm find_algorithm(cudnnHandle_t handle, const ConvDescriptors& d, Pass pass,
                               const SearchBuffers& buffers, cudnnMathType_t requested);

}  // namespace roof::cuda
