// The options of the GPU runners and the list of runners this build has (kernels/gpu_runner.hpp).
#include <stdexcept>
#include <string>

#include "kernels/cublas/cublas_runner.hpp"
#include "kernels/cuda/cuda_runner.hpp"
#include "kernels/gpu_runner.hpp"
#ifdef ROOF_HAVE_CUDNN
#include "kernels/cudnn/cudnn_runner.hpp"
#endif

namespace roof::kernels {

using MathMode = GpuRunnerOptions::MathMode;
using Layout = GpuRunnerOptions::Layout;

std::string_view to_string(MathMode math) {
  switch (math) {
    case MathMode::default_math:
      return "default_math";
    case MathMode::tf32:
      return "tf32";
    case MathMode::tensor_op:
      return "tensor_op";
  }
  return "unknown";
}

std::string_view to_string(Layout layout) {
  return layout == Layout::nhwc ? "nhwc" : "nchw";
}

MathMode parse_math_mode(std::string_view text) {
  for (MathMode math : {MathMode::default_math, MathMode::tf32, MathMode::tensor_op}) {
    if (text == to_string(math)) return math;
  }
  throw std::invalid_argument("unknown GPU math mode '" + std::string(text) +
                              "' (expected default_math, tf32 or tensor_op)");
}

Layout parse_layout(std::string_view text) {
  for (Layout layout : {Layout::nchw, Layout::nhwc}) {
    if (text == to_string(layout)) return layout;
  }
  throw std::invalid_argument("unknown GPU layout '" + std::string(text) +
                              "' (expected nchw or nhwc)");
}

std::string describe(const GpuRunnerOptions& options) {
  return std::string(to_string(options.dtype)) + " " + std::string(to_string(options.layout)) +
         " " + std::string(to_string(options.math)) + ", workspace limit " +
         std::to_string(options.workspace_limit_bytes >> 20) + " MiB";
}

void validate(const GpuRunnerOptions& options) {
  if (options.dtype != DType::fp32 && options.dtype != DType::fp16) {
    throw std::invalid_argument("the GPU runners take fp32 or fp16 data, not " +
                                std::string(to_string(options.dtype)));
  }
  if (options.dtype == DType::fp16 && options.math == MathMode::tf32) {
    throw std::invalid_argument("tf32 math rounds fp32 inputs; for fp16 data use tensor_op");
  }
}

double relative_tolerance(const GpuRunnerOptions& options) {
  const bool exact_fp32 = options.dtype == DType::fp32 && options.math == MathMode::default_math;
  return exact_fp32 ? kRelativeTolerance : kReducedPrecisionTolerance;
}

bool passes(const Verification& verification, double tolerance) {
  if (tolerance <= kRelativeTolerance) return verification.passed;
  // A NaN error compares false; no checked point (a result of the wrong size) is a failure.
  return verification.checked > 0 && verification.max_relative_error <= tolerance;
}

std::vector<std::unique_ptr<GpuLayerRunner>> make_gpu_runners(const GpuRunnerOptions& options) {
  validate(options);
  std::vector<std::unique_ptr<GpuLayerRunner>> runners;
#ifdef ROOF_HAVE_CUDNN
  runners.push_back(std::make_unique<cuda::CudnnRunner>(options));
#endif
  runners.push_back(std::make_unique<cuda::CublasRunner>(options));
  runners.push_back(std::make_unique<cuda::CudaRunner>(options));
  return runners;
}

}  // namespace roof::kernels
