#include "kernels/cuda/layer_geometry.hpp"

namespace roof::cuda {

ConvGeometry conv_geometry(const Layer& layer) {
  const Shape& s = layer.shape;
  ConvGeometry g;
  g.N = s.N;
  g.C = s.C;
  g.H = s.H;
  g.W = s.W;
  g.K = s.K;
  g.R = s.R;
  g.S = s.S;
  g.P = s.P;
  g.Q = s.Q;
  g.stride_h = s.stride_h;
  g.stride_w = s.stride_w;
  g.pad_h = s.pad_h;
  g.pad_w = s.pad_w;
  g.step_h = s.dilation_h + 1;
  g.step_w = s.dilation_w + 1;
  g.groups = s.groups;
  return g;
}

}  // namespace roof::cuda
