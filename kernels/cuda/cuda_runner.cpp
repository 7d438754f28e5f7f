#include "kernels/cuda/cuda_runner.hpp"

#include <stdexcept>

#include "kernels/cpu/plain_layout.hpp"
#include "kernels/cuda/im2col_gemm_plan.hpp"
#include "kernels/cuda/kernel_launches.hpp"
#include "kernels/cuda/layer_geometry.hpp"

namespace roof::cuda {
namespace {

using kernels::GpuRunnerOptions;

// im2col_gemm_fwd()'s executor on the GPU: kernel launches on one stream, in order.
struct StreamLaunch {
  cudaStream_t stream;

  void im2col(const ConvGeometry& d, std::int64_t n, std::int64_t group, const float* x,
              float* columns) const {
    launch_im2col(d, n, group, x, columns, stream);
  }
  void sgemm(const SgemmArgs& args) const { launch_tiled_sgemm(args, stream); }
};

std::string tiled_sgemm_name() {
  return "shared-memory tiled SGEMM " + std::to_string(kTile) + "x" + std::to_string(kTile);
}

// Our kernels take fp32 only (supports() says so), so every tensor holds floats.
float* floats(const DeviceTensor& tensor) {
  return static_cast<float*>(tensor.data());
}

}  // namespace

CudaRunner::CudaRunner(const GpuRunnerOptions& options, FwdAlgorithm fwd)
    : options_(options), fwd_algorithm_(fwd) {}

std::string CudaRunner::description() const {
  const std::string fwd = fwd_algorithm_ == FwdAlgorithm::im2col_gemm
                              ? "fwd im2col + " + tiled_sgemm_name() + " per image and group"
                              : "fwd direct";
  return "our CUDA kernels (kernels/cuda), fp32 FMA whatever the math option, plain NCHW/KCRS: " +
         fwd +
         ", bwd_data and bwd_weights direct (one thread per result element); timed: every "
         "kernel of the pass";
}

bool CudaRunner::supports(const Layer& layer, Pass) const {
  return options_.dtype == DType::fp32 && options_.layout == GpuRunnerOptions::Layout::nchw &&
         kernels::is_runnable(layer);
}

void CudaRunner::prepare(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
                         cudaStream_t stream) {
  kernels::require_runnable(layer, pass, inputs, name());
  if (!supports(layer, pass)) {
    throw std::runtime_error("cuda: our kernels take fp32 NCHW data only, not " +
                             kernels::describe(options_));
  }
  prepared_ = false;
  layer_ = layer;
  pass_ = pass;
  geometry_ = conv_geometry(layer);
  buffers_ = upload_pass(layer, pass, inputs, DType::fp32, GpuRunnerOptions::Layout::nchw, stream);
  columns_ = DeviceBuffer<float>();
  if (pass == Pass::fwd && fwd_algorithm_ == FwdAlgorithm::im2col_gemm &&
      !image_is_columns(geometry_)) {
    columns_ = DeviceBuffer<float>(
        static_cast<std::size_t>(column_rows(geometry_) * geometry_.P * geometry_.Q));
  }
  last_stream_ = stream;
  prepared_ = true;
}

void CudaRunner::enqueue(cudaStream_t stream) {
  if (!prepared_) throw std::runtime_error("cuda: enqueue() before prepare()");
  last_stream_ = stream;
  const ConvGeometry& d = geometry_;
  PassBuffers& b = buffers_;
  switch (pass_) {
    case Pass::fwd: {
      const float* bias = b.bias.empty() ? nullptr : floats(b.bias);
      if (fwd_algorithm_ == FwdAlgorithm::direct) {
        launch_direct_fwd(d, floats(b.x), floats(b.w), bias, floats(b.result), stream);
      } else {
        im2col_gemm_fwd(d, floats(b.x), floats(b.w), bias, columns_.get(), floats(b.result),
                        StreamLaunch{stream});
      }
      break;
    }
    case Pass::bwd_data:
      launch_direct_bwd_data(d, floats(b.dy), floats(b.w), floats(b.result), stream);
      break;
    case Pass::bwd_weights:
      launch_direct_bwd_weights(d, floats(b.x), floats(b.dy), floats(b.result), stream);
      break;
  }
}

std::vector<float> CudaRunner::result() {
  if (!prepared_) throw std::runtime_error("cuda: result() before prepare()");
  return download_result(buffers_, layer_, pass_, GpuRunnerOptions::Layout::nchw, last_stream_);
}

std::string CudaRunner::algorithm() const {
  if (!prepared_) return "";
  if (pass_ != Pass::fwd || fwd_algorithm_ == FwdAlgorithm::direct) {
    return "direct, one thread per result element";
  }
  if (image_is_columns(geometry_)) return tiled_sgemm_name() + " on the image (1x1: no im2col)";
  return "im2col + " + tiled_sgemm_name() + ", columns " + mebibytes(columns_.bytes());
}

}  // namespace roof::cuda
