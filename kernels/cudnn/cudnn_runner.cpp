#include "kernels/cudnn/cudnn_runner.hpp"

#include <stdexcept>

#include "kernels/cpu/plain_layout.hpp"
#include "kernels/cuda/cudnn_check.hpp"

namespace roof::cuda {
namespace {

// cudnnGetVersion() is the library loaded at run time: cuDNN 9 encodes 9.19.0 as 91900, cuDNN 8
// encoded 8.9.7 as 8907.
std::string cudnn_version() {
  const std::size_t v = cudnnGetVersion();
  if (v >= 90000) {
    return std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." +
           std::to_string(v % 100);
  }
  return std::to_string(v / 1000) + "." + std::to_string(v / 100 % 10) + "." +
         std::to_string(v % 100);
}

}  // namespace

CudnnRunner::CudnnRunner(const kernels::GpuRunnerOptions& options) : options_(options) {}

std::string CudnnRunner::description() const {
  return "cuDNN " + cudnn_version() + " (legacy convolution API), " + kernels::describe(options_) +
         ", " + cudnn_math_name(cudnn_math_type(options_)) +
         ": the fastest algorithm of cudnnFind*AlgorithmEx within the workspace limit; timed: "
         "cudnnConvolutionForward (and cudnnAddTensor for the bias, a second kernel), "
         "cudnnConvolutionBackwardData or cudnnConvolutionBackwardFilter";
}

bool CudnnRunner::supports(const Layer& layer, Pass) const {
  const bool dtype_ok = options_.dtype == DType::fp32 || options_.dtype == DType::fp16;
  return dtype_ok && kernels::is_runnable(layer) && cudnn_can_describe(layer);
}

void CudnnRunner::prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
                          cudaStream_t stream) {
  kernels::require_runnable(layer, pass, inputs, name());
  if (!supports(layer, pass)) {
    throw std::runtime_error("cudnn: layer '" + layer.name +
                             "' is not a convolution cuDNN's 4-d descriptors can hold (fc layers "
                             "run on cuBLAS)");
  }
  prepared_ = false;
  if (!handle_) handle_.emplace();
  handle_->set_stream(stream);
  layer_ = layer;
  pass_ = pass;
  const cudnnMathType_t requested = cudnn_math_type(options_);
  descriptors_.emplace(conv_descriptors(layer, options_.dtype, options_.layout, requested));

  // cuDNN's output extent must be ours, or every index of the comparison would be off.
  const std::array<int, 4> nkpq = forward_output_dims(*descriptors_);
  const Shape& s = layer.shape;
  if (nkpq[0] != s.N || nkpq[1] != s.K || nkpq[2] != s.P || nkpq[3] != s.Q) {
    throw std::runtime_error("cudnn: layer '" + layer.name + "' gives cuDNN an output of N K P Q " +
                             std::to_string(nkpq[0]) + " " + std::to_string(nkpq[1]) + " " +
                             std::to_string(nkpq[2]) + " " + std::to_string(nkpq[3]) +
                             ", the layer says " + std::to_string(s.N) + " " + std::to_string(s.K) +
                             " " + std::to_string(s.P) + " " + std::to_string(s.Q));
  }

  buffers_ = upload_pass(layer, pass, inputs, options_.dtype, options_.layout, stream);
  const bool reads_x = pass != Pass::bwd_data;
  SearchBuffers search;
  search.input = reads_x ? buffers_.x.data() : buffers_.dy.data();
  search.other = pass == Pass::bwd_weights ? buffers_.dy.data() : buffers_.w.data();
  search.output = buffers_.result.data();
  {
    DeviceBuffer<std::byte> search_space(options_.workspace_limit_bytes);
    search.workspace = search_space.get();
    search.workspace_limit = search_space.bytes();
    chosen_ = find_algorithm(handle_->get(), *descriptors_, pass, search, requested);
  }  // the search's workspace goes before the chosen algorithm's arrives
  ROOF_CUDNN_CHECK(cudnnSetConvolutionMathType(descriptors_->conv.get(), chosen_.math));
  workspace_ = DeviceBuffer<std::byte>(chosen_.workspace_bytes);
  last_stream_ = stream;
  prepared_ = true;
}

void CudnnRunner::enqueue(cudaStream_t stream) {
  if (!prepared_) throw std::runtime_error("cudnn: enqueue() before prepare()");
  last_stream_ = stream;
  handle_->set_stream(stream);
  const ConvDescriptors& d = *descriptors_;
  PassBuffers& b = buffers_;
  // Scaling factors are float for fp32 and fp16 data alike (double only for fp64 tensors).
  const float one = 1.0f, zero = 0.0f;
  switch (pass_) {
    case Pass::fwd:
      ROOF_CUDNN_CHECK(cudnnConvolutionForward(
          handle_->get(), &one, d.x.get(), b.x.data(), d.w.get(), b.w.data(), d.conv.get(),
          static_cast<cudnnConvolutionFwdAlgo_t>(chosen_.algo), workspace_.get(),
          workspace_.bytes(), &zero, d.y.get(), b.result.data()));
      if (!b.bias.empty()) {
        // y = 1 y + 1 bias, broadcast over N, P, Q: a second kernel, part of the timed pass.
        ROOF_CUDNN_CHECK(cudnnAddTensor(handle_->get(), &one, d.bias.get(), b.bias.data(), &one,
                                        d.y.get(), b.result.data()));
      }
      break;
    case Pass::bwd_data:
      ROOF_CUDNN_CHECK(cudnnConvolutionBackwardData(
          handle_->get(), &one, d.w.get(), b.w.data(), d.y.get(), b.dy.data(), d.conv.get(),
          static_cast<cudnnConvolutionBwdDataAlgo_t>(chosen_.algo), workspace_.get(),
          workspace_.bytes(), &zero, d.x.get(), b.result.data()));
      break;
    case Pass::bwd_weights:
      ROOF_CUDNN_CHECK(cudnnConvolutionBackwardFilter(
          handle_->get(), &one, d.x.get(), b.x.data(), d.y.get(), b.dy.data(), d.conv.get(),
          static_cast<cudnnConvolutionBwdFilterAlgo_t>(chosen_.algo), workspace_.get(),
          workspace_.bytes(), &zero, d.w.get(), b.result.data()));
      break;
  }
}

std::vector<float> CudnnRunner::result() {
  if (!prepared_) throw std::runtime_error("cudnn: result() before prepare()");
  return download_result(buffers_, layer_, pass_, options_.layout, last_stream_);
}

std::string CudnnRunner::algorithm() const {
  if (!prepared_) return "";
  std::string text = chosen_.name + ", workspace " + mebibytes(chosen_.workspace_bytes);
  if (chosen_.math != CUDNN_FMA_MATH) text += std::string(", ") + cudnn_math_name(chosen_.math);
  return text;
}

}  // namespace roof::cuda
