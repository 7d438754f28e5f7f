#include "kernels/cudnn/cudnn_descriptors.hpp"

#include <limits>
#include <utility>

#include "kernels/cuda/cudnn_check.hpp"

namespace roof::cuda {

TensorDescriptor::TensorDescriptor() {
  ROOF_CUDNN_CHECK(cudnnCreateTensorDescriptor(&descriptor_));
}

TensorDescriptor::~TensorDescriptor() {
  if (descriptor_ != nullptr) ROOF_CUDNN_CHECK_NOTHROW(cudnnDestroyTensorDescriptor(descriptor_));
}

TensorDescriptor::TensorDescriptor(TensorDescriptor&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, nullptr)) {}

TensorDescriptor& TensorDescriptor::operator=(TensorDescriptor&& other) noexcept {
  std::swap(descriptor_, other.descriptor_);  // `other` destroys ours
  return *this;
}

FilterDescriptor::FilterDescriptor() {
  ROOF_CUDNN_CHECK(cudnnCreateFilterDescriptor(&descriptor_));
}

FilterDescriptor::~FilterDescriptor() {
  if (descriptor_ != nullptr) ROOF_CUDNN_CHECK_NOTHROW(cudnnDestroyFilterDescriptor(descriptor_));
}

FilterDescriptor::FilterDescriptor(FilterDescriptor&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, nullptr)) {}

FilterDescriptor& FilterDescriptor::operator=(FilterDescriptor&& other) noexcept {
  std::swap(descriptor_, other.descriptor_);
  return *this;
}

ConvolutionDescriptor::ConvolutionDescriptor() {
  ROOF_CUDNN_CHECK(cudnnCreateConvolutionDescriptor(&descriptor_));
}

ConvolutionDescriptor::~ConvolutionDescriptor() {
  if (descriptor_ != nullptr) {
    ROOF_CUDNN_CHECK_NOTHROW(cudnnDestroyConvolutionDescriptor(descriptor_));
  }
}

ConvolutionDescriptor::ConvolutionDescriptor(ConvolutionDescriptor&& other) noexcept
    : descriptor_(std::exchange(other.descriptor_, nullptr)) {}

ConvolutionDescriptor& ConvolutionDescriptor::operator=(ConvolutionDescriptor&& other) noexcept {
  std::swap(descriptor_, other.descriptor_);
  return *this;
}

namespace {

using Layout = kernels::GpuRunnerOptions::Layout;

int to_int(std::int64_t value) {
  return static_cast<int>(value);  // cudnn_can_describe() has checked the range
}

cudnnDataType_t data_type(DType dtype) {
  return dtype == DType::fp16 ? CUDNN_DATA_HALF : CUDNN_DATA_FLOAT;
}

cudnnTensorFormat_t format(Layout layout) {
  return layout == Layout::nhwc ? CUDNN_TENSOR_NHWC : CUDNN_TENSOR_NCHW;
}

void set_tensor(const TensorDescriptor& d, Layout layout, DType dtype, std::int64_t n,
                std::int64_t c, std::int64_t h, std::int64_t w) {
  ROOF_CUDNN_CHECK(cudnnSetTensor4dDescriptor(d.get(), format(layout), data_type(dtype), to_int(n),
                                              to_int(c), to_int(h), to_int(w)));
}

bool fits_int(std::int64_t value) {
  return value > 0 && value <= std::numeric_limits<int>::max();
}

}  // namespace

ConvDescriptors conv_descriptors(const Layer& layer, DType dtype, Layout layout,
                                 cudnnMathType_t math) {
  const Shape& s = layer.shape;
  ConvDescriptors d;
  set_tensor(d.x, layout, dtype, s.N, s.C, s.H, s.W);
  set_tensor(d.y, layout, dtype, s.N, s.K, s.P, s.Q);
  set_tensor(d.bias, layout, dtype, 1, s.K, 1, 1);
  // A grouped convolution's filters hold C/groups channels each (cuDNN's grouped convolution).
  ROOF_CUDNN_CHECK(cudnnSetFilter4dDescriptor(d.w.get(), data_type(dtype), format(layout),
                                              to_int(s.K), to_int(s.C / s.groups), to_int(s.R),
                                              to_int(s.S)));
  ROOF_CUDNN_CHECK(cudnnSetConvolution2dDescriptor(
      d.conv.get(), to_int(s.pad_h), to_int(s.pad_w), to_int(s.stride_h), to_int(s.stride_w),
      to_int(s.dilation_h + 1), to_int(s.dilation_w + 1), CUDNN_CROSS_CORRELATION,
      CUDNN_DATA_FLOAT));
  ROOF_CUDNN_CHECK(cudnnSetConvolutionGroupCount(d.conv.get(), to_int(s.groups)));
  ROOF_CUDNN_CHECK(cudnnSetConvolutionMathType(d.conv.get(), math));
  return d;
}

cudnnMathType_t cudnn_math_type(const kernels::GpuRunnerOptions& options) {
  using MathMode = kernels::GpuRunnerOptions::MathMode;
  switch (options.math) {
    case MathMode::default_math:
      return CUDNN_FMA_MATH;
    case MathMode::tf32:
      // For fp32 data CUDNN_DEFAULT_MATH is cuDNN's switch for TF32 tensor cores (Ampere and
      // newer; NVIDIA_TF32_OVERRIDE=0 turns them off).
      return CUDNN_DEFAULT_MATH;
    case MathMode::tensor_op:
      return options.dtype == DType::fp16 ? CUDNN_TENSOR_OP_MATH
                                          : CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION;
  }
  return CUDNN_FMA_MATH;
}

const char* cudnn_math_name(cudnnMathType_t math) {
  switch (math) {
    case CUDNN_DEFAULT_MATH:
      return "CUDNN_DEFAULT_MATH";
    case CUDNN_TENSOR_OP_MATH:
      return "CUDNN_TENSOR_OP_MATH";
    case CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION:
      return "CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION";
    case CUDNN_FMA_MATH:
      return "CUDNN_FMA_MATH";
  }
  return "an unknown cuDNN math type";
}

bool cudnn_can_describe(const Layer& layer) {
  if (layer.op != Op::conv) return false;
  const Shape& s = layer.shape;
  for (std::int64_t extent : {s.N, s.C, s.H, s.W, s.K, s.R, s.S, s.P, s.Q, s.stride_h, s.stride_w,
                              s.dilation_h + 1, s.dilation_w + 1, s.groups}) {
    if (!fits_int(extent)) return false;
  }
  for (std::int64_t elements :
       {s.N * s.C * s.H * s.W, s.N * s.K * s.P * s.Q, s.K * (s.C / s.groups) * s.R * s.S}) {
    if (!fits_int(elements)) return false;
  }
  return fits_int(s.pad_h + 1) && fits_int(s.pad_w + 1);  // padding may be 0
}

std::array<int, 4> forward_output_dims(const ConvDescriptors& d) {
  std::array<int, 4> nkpq{};
  ROOF_CUDNN_CHECK(cudnnGetConvolution2dForwardOutputDim(d.conv.get(), d.x.get(), d.w.get(),
                                                         &nkpq[0], &nkpq[1], &nkpq[2], &nkpq[3]));
  return nkpq;
}

std::array<int, 4> cudnn_forward_output_dims(const Layer& layer) {
  return forward_output_dims(conv_descriptors(layer, DType::fp32, Layout::nchw, CUDNN_FMA_MATH));
}

}  // namespace roof::cuda
