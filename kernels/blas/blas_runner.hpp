#pragma once

#include "kernels/runner.hpp"

namespace roof::kernels {

// "blas": convolution as matrix products, the way Caffe runs it. Per image and group, im2col
// unfolds the input into a column matrix and one cblas_sgemm does the pass:
//   fwd          y_g  = W_g x columns                      (bias preset in y, beta = 1)
//   bwd_data     columns = W_g^T x dy_g, then col2im adds the columns into dx
//   bwd_weights  dW_g += dy_g x columns^T, accumulated over the images
// A 1x1 stride-1 unpadded convolution needs no unfolding: the image is its own column matrix.
// An fc layer is one sgemm over the whole batch. The unfolding is part of the algorithm and
// is timed; the column buffer is allocated in prepare().
class BlasRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "blas"; }
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) override;
  void run() override;
  std::vector<float> result() override;

 private:
  void conv_fwd();
  void conv_bwd_data();
  void conv_bwd_weights();
  void fc_pass();
  // True when the input needs no unfolding: 1x1 window, stride 1, no padding.
  bool image_is_columns() const;

  Layer layer_;
  Pass pass_ = Pass::fwd;
  PassTensors inputs_;
  std::vector<float> output_;
  std::vector<float> columns_;  // Cg R S x P Q, one image and group at a time
  bool prepared_ = false;
};

}  // namespace roof::kernels
