#include "kernels/onednn/onednn_ops.hpp"

#include <algorithm>
#include <vector>

#include "kernels/op_tensors.hpp"

namespace roof::kernels {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Dims = memory::dims;
constexpr auto kF32 = memory::data_type::f32;
constexpr auto kTraining = dnnl::prop_kind::forward_training;

memory::desc nchw(memory::dim n, memory::dim c, memory::dim h, memory::dim w) {
  return memory::desc({n, c, h, w}, kF32, Tag::nchw);
}
memory::desc input_desc(const Shape& s) {
  return nchw(s.N, s.C, s.H, s.W);
}
memory::desc output_desc(const Shape& s) {
  return nchw(s.N, s.K, s.P, s.Q);
}

// A oneDNN memory of `desc` holding a copy of the floats at `values`.
memory filled(const memory::desc& desc, const float* values, const dnnl::engine& engine) {
  memory m(desc, engine);
  std::copy(values, values + desc.get_size() / sizeof(float),
            static_cast<float*>(m.get_data_handle()));
  return m;
}

// pooling's padding on the far side: as much as the output needs (a ceil-mode output overhangs
// the input), never less than the near side (oneDNN floors as the catalogue's floor mode does).
Dims far_padding(const Shape& s) {
  return {std::max(s.pad_h, (s.P - 1) * s.stride_h + s.R - s.H - s.pad_h),
          std::max(s.pad_w, (s.Q - 1) * s.stride_w + s.S - s.W - s.pad_w)};
}

// Runs a forward primitive once to fill the state its backward reads.
void run_once(const dnnl::primitive& p, const std::unordered_map<int, memory>& args,
              dnnl::stream& stream) {
  p.execute(stream, args);
  stream.wait();
}

PreparedOneDnnOp relu(const Shape& s, Pass pass, const PassTensors& in, const dnnl::engine& e) {
  const memory::desc data = input_desc(s);
  const auto algorithm = dnnl::algorithm::eltwise_relu;
  const dnnl::eltwise_forward::primitive_desc fwd(
      dnnl::eltwise_forward::desc(kTraining, algorithm, data, 0.f, 0.f), e);
  PreparedOneDnnOp op;
  op.plain_result = data;
  if (pass == Pass::fwd) {
    op.primitive = dnnl::eltwise_forward(fwd);
    op.args = {{DNNL_ARG_SRC, filled(data, in.x.data(), e)}, {DNNL_ARG_DST, memory(data, e)}};
    op.implementation = fwd.impl_info_str();
    return op;
  }
  const dnnl::eltwise_backward::primitive_desc bwd(
      dnnl::eltwise_backward::desc(algorithm, data, data, 0.f, 0.f), e, fwd);
  op.primitive = dnnl::eltwise_backward(bwd);
  op.args = {{DNNL_ARG_SRC, filled(data, in.x.data(), e)},
             {DNNL_ARG_DIFF_DST, filled(data, in.dy.data(), e)},
             {DNNL_ARG_DIFF_SRC, memory(data, e)}};
  op.result_arg = DNNL_ARG_DIFF_SRC;
  op.implementation = bwd.impl_info_str();
  return op;
}

PreparedOneDnnOp pooling(const Layer& layer, Pass pass, const PassTensors& in,
                         const dnnl::engine& e, dnnl::stream& stream) {
  const Shape& s = layer.shape;
  const auto algorithm = layer.op == Op::max_pool ? dnnl::algorithm::pooling_max
                                                  : dnnl::algorithm::pooling_avg_exclude_padding;
  const memory::desc src = input_desc(s), dst = output_desc(s);
  const Dims strides{s.stride_h, s.stride_w}, kernel{s.R, s.S}, near{s.pad_h, s.pad_w},
      far = far_padding(s);
  const dnnl::pooling_forward::primitive_desc fwd(
      dnnl::pooling_forward::desc(kTraining, algorithm, src, dst, strides, kernel, near, far), e);
  PreparedOneDnnOp op;
  std::unordered_map<int, memory> fwd_args;
  if (pass == Pass::fwd || layer.op == Op::max_pool) {
    fwd_args = {{DNNL_ARG_SRC, filled(src, in.x.data(), e)}, {DNNL_ARG_DST, memory(dst, e)}};
    if (layer.op == Op::max_pool) {
      fwd_args.emplace(DNNL_ARG_WORKSPACE, memory(fwd.workspace_desc(), e));
    }
  }
  if (pass == Pass::fwd) {
    op.primitive = dnnl::pooling_forward(fwd);
    op.args = fwd_args;
    op.plain_result = dst;
    op.implementation = fwd.impl_info_str();
    return op;
  }
  const dnnl::pooling_backward::primitive_desc bwd(
      dnnl::pooling_backward::desc(algorithm, src, dst, strides, kernel, near, far), e, fwd);
  op.args = {{DNNL_ARG_DIFF_DST, filled(dst, in.dy.data(), e)},
             {DNNL_ARG_DIFF_SRC, memory(src, e)}};
  if (layer.op == Op::max_pool) {
    // The arg-max of each window, recorded by the forward pass.
    run_once(dnnl::pooling_forward(fwd), fwd_args, stream);
    op.args.emplace(DNNL_ARG_WORKSPACE, fwd_args.at(DNNL_ARG_WORKSPACE));
  }
  op.primitive = dnnl::pooling_backward(bwd);
  op.result_arg = DNNL_ARG_DIFF_SRC;
  op.plain_result = src;
  op.implementation = bwd.impl_info_str();
  return op;
}

PreparedOneDnnOp lrn(const Shape& s, Pass pass, const PassTensors& in, const dnnl::engine& e,
                     dnnl::stream& stream) {
  const memory::desc data = input_desc(s);
  const auto algorithm = dnnl::algorithm::lrn_across_channels;
  const auto alpha = static_cast<float>(kLrnAlpha), beta = static_cast<float>(kLrnBeta),
             k = static_cast<float>(kLrnK);
  const dnnl::lrn_forward::primitive_desc fwd(
      dnnl::lrn_forward::desc(kTraining, algorithm, data, s.R, alpha, beta, k), e);
  std::unordered_map<int, memory> fwd_args = {{DNNL_ARG_SRC, filled(data, in.x.data(), e)},
                                              {DNNL_ARG_DST, memory(data, e)}};
  const bool workspace = fwd.workspace_desc().get_size() > 0;
  if (workspace) fwd_args.emplace(DNNL_ARG_WORKSPACE, memory(fwd.workspace_desc(), e));
  PreparedOneDnnOp op;
  op.plain_result = data;
  if (pass == Pass::fwd) {
    op.primitive = dnnl::lrn_forward(fwd);
    op.args = fwd_args;
    op.implementation = fwd.impl_info_str();
    return op;
  }
  const dnnl::lrn_backward::primitive_desc bwd(
      dnnl::lrn_backward::desc(algorithm, data, data, s.R, alpha, beta, k), e, fwd);
  op.args = {{DNNL_ARG_SRC, fwd_args.at(DNNL_ARG_SRC)},
             {DNNL_ARG_DIFF_DST, filled(data, in.dy.data(), e)},
             {DNNL_ARG_DIFF_SRC, memory(data, e)}};
  if (workspace) {
    run_once(dnnl::lrn_forward(fwd), fwd_args, stream);
    op.args.emplace(DNNL_ARG_WORKSPACE, fwd_args.at(DNNL_ARG_WORKSPACE));
  }
  op.primitive = dnnl::lrn_backward(bwd);
  op.result_arg = DNNL_ARG_DIFF_SRC;
  op.implementation = bwd.impl_info_str();
  return op;
}

PreparedOneDnnOp batch_norm(const Shape& s, Pass pass, const PassTensors& in, const dnnl::engine& e,
                            dnnl::stream& stream) {
  const memory::desc data = input_desc(s);
  const memory::desc channel({s.C}, kF32, Tag::x);
  const auto eps = static_cast<float>(kBatchNormEpsilon);
  const auto flags = dnnl::normalization_flags::use_scale | dnnl::normalization_flags::use_shift;
  const dnnl::batch_normalization_forward::primitive_desc fwd(
      dnnl::batch_normalization_forward::desc(kTraining, data, eps, flags), e);
  std::unordered_map<int, memory> fwd_args = {
      {DNNL_ARG_SRC, filled(data, in.x.data(), e)},
      {DNNL_ARG_SCALE, filled(channel, in.w.data(), e)},
      {DNNL_ARG_SHIFT, filled(channel, in.w.data() + s.C, e)},
      {DNNL_ARG_DST, memory(data, e)},
      {DNNL_ARG_MEAN, memory(fwd.mean_desc(), e)},
      {DNNL_ARG_VARIANCE, memory(fwd.variance_desc(), e)}};
  PreparedOneDnnOp op;
  op.plain_result = data;
  if (pass == Pass::fwd) {
    op.primitive = dnnl::batch_normalization_forward(fwd);
    op.args = fwd_args;
    op.implementation = fwd.impl_info_str();
    return op;
  }
  // The batch's mean and variance, from the forward pass.
  run_once(dnnl::batch_normalization_forward(fwd), fwd_args, stream);
  const dnnl::batch_normalization_backward::primitive_desc bwd(
      dnnl::batch_normalization_backward::desc(dnnl::prop_kind::backward, data, data, eps, flags),
      e, fwd);
  op.args = {{DNNL_ARG_SRC, fwd_args.at(DNNL_ARG_SRC)},
             {DNNL_ARG_MEAN, fwd_args.at(DNNL_ARG_MEAN)},
             {DNNL_ARG_VARIANCE, fwd_args.at(DNNL_ARG_VARIANCE)},
             {DNNL_ARG_SCALE, fwd_args.at(DNNL_ARG_SCALE)},
             {DNNL_ARG_SHIFT, fwd_args.at(DNNL_ARG_SHIFT)},  // oneDNN 2.6 asks for it too
             {DNNL_ARG_DIFF_DST, filled(data, in.dy.data(), e)},
             {DNNL_ARG_DIFF_SRC, memory(data, e)},
             {DNNL_ARG_DIFF_SCALE, memory(channel, e)},
             {DNNL_ARG_DIFF_SHIFT, memory(channel, e)}};
  op.primitive = dnnl::batch_normalization_backward(bwd);
  op.result_arg = DNNL_ARG_DIFF_SRC;
  op.implementation = bwd.impl_info_str();
  return op;
}

// add's forward sums x's two halves; its backward, the gradient sum at the fork, dy's.
PreparedOneDnnOp add(const Shape& s, Pass pass, const PassTensors& in, const dnnl::engine& e) {
  const memory::desc data = input_desc(s);
  const std::vector<float>& pair = pass == Pass::fwd ? in.x : in.dy;
  const std::size_t half = pair.size() / 2;
  const dnnl::binary::primitive_desc pd(
      dnnl::binary::desc(dnnl::algorithm::binary_add, data, data, data), e);
  PreparedOneDnnOp op;
  op.primitive = dnnl::binary(pd);
  op.args = {{DNNL_ARG_SRC_0, filled(data, pair.data(), e)},
             {DNNL_ARG_SRC_1, filled(data, pair.data() + half, e)},
             {DNNL_ARG_DST, memory(data, e)}};
  op.plain_result = data;
  op.implementation = pd.impl_info_str();
  return op;
}

PreparedOneDnnOp concat(const Layer& layer, const PassTensors& in, const dnnl::engine& e) {
  const Shape& s = layer.shape;
  std::vector<memory::desc> parts;
  PreparedOneDnnOp op;
  const float* at = in.x.data();
  int index = 0;
  for (const std::int64_t channels : concat_channels(layer)) {
    parts.push_back(nchw(s.N, channels, s.H, s.W));
    op.args.emplace(DNNL_ARG_MULTIPLE_SRC + index++, filled(parts.back(), at, e));
    at += s.N * channels * s.H * s.W;
  }
  const memory::desc joined = output_desc(s);
  const dnnl::concat::primitive_desc pd(joined, 1, parts, e);
  op.primitive = dnnl::concat(pd);
  op.args.emplace(DNNL_ARG_DST, memory(joined, e));
  op.plain_result = joined;
  op.implementation = pd.impl_info_str();
  return op;
}

// The probabilities only: oneDNN has no cross-entropy, whose few operations per image are not
// in this row (docs/kernels.md).
PreparedOneDnnOp softmax(const Shape& s, const PassTensors& in, const dnnl::engine& e) {
  const memory::desc data({s.N, s.C * s.H * s.W}, kF32, Tag::nc);
  const dnnl::softmax_forward::primitive_desc pd(dnnl::softmax_forward::desc(kTraining, data, 1),
                                                 e);
  PreparedOneDnnOp op;
  op.primitive = dnnl::softmax_forward(pd);
  op.args = {{DNNL_ARG_SRC, filled(data, in.x.data(), e)}, {DNNL_ARG_DST, memory(data, e)}};
  op.plain_result = data;
  op.implementation = pd.impl_info_str();
  return op;
}

}  // namespace

bool onednn_supports_op(const Layer& layer, Pass pass) {
  if (!is_valid_memory_op(layer) || pass == Pass::bwd_weights) return false;
  switch (layer.op) {
    case Op::relu:
    case Op::max_pool:
    case Op::avg_pool:
    case Op::lrn:
    case Op::batch_norm:
    case Op::add:
      return true;
    case Op::concat:
    case Op::softmax_loss:
      return pass == Pass::fwd;
    case Op::dropout:
    case Op::conv:
    case Op::fc:
      break;
  }
  return false;
}

PreparedOneDnnOp prepare_onednn_op(const Layer& layer, Pass pass, const PassTensors& inputs,
                                   const dnnl::engine& engine, dnnl::stream& stream) {
  switch (layer.op) {
    case Op::relu:
      return relu(layer.shape, pass, inputs, engine);
    case Op::max_pool:
    case Op::avg_pool:
      return pooling(layer, pass, inputs, engine, stream);
    case Op::lrn:
      return lrn(layer.shape, pass, inputs, engine, stream);
    case Op::batch_norm:
      return batch_norm(layer.shape, pass, inputs, engine, stream);
    case Op::add:
      return add(layer.shape, pass, inputs, engine);
    case Op::concat:
      return concat(layer, inputs, engine);
    case Op::softmax_loss:
      return softmax(layer.shape, inputs, engine);
    case Op::dropout:
    case Op::conv:
    case Op::fc:
      break;
  }
  throw std::runtime_error("onednn: no primitive for " + std::string(to_string(layer.op)));
}

}  // namespace roof::kernels
