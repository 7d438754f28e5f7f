#include "kernels/onednn/onednn_runner.hpp"

#include <dnnl_debug.h>
#include <dnnl.hpp>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "kernels/cpu/plain_layout.hpp"
#include "kernels/onednn/onednn_ops.hpp"
#include "kernels/op_tensors.hpp"

#if DNNL_CPU_RUNTIME == DNNL_RUNTIME_OMP
#include <omp.h>
#endif

namespace roof::kernels {

using dnnl::memory;
using Tag = memory::format_tag;

struct OneDnnRunner::Problem {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::primitive primitive;
  std::unordered_map<int, memory> args;  // DNNL_ARG_* -> memory in the primitive's layout
  int result_arg = DNNL_ARG_DST;         // the argument the pass writes
  memory::desc plain_result;             // its plain layout, for result()
  std::string implementation;
};

namespace {

// Every oneDNN failure leaves as std::runtime_error with oneDNN's words and status.
template <typename Body>
auto translate_errors(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const dnnl::error& e) {
    throw std::runtime_error(std::string("onednn: ") + e.what() + " (status " +
                             dnnl_status2str(e.status) + ")");
  }
}

// The plain layouts of runner.hpp in oneDNN's terms. Grouped weights get the group as their own
// outer dimension (goihw), which in memory is the same KCRS array.
struct PlainDescs {
  memory::desc src, weights, bias, dst;
};

PlainDescs plain_descs(const Layer& layer) {
  const Shape& d = layer.shape;
  const auto f32 = memory::data_type::f32;
  PlainDescs descs;
  if (layer.op == Op::fc) {
    descs.src = memory::desc({d.N, d.C}, f32, Tag::nc);
    descs.weights = memory::desc({d.K, d.C}, f32, Tag::oi);
    descs.dst = memory::desc({d.N, d.K}, f32, Tag::nc);
  } else {
    descs.src = memory::desc({d.N, d.C, d.H, d.W}, f32, Tag::nchw);
    descs.weights =
        d.groups == 1
            ? memory::desc({d.K, d.C, d.R, d.S}, f32, Tag::oihw)
            : memory::desc({d.groups, d.K / d.groups, d.C / d.groups, d.R, d.S}, f32, Tag::goihw);
    descs.dst = memory::desc({d.N, d.K, d.P, d.Q}, f32, Tag::nchw);
  }
  if (layer.bias) descs.bias = memory::desc({d.K}, f32, Tag::x);
  return descs;
}

// The same dimensions with the layout left to the primitive.
memory::desc any_layout(const memory::desc& plain) {
  return memory::desc(plain.dims(), plain.data_type(), Tag::any);
}

// A created primitive descriptor and the arguments it reads and writes.
struct Choice {
  dnnl::primitive_desc pd;
  dnnl::primitive primitive;
  std::vector<std::pair<int, memory::desc>> inputs;  // argument and its plain layout
  std::pair<int, memory::desc> output;
};

Choice convolution(const Layer& layer, Pass pass, const dnnl::engine& engine) {
  const Shape& d = layer.shape;
  const PlainDescs plain = plain_descs(layer);
  const memory::dims strides{d.stride_h, d.stride_w};
  const memory::dims dilates{d.dilation_h, d.dilation_w};  // 0 = dense, as benchdnn counts
  // Symmetric padding: oneDNN floors (src + pad_l + pad_r - window) / stride as we do.
  const memory::dims padding{d.pad_h, d.pad_w};
  const auto direct = dnnl::algorithm::convolution_direct;
  const auto training = dnnl::prop_kind::forward_training;
  const memory::desc src = any_layout(plain.src), weights = any_layout(plain.weights),
                     dst = any_layout(plain.dst);

  if (pass == Pass::fwd) {
    const auto desc =
        layer.bias ? dnnl::convolution_forward::desc(training, direct, src, weights, plain.bias,
                                                     dst, strides, dilates, padding, padding)
                   : dnnl::convolution_forward::desc(training, direct, src, weights, dst, strides,
                                                     dilates, padding, padding);
    const dnnl::convolution_forward::primitive_desc pd(desc, engine);
    Choice choice{pd, dnnl::convolution_forward(pd), {}, {DNNL_ARG_DST, plain.dst}};
    choice.inputs = {{DNNL_ARG_SRC, plain.src}, {DNNL_ARG_WEIGHTS, plain.weights}};
    if (layer.bias) choice.inputs.emplace_back(DNNL_ARG_BIAS, plain.bias);
    return choice;
  }
  // The backward primitives take the forward one as a hint for their layouts.
  const dnnl::convolution_forward::primitive_desc hint(
      dnnl::convolution_forward::desc(training, direct, src, weights, dst, strides, dilates,
                                      padding, padding),
      engine);
  if (pass == Pass::bwd_data) {
    const dnnl::convolution_backward_data::primitive_desc pd(
        dnnl::convolution_backward_data::desc(direct, src, weights, dst, strides, dilates, padding,
                                              padding),
        engine, hint);
    return {pd,
            dnnl::convolution_backward_data(pd),
            {{DNNL_ARG_DIFF_DST, plain.dst}, {DNNL_ARG_WEIGHTS, plain.weights}},
            {DNNL_ARG_DIFF_SRC, plain.src}};
  }
  // No diff_bias: the bias gradient is not part of the pass (runner.hpp).
  const dnnl::convolution_backward_weights::primitive_desc pd(
      dnnl::convolution_backward_weights::desc(direct, src, weights, dst, strides, dilates, padding,
                                               padding),
      engine, hint);
  return {pd,
          dnnl::convolution_backward_weights(pd),
          {{DNNL_ARG_SRC, plain.src}, {DNNL_ARG_DIFF_DST, plain.dst}},
          {DNNL_ARG_DIFF_WEIGHTS, plain.weights}};
}

Choice inner_product(const Layer& layer, Pass pass, const dnnl::engine& engine) {
  const PlainDescs plain = plain_descs(layer);
  const auto training = dnnl::prop_kind::forward_training;
  const memory::desc src = any_layout(plain.src), weights = any_layout(plain.weights),
                     dst = any_layout(plain.dst);

  if (pass == Pass::fwd) {
    const auto desc =
        layer.bias ? dnnl::inner_product_forward::desc(training, src, weights, plain.bias, dst)
                   : dnnl::inner_product_forward::desc(training, src, weights, dst);
    const dnnl::inner_product_forward::primitive_desc pd(desc, engine);
    Choice choice{pd, dnnl::inner_product_forward(pd), {}, {DNNL_ARG_DST, plain.dst}};
    choice.inputs = {{DNNL_ARG_SRC, plain.src}, {DNNL_ARG_WEIGHTS, plain.weights}};
    if (layer.bias) choice.inputs.emplace_back(DNNL_ARG_BIAS, plain.bias);
    return choice;
  }
  const dnnl::inner_product_forward::primitive_desc hint(
      dnnl::inner_product_forward::desc(training, src, weights, dst), engine);
  if (pass == Pass::bwd_data) {
    const dnnl::inner_product_backward_data::primitive_desc pd(
        dnnl::inner_product_backward_data::desc(src, weights, dst), engine, hint);
    return {pd,
            dnnl::inner_product_backward_data(pd),
            {{DNNL_ARG_DIFF_DST, plain.dst}, {DNNL_ARG_WEIGHTS, plain.weights}},
            {DNNL_ARG_DIFF_SRC, plain.src}};
  }
  const dnnl::inner_product_backward_weights::primitive_desc pd(
      dnnl::inner_product_backward_weights::desc(src, weights, dst), engine, hint);
  return {pd,
          dnnl::inner_product_backward_weights(pd),
          {{DNNL_ARG_SRC, plain.src}, {DNNL_ARG_DIFF_DST, plain.dst}},
          {DNNL_ARG_DIFF_WEIGHTS, plain.weights}};
}

const std::vector<float>& input_tensor(const PassTensors& inputs, int arg) {
  switch (arg) {
    case DNNL_ARG_SRC:
      return inputs.x;
    case DNNL_ARG_WEIGHTS:
      return inputs.w;
    case DNNL_ARG_BIAS:
      return inputs.bias;
    default:
      return inputs.dy;
  }
}

std::string library_version() {
  const dnnl_version_t* v = dnnl_version();
  return std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch);
}

}  // namespace

OneDnnRunner::OneDnnRunner() = default;
OneDnnRunner::~OneDnnRunner() = default;

std::string OneDnnRunner::description() const {
  std::string threads;
#if DNNL_CPU_RUNTIME == DNNL_RUNTIME_OMP
  threads = ", " + std::to_string(omp_get_max_threads()) + " OpenMP threads";
#endif
  const std::string chosen = problem_ ? problem_->implementation : "chosen per problem";
  return "oneDNN " + library_version() + threads +
         ", blocked layouts chosen by the library (format_tag::any), reorders not timed, "
         "implementation " +
         chosen;
}

bool OneDnnRunner::supports(const Layer& layer, Pass pass) const {
  if (is_memory_op(layer)) return onednn_supports_op(layer, pass);
  return is_runnable(layer);
}

std::string OneDnnRunner::implementation() const {
  return problem_ ? problem_->implementation : std::string();
}

void OneDnnRunner::prepare(const Layer& layer, Pass pass, const PassTensors& inputs) {
  problem_.reset();
  if (is_memory_op(layer)) {
    if (!onednn_supports_op(layer, pass)) {
      throw std::runtime_error("onednn: no primitive for " + layer.name + " " +
                               std::string(to_string(pass)));
    }
    const bool fwd = pass == Pass::fwd;
    const auto count = [](const std::vector<float>& v) {
      return static_cast<std::int64_t>(v.size());
    };
    if (count(inputs.x) != op_x_elements(layer, fwd) ||
        count(inputs.dy) != op_dy_elements(layer, fwd) ||
        (layer.op == Op::batch_norm && count(inputs.w) != op_w_elements(layer))) {
      throw std::runtime_error("onednn: the tensors of " + layer.name + " " +
                               std::string(to_string(pass)) + " do not have its element counts");
    }
    translate_errors([&] {
      auto problem = std::make_unique<Problem>();
      PreparedOneDnnOp op =
          prepare_onednn_op(layer, pass, inputs, problem->engine, problem->stream);
      problem->primitive = op.primitive;
      problem->args = std::move(op.args);
      problem->result_arg = op.result_arg;
      problem->plain_result = op.plain_result;
      problem->implementation = op.implementation;
      problem_ = std::move(problem);
    });
    return;
  }
  require_runnable(layer, pass, inputs, name());
  translate_errors([&] {
    auto problem = std::make_unique<Problem>();
    Choice choice = layer.op == Op::fc ? inner_product(layer, pass, problem->engine)
                                       : convolution(layer, pass, problem->engine);
    // Each input: copied into a plain oneDNN memory, then reordered into the primitive's layout.
    for (const auto& [arg, plain] : choice.inputs) {
      const std::vector<float>& values = input_tensor(inputs, arg);
      memory staged(plain, problem->engine);
      std::copy(values.begin(), values.end(), static_cast<float*>(staged.get_data_handle()));
      memory chosen(choice.pd.query_md(dnnl::query::exec_arg_md, arg), problem->engine);
      dnnl::reorder(staged, chosen).execute(problem->stream, staged, chosen);
      problem->stream.wait();  // before staged goes out of scope
      problem->args.emplace(arg, chosen);
    }
    const auto& [result_arg, plain_result] = choice.output;
    problem->args.emplace(
        result_arg,
        memory(choice.pd.query_md(dnnl::query::exec_arg_md, result_arg), problem->engine));
    problem->result_arg = result_arg;
    problem->plain_result = plain_result;
    problem->primitive = choice.primitive;
    problem->implementation = choice.pd.impl_info_str();
    problem_ = std::move(problem);
  });
}

void OneDnnRunner::run() {
  if (!problem_) throw std::runtime_error("onednn: run() before prepare()");
  translate_errors([&] {
    problem_->primitive.execute(problem_->stream, problem_->args);
    problem_->stream.wait();
  });
}

std::vector<float> OneDnnRunner::result() {
  if (!problem_) throw std::runtime_error("onednn: result() before prepare()");
  return translate_errors([&] {
    memory& chosen = problem_->args.at(problem_->result_arg);
    memory plain(problem_->plain_result, problem_->engine);
    dnnl::reorder(chosen, plain).execute(problem_->stream, chosen, plain);
    problem_->stream.wait();
    const auto* values = static_cast<const float*>(plain.get_data_handle());
    return std::vector<float>(values, values + problem_->plain_result.get_size() / sizeof(float));
  });
}

}  // namespace roof::kernels
