#pragma once

#include <string_view>

#include "networks/cost.hpp"
#include "networks/layer.hpp"

namespace roof {

// The cuDNN generations whose algorithm choices differ in the published data (DeepBench's
// cudnnFind* picks and the rates its times imply, docs/metrics.md "Which algorithm a library
// runs"). cuDNN 5 runs the fused Winograd F(2x2,3x3) on wide 3x3 layers and implicit GEMM for
// their weight gradients; 6 and 7 run the non-fused F(4x4,3x3) on the widest ones in all three
// passes. Nothing published here records cuDNN 8 or later choosing in FP32, so 8+ follows 6-7's
// rule, and says so.
enum class LibraryGeneration { cudnn5, cudnn6_7, cudnn8_plus };

std::string_view to_string(LibraryGeneration generation);
// cudnn5, cudnn6, cudnn7, cudnn8, cudnn9 (or the generation names); throws InputError.
LibraryGeneration parse_library(std::string_view text);
// The library a device's era shipped with: cuDNN 5 up to Maxwell, 6-7 on Pascal and Volta, 8+
// after.
LibraryGeneration era_library(std::string_view architecture);

// The classes of kernels whose efficiencies the achievable model fits separately.
enum class AlgoClass {
  implicit_gemm,      // cuDNN's (precomputed-index) implicit GEMM: any conv not below
  gemm,               // a 1x1 unpadded conv: one GEMM, run by cuDNN
  winograd_fused,     // F(2x2,3x3) in one kernel: 36/16 = 2.25x fewer multiplies
  winograd_nonfused,  // F(4x4,3x3), transforms in separate kernels: 144/36 = 4x fewer
  blas_gemm,          // an fc layer: one cuBLAS SGEMM per pass, as every framework runs it
};
inline constexpr int kAlgoClassCount = 5;

std::string_view to_string(AlgoClass algo);
AlgoClass parse_algo_class(std::string_view text);  // throws InputError

// What a library of `generation` runs for one pass of a conv or fc layer, and the fraction of
// the direct FLOPs that algorithm executes.
struct LibraryChoice {
  AlgoClass algo = AlgoClass::implicit_gemm;
  std::string_view name;  // as cuDNN names it: IMPLICIT_PRECOMP_GEMM, WINOGRAD, ...
  double flop_fraction = 1;
};

// The rule learned from DeepBench (five GPUs, cuDNN 5, 6 and 7.6): a 3x3, stride-1, ungrouped,
// undilated convolution with at least 64 input channels runs Winograd. On cuDNN 5 it is the
// fused kind in forward and backward-data and implicit GEMM in backward-weights; on 6+ it is the
// non-fused kind in all three passes from 128 input channels, the fused kind below (forward and
// backward-data). 1x1 unpadded convolutions are one cuDNN GEMM, fc layers one cuBLAS GEMM (their
// rates differ: DeepBench's SGEMMs run at up to 0.9 of the peak on Pascal, its 1x1 convolutions
// at 0.65); every other conv implicit GEMM.
// On tensor cores (`tensor_math`: fp16 inputs, what DeepBench's V100 and T4 mixed-precision
// convolutions ran under cuDNN 7.6) every conv but a 1x1 one (which keeps its GEMM class) is
// implicit GEMM, as cuDNN picked on all 90 of their shapes: no Winograd. Throws InputError for a
// layer without MACs.
LibraryChoice library_choice(const Layer& layer, Pass pass, LibraryGeneration generation,
                             bool tensor_math = false);

}  // namespace roof
