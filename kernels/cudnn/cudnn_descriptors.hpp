#pragma once

#include <cudnn.h>

#include <array>

#include "kernels/gpu_runner.hpp"

// cuDNN's legacy convolution descriptors (cuDNN 8 and 9 alike, so the same code builds for the
// CUDA 11 clusters), owned and set from our Layer. Creating and setting descriptors needs no GPU
// and no cuDNN handle, so tests/gpu checks them here on every catalogue layer.

namespace roof::cuda {

// Move-only owners of one descriptor each.
class TensorDescriptor {
 public:
  TensorDescriptor();
  ~TensorDescriptor();
  TensorDescriptor(TensorDescriptor&& other) noexcept;
  TensorDescriptor& operator=(TensorDescriptor&& other) noexcept;
  TensorDescriptor(const TensorDescriptor&) = delete;
  TensorDescriptor& operator=(const TensorDescriptor&) = delete;
  cudnnTensorDescriptor_t get() const { return descriptor_; }

 private:
  cudnnTensorDescriptor_t descriptor_ = nullptr;
};

class FilterDescriptor {
 public:
  FilterDescriptor();
  ~FilterDescriptor();
  FilterDescriptor(FilterDescriptor&& other) noexcept;
  FilterDescriptor& operator=(FilterDescriptor&& other) noexcept;
  FilterDescriptor(const FilterDescriptor&) = delete;
  FilterDescriptor& operator=(const FilterDescriptor&) = delete;
  cudnnFilterDescriptor_t get() const { return descriptor_; }

 private:
  cudnnFilterDescriptor_t descriptor_ = nullptr;
};

class ConvolutionDescriptor {
 public:
  ConvolutionDescriptor();
  ~ConvolutionDescriptor();
  ConvolutionDescriptor(ConvolutionDescriptor&& other) noexcept;
  ConvolutionDescriptor& operator=(ConvolutionDescriptor&& other) noexcept;
  ConvolutionDescriptor(const ConvolutionDescriptor&) = delete;
  ConvolutionDescriptor& operator=(const ConvolutionDescriptor&) = delete;
  cudnnConvolutionDescriptor_t get() const { return descriptor_; }

 private:
  cudnnConvolutionDescriptor_t descriptor_ = nullptr;
};

// x: N C H W; w: K C/groups R S; y: N K P Q; bias: 1 K 1 1; all in `layout` (channels-last:
// NHWC, and KRSC filters) and the element type of `dtype`. conv: cross-correlation (what
// frameworks call convolution) with the layer's padding, stride, dilation counted as cuDNN does
// (benchdnn's + 1), groups, fp32 arithmetic (fp16 data: "pseudo half", fp16 storage and fp32
// sums) and `math`.
struct ConvDescriptors {
  TensorDescriptor x;
  FilterDescriptor w;
  ConvolutionDescriptor conv;
  TensorDescriptor y;
  TensorDescriptor bias;
};

ConvDescriptors conv_descriptors(const Layer& layer, DType dtype,
                                 kernels::GpuRunnerOptions::Layout layout, cudnnMathType_t math);

// The math type the options ask of cuDNN (kernels/gpu_runner.hpp says why default_math is
// CUDNN_FMA_MATH).
cudnnMathType_t cudnn_math_type(const kernels::GpuRunnerOptions& options);
const char* cudnn_math_name(cudnnMathType_t math);

// Whether cuDNN's legacy API can describe the layer: a conv layer whose extents fit an int and
// whose tensors each hold fewer than 2^31 elements (its descriptors' limit).
bool cudnn_can_describe(const Layer& layer);

// (N, K, P, Q) of the output as cuDNN computes it from the descriptors
// (cudnnGetConvolution2dForwardOutputDim, whatever the layout): must equal the layer's own.
std::array<int, 4> forward_output_dims(const ConvDescriptors& descriptors);
// The same from fp32 NCHW descriptors of the layer: no GPU needed.
std::array<int, 4> cudnn_forward_output_dims(const Layer& layer);

}  // namespace roof::cuda
