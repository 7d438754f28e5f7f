#pragma once

#include "kernels/cpu/packed_sgemm.hpp"
#include "kernels/runner.hpp"

namespace roof::kernels {

// "packed_sgemm": convolution and fc as products on our own packed SGEMM (packed_sgemm.hpp),
// the im2col column matrix never stored: its packer reads the image (gemm_operands.hpp).
//   fwd          per image and group: y = W x columns(x)               (bias preset, added to)
//   bwd_data     stride 1: per image and group, the forward product over dy with the mirrored,
//                transposed weights and padding (R - 1) step - pad; strided layers: columns =
//                W^T dy into a buffer, then col2im (OpenMP over channels)
//   bwd_weights  per group, one product over the whole batch: dW = dy x columns(x)^T, the
//                batch's pixels as its inner dimension, so nothing is summed afterwards
//   fc           one product over the batch per pass
// Threads: OpenMP inside each product (packed_sgemm.hpp).
class PackedGemmRunner final : public LayerRunner {
 public:
  std::string_view name() const override { return "packed_sgemm"; }
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

  Layer layer_;
  Pass pass_ = Pass::fwd;
  PassTensors inputs_;
  std::vector<float> output_;
  std::vector<float> columns_;  // strided bwd_data only: Cg R S x P Q of one image and group
  GemmWorkspace workspace_;
  bool prepared_ = false;
};

}  // namespace roof::kernels
