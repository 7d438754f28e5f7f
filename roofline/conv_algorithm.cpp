#include "roofline/conv_algorithm.hpp"

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(ConvAlgo algo) {
  switch (algo) {
    case ConvAlgo::direct:
      return "direct";
    case ConvAlgo::winograd:
      return "winograd";
    case ConvAlgo::automatic:
      return "auto";
  }
  return "direct";
}

ConvAlgo parse_conv_algo(std::string_view text) {
  for (ConvAlgo algo : {ConvAlgo::direct, ConvAlgo::winograd, ConvAlgo::automatic}) {
    if (text == to_string(algo)) return algo;
  }
  throw InputError("unknown conv algorithm '" + std::string(text) +
                   "' (expected direct, winograd or auto)");
}

bool winograd_applicable(const Layer& layer) {
  const Shape& s = layer.shape;
  return layer.op == Op::conv && s.R == 3 && s.S == 3 && s.stride_h == 1 && s.stride_w == 1 &&
         s.dilation_h == 0 && s.dilation_w == 0 && s.groups == 1;
}

AlgoChoice algorithm_for(const Layer& layer, Pass pass, ConvAlgo algo) {
  if (layer.op != Op::conv && layer.op != Op::fc) return {"", 1.0};
  const bool winograd_pass = pass == Pass::fwd || pass == Pass::bwd_data;
  const bool wide = layer.shape.C >= 32 && layer.shape.K >= 32;
  const bool use = winograd_pass && winograd_applicable(layer) &&
                   (algo == ConvAlgo::winograd || (algo == ConvAlgo::automatic && wide));
  if (use) return {kWinogradName, 1.0 / kWinogradReduction};
  return {"direct", 1.0};
}

}  // namespace roof
