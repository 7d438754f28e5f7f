#include "kernels/cuda/pass_buffers.hpp"

#include "kernels/cuda/host_layout.hpp"

namespace roof::cuda {
namespace {

using Layout = kernels::GpuRunnerOptions::Layout;

ChannelsFirst input_extent(const Shape& s) {
  return {s.N, s.C, s.H, s.W};
}

ChannelsFirst output_extent(const Shape& s) {
  return {s.N, s.K, s.P, s.Q};
}

ChannelsFirst weight_extent(const Shape& s) {
  return {s.K, s.C / s.groups, s.R, s.S};
}

ChannelsFirst result_extent(const Shape& s, Pass pass) {
  switch (pass) {
    case Pass::fwd:
      return output_extent(s);
    case Pass::bwd_data:
      return input_extent(s);
    case Pass::bwd_weights:
      return weight_extent(s);
  }
  return {};
}

DeviceTensor upload(const std::vector<float>& plain, const ChannelsFirst& extent, DType dtype,
                    Layout layout, cudaStream_t stream) {
  DeviceTensor tensor(dtype, plain.size());
  tensor.upload(layout == Layout::nhwc ? to_channels_last(plain, extent) : plain, stream);
  return tensor;
}

}  // namespace

PassBuffers upload_pass(const Layer& layer, Pass pass, const kernels::PassTensors& inputs,
                        DType dtype, Layout layout, cudaStream_t stream) {
  const Shape& s = layer.shape;
  PassBuffers buffers;
  if (pass == Pass::fwd || pass == Pass::bwd_weights) {
    buffers.x = upload(inputs.x, input_extent(s), dtype, layout, stream);
  }
  if (pass == Pass::fwd || pass == Pass::bwd_data) {
    buffers.w = upload(inputs.w, weight_extent(s), dtype, layout, stream);
  }
  if (pass == Pass::fwd && layer.bias) {
    buffers.bias = DeviceTensor(dtype, inputs.bias.size());
    buffers.bias.upload(inputs.bias, stream);
  }
  if (pass == Pass::bwd_data || pass == Pass::bwd_weights) {
    buffers.dy = upload(inputs.dy, output_extent(s), dtype, layout, stream);
  }
  buffers.result =
      DeviceTensor(dtype, static_cast<std::size_t>(kernels::result_elements(layer, pass)));
  return buffers;
}

std::vector<float> download_result(const PassBuffers& buffers, const Layer& layer, Pass pass,
                                   Layout layout, cudaStream_t stream) {
  std::vector<float> values = buffers.result.download(stream);
  if (layout == Layout::nchw) return values;
  return to_channels_first(values, result_extent(layer.shape, pass));
}

}  // namespace roof::cuda
