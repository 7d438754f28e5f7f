#include "kernels/cudnn/cudnn_algorithms.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include "kernels/cuda/cudnn_check.hpp"

namespace roof::cuda {
namespace {

// The enumerators of cudnn_ops.h, indexed by value; the same in cuDNN 8 and 9.
constexpr std::array<const char*, 8> kFwdNames = {
    "CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM", "CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM",
    "CUDNN_CONVOLUTION_FWD_ALGO_GEMM",          "CUDNN_CONVOLUTION_FWD_ALGO_DIRECT",
    "CUDNN_CONVOLUTION_FWD_ALGO_FFT",           "CUDNN_CONVOLUTION_FWD_ALGO_FFT_TILING",
    "CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD",      "CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED"};
constexpr std::array<const char*, 6> kBwdDataNames = {
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_0",
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_1",
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_FFT",
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_FFT_TILING",
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_WINOGRAD",
    "CUDNN_CONVOLUTION_BWD_DATA_ALGO_WINOGRAD_NONFUSED"};
constexpr std::array<const char*, 7> kBwdFilterNames = {
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_0",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_1",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_3",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_WINOGRAD_NONFUSED",
    "CUDNN_CONVOLUTION_BWD_FILTER_ALGO_FFT_TILING"};

template <std::size_t Count>
std::string algorithm_name(const std::array<const char*, Count>& names, int algo) {
  if (algo >= 0 && static_cast<std::size_t>(algo) < Count) return names[algo];
  return "algorithm " + std::to_string(algo);  // one a newer cuDNN added
}

// Tensor cores are a relaxation: FMA < DEFAULT (TF32 on Ampere+) < TENSOR_OP < ALLOW_CONVERSION.
int relaxation(cudnnMathType_t math) {
  switch (math) {
    case CUDNN_FMA_MATH:
      return 0;
    case CUDNN_DEFAULT_MATH:
      return 1;
    case CUDNN_TENSOR_OP_MATH:
      return 2;
    case CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION:
      return 3;
  }
  return 4;
}

// The fastest acceptable result; cuDNN sorts them by time.
template <typename Perf, std::size_t Count>
ChosenAlgorithm choose(const std::vector<Perf>& results, int returned, std::size_t limit,
                       cudnnMathType_t requested, const std::array<const char*, Count>& names) {
  std::string seen;
  for (int i = 0; i < returned; ++i) {
    const Perf& r = results[static_cast<std::size_t>(i)];
    const std::string name = algorithm_name(names, static_cast<int>(r.algo));
    seen += "\n  " + name + ": " + cudnnGetErrorString(r.status) + ", workspace " +
            std::to_string(r.memory) + " B, " + cudnn_math_name(r.mathType);
    if (r.status != CUDNN_STATUS_SUCCESS || r.memory > limit) continue;
    if (!keeps_to_math(r.mathType, requested)) continue;
    return {static_cast<int>(r.algo), name, r.memory, r.mathType, r.time};
  }
  throw std::runtime_error("cudnn: no algorithm succeeded within a workspace of " +
                           std::to_string(limit) + " B with " + cudnn_math_name(requested) +
                           "; cuDNN returned:" + (seen.empty() ? std::string(" nothing") : seen));
}

}  // namespace

bool keeps_to_math(cudnnMathType_t result, cudnnMathType_t requested) {
  const cudnnMathType_t widest = requested == CUDNN_DEFAULT_MATH ? CUDNN_TENSOR_OP_MATH : requested;
  return relaxation(result) <= relaxation(widest);
}

ChosenAlgorithm find_algorithm(cudnnHandle_t handle, const ConvDescriptors& d, Pass pass,
                               const SearchBuffers& b, cudnnMathType_t requested) {
  int capacity = 0;
  int returned = 0;
  switch (pass) {
    case Pass::fwd: {
      ROOF_CUDNN_CHECK(cudnnGetConvolutionForwardAlgorithmMaxCount(handle, &capacity));
      std::vector<cudnnConvolutionFwdAlgoPerf_t> results(static_cast<std::size_t>(capacity));
      ROOF_CUDNN_CHECK(cudnnFindConvolutionForwardAlgorithmEx(
          handle, d.x.get(), b.input, d.w.get(), b.other, d.conv.get(), d.y.get(), b.output,
          capacity, &returned, results.data(), b.workspace, b.workspace_limit));
      return choose(results, returned, b.workspace_limit, requested, kFwdNames);
    }
    case Pass::bwd_data: {
      ROOF_CUDNN_CHECK(cudnnGetConvolutionBackwardDataAlgorithmMaxCount(handle, &capacity));
      std::vector<cudnnConvolutionBwdDataAlgoPerf_t> results(static_cast<std::size_t>(capacity));
      // input = dy, other = w, output = dx.
      ROOF_CUDNN_CHECK(cudnnFindConvolutionBackwardDataAlgorithmEx(
          handle, d.w.get(), b.other, d.y.get(), b.input, d.conv.get(), d.x.get(), b.output,
          capacity, &returned, results.data(), b.workspace, b.workspace_limit));
      return choose(results, returned, b.workspace_limit, requested, kBwdDataNames);
    }
    case Pass::bwd_weights: {
      ROOF_CUDNN_CHECK(cudnnGetConvolutionBackwardFilterAlgorithmMaxCount(handle, &capacity));
      std::vector<cudnnConvolutionBwdFilterAlgoPerf_t> results(static_cast<std::size_t>(capacity));
      // input = x, other = dy, output = dw.
      ROOF_CUDNN_CHECK(cudnnFindConvolutionBackwardFilterAlgorithmEx(
          handle, d.x.get(), b.input, d.y.get(), b.other, d.conv.get(), d.w.get(), b.output,
          capacity, &returned, results.data(), b.workspace, b.workspace_limit));
      return choose(results, returned, b.workspace_limit, requested, kBwdFilterNames);
    }
  }
  throw std::logic_error("cudnn: unknown pass");
}

}  // namespace roof::cuda
