#pragma once

#include <vector>

#include "kernels/cpu/packed_sgemm.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// "winograd_f2x3": rung 5 of our ladder, Winograd's F(2x2, 3x3) (winograd_f2x3.hpp) for 3x3,
// stride-1, dense, ungrouped convolutions, the tiles' 16 transformed-domain products on our
// packed SGEMM (packed_sgemm.hpp):
//   fwd          U = G g G^T per (k, c); V = B^T d B per (n, c, tile); for each of the 16
//                positions e, M_e (K x T) = U_e (K x C) V_e (C x T); y = A^T m A per tile
//   bwd_data     the same over dy with the weights mirrored and transposed (channels swapped,
//                taps reversed) and padding 2 - pad: a stride-1 layer's data gradient is that
//                forward correlation
//   bwd_weights  V from x as in fwd; Z = A dY A^T per (n, k, tile); for each e,
//                S_e (K x C) = Z_e (K x T) V_e^T (T x C); dW = G^T S G per (k, c)
// T = N x ceil(P / 2) x ceil(Q / 2) tiles; a tile past the output's edge holds zeros (its
// input beyond the padding reads 0, its output is not written). Everything is timed: the
// filter transform too, as the weights change every iteration. The transforms are OpenMP
// loops over (image, channel); the products run one after the other, each parallel inside.
class WinogradRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "winograd_f2x3"; }
  std::string description() const override;
  // A valid conv layer with a 3x3 window, stride 1, no dilation, one group, padding 0 to 2.
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) override;
  void run() override;
  std::vector<float> result() override;

  // The FLOPs the pass executes: the 16 products' multiply-adds and the transforms' additions
  // and multiplies, against the direct count's 2 x 9 multiply-adds per output and channel.
  double executed_flops(const Layer& layer, Pass pass) const override;

 private:
  // A stride-1 3x3 correlation of x (cin x h x w per image) with the transformed filters in
  // u_ (16 x cout x cin), padding pad_h, pad_w, into y (cout x p x q per image).
  struct Correlation {
    std::int64_t n, cin, h, w, cout, p, q, pad_h, pad_w;
    std::int64_t tiles_h() const { return (p + 1) / 2; }
    std::int64_t tiles_w() const { return (q + 1) / 2; }
    std::int64_t tiles() const { return n * tiles_h() * tiles_w(); }
  };
  void forward(const Correlation& c, const float* x, const float* bias, float* y);
  void weight_gradient();
  void transform_input(const Correlation& c, const float* x);

  Layer layer_;
  Pass pass_ = Pass::fwd;
  PassTensors inputs_;
  std::vector<float> output_;
  std::vector<float> u_, v_, m_;  // 16 x cout x cin, 16 x cin x T, 16 x cout x T
  GemmWorkspace workspace_;
  bool prepared_ = false;
};

}  // namespace roof::kernels
