#pragma once

#include <string_view>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof {

// direct: every layer at its direct MAC count. winograd: every 3x3 stride-1 convolution as
// Winograd. auto: only those cuDNN's heuristics would run that way (our rule, below).
enum class ConvAlgo { direct, winograd, automatic };

std::string_view to_string(ConvAlgo algo);
ConvAlgo parse_conv_algo(std::string_view text);  // direct, winograd, auto; throws InputError

// Winograd F(2x2, 3x3) (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks",
// CVPR 2016): a 2x2 output tile from a 4x4 input tile costs 16 multiplies instead of 2*2*3*3 =
// 36, so the multiplies fall by 36/16 = 2.25x. cuDNN's fused Winograd kernels use this tile
// (their numerical note WINOGRAD_TILE_4x4 names the input tile).
inline constexpr double kWinogradReduction = 36.0 / 16.0;
inline constexpr std::string_view kWinogradName = "winograd F(2x2,3x3)";

// Whether Winograd F(2x2,3x3) can compute the layer at all: a 3x3, stride-1, undilated,
// ungrouped convolution.
bool winograd_applicable(const Layer& layer);

// The algorithm a pass runs under `algo`, and the fraction of the direct FLOPs it executes.
// Winograd covers fwd and bwd_data (cuDNN's fused Winograd kernels); bwd_weights stays direct.
// auto adds our reading of cuDNN's choice: at least 32 input and output channels (narrow
// layers, like a first layer on RGB, go to implicit GEMM).
struct AlgoChoice {
  std::string_view name;  // "direct", kWinogradName, or "" for layers without MACs
  double flop_fraction;   // executed FLOPs / direct FLOPs
};
AlgoChoice algorithm_for(const Layer& layer, Pass pass, ConvAlgo algo);

}  // namespace roof
