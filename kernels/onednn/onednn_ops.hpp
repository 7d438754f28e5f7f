#pragma once

// oneDNN's primitives for the memory-bound ops (kernels/op_tensors.hpp), for OneDnnRunner: eltwise
// (ReLU), pooling, LRN, batch normalization, binary add, concat and softmax, forward and
// backward where oneDNN has the backward. All in the plain NCHW layout the tensors come in
// (these primitives take no format_tag::any for their data); a backward primitive's forward
// state (max pooling's and LRN's workspace, batch norm's mean and variance) comes from running
// the forward primitive once in prepare, untimed. Internal to kernels/onednn.

#include <dnnl.hpp>

#include <string>
#include <unordered_map>

#include "kernels/runner.hpp"

namespace roof::kernels {

struct PreparedOneDnnOp {
  dnnl::primitive primitive;
  std::unordered_map<int, dnnl::memory> args;  // every argument the timed execution takes
  int result_arg = DNNL_ARG_DST;
  dnnl::memory::desc plain_result;
  std::string implementation;
};

// What oneDNN has a primitive for: every memory op's forward pass but dropout's, every
// backward but dropout's, concat's (a split, which frameworks do with views) and softmax with
// loss (oneDNN has no cross-entropy).
bool onednn_supports_op(const Layer& layer, Pass pass);

// Throws dnnl::error as oneDNN does; the runner translates it.
PreparedOneDnnOp prepare_onednn_op(const Layer& layer, Pass pass, const PassTensors& inputs,
                                   const dnnl::engine& engine, dnnl::stream& stream);

}  // namespace roof::kernels
