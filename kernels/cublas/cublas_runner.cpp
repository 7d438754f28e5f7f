#include "kernels/cublas/cublas_runner.hpp"

#include <stdexcept>
#include <vector>

#include "kernels/cpu/plain_layout.hpp"
#include "kernels/cuda/cublas_check.hpp"

namespace roof::cuda {
namespace {

std::string cublas_version() {
  int major = 0, minor = 0, patch = 0;
  ROOF_CUBLAS_CHECK(cublasGetProperty(MAJOR_VERSION, &major));
  ROOF_CUBLAS_CHECK(cublasGetProperty(MINOR_VERSION, &minor));
  ROOF_CUBLAS_CHECK(cublasGetProperty(PATCH_LEVEL, &patch));
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

void* pointer(const DeviceTensor& tensor) {
  return tensor.empty() ? nullptr : tensor.data();
}

}  // namespace

CublasRunner::CublasRunner(const kernels::GpuRunnerOptions& options) : options_(options) {}

std::string CublasRunner::description() const {
  return "cuBLAS " + cublas_version() + ", " + kernels::describe(options_) + ": " +
         gemm_routine(options_) +
         "; fc and 1x1 stride-1 convolutions only; timed: the GEMM calls (bias: one more GEMM "
         "with a ones vector)";
}

bool CublasRunner::supports(const Layer& layer, Pass pass) const {
  if (options_.dtype != DType::fp32 && options_.dtype != DType::fp16) return false;
  return cublas_plan_applies(layer) && fits_cublas_int(cublas_plan(layer, pass, options_.layout));
}

void CublasRunner::prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
                           cudaStream_t stream) {
  kernels::require_runnable(layer, pass, inputs, name());
  if (!supports(layer, pass)) {
    throw std::runtime_error("cublas: layer '" + layer.name +
                             "' is not an fc or 1x1 stride-1 unpadded single-group convolution "
                             "whose GEMM dimensions fit an int");
  }
  prepared_ = false;
  if (!handle_) handle_.emplace();
  layer_ = layer;
  pass_ = pass;
  plan_ = cublas_plan(layer, pass, options_.layout);
  buffers_ = upload_pass(layer, pass, inputs, options_.dtype, options_.layout, stream);
  ones_ = DeviceTensor();
  if (plan_.ones > 0) {
    ones_ = DeviceTensor(options_.dtype, static_cast<std::size_t>(plan_.ones));
    ones_.upload(std::vector<float>(static_cast<std::size_t>(plan_.ones), 1.0f), stream);
  }
  operands_.dtype = options_.dtype;
  operands_.base[static_cast<std::size_t>(Operand::x)] = pointer(buffers_.x);
  operands_.base[static_cast<std::size_t>(Operand::w)] = pointer(buffers_.w);
  operands_.base[static_cast<std::size_t>(Operand::bias)] = pointer(buffers_.bias);
  operands_.base[static_cast<std::size_t>(Operand::dy)] = pointer(buffers_.dy);
  operands_.base[static_cast<std::size_t>(Operand::ones)] = pointer(ones_);
  operands_.base[static_cast<std::size_t>(Operand::result)] = pointer(buffers_.result);
  last_stream_ = stream;
  prepared_ = true;
}

void CublasRunner::enqueue(cudaStream_t stream) {
  if (!prepared_) throw std::runtime_error("cublas: enqueue() before prepare()");
  last_stream_ = stream;
  handle_->set_stream(stream);
  for (const GemmCall& call : plan_.calls) run_gemm(handle_->get(), options_, call, operands_);
}

std::vector<float> CublasRunner::result() {
  if (!prepared_) throw std::runtime_error("cublas: result() before prepare()");
  return download_result(buffers_, layer_, pass_, options_.layout, last_stream_);
}

}  // namespace roof::cuda
