#include "roofline/library_algorithm.hpp"

#include <string>

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(LibraryGeneration generation) {
  switch (generation) {
    case LibraryGeneration::cudnn5:
      return "cuDNN 5";
    case LibraryGeneration::cudnn6_7:
      return "cuDNN 6-7";
    case LibraryGeneration::cudnn8_plus:
      return "cuDNN 8+";
  }
  return "cuDNN 8+";
}

LibraryGeneration parse_library(std::string_view text) {
  if (text == "cudnn5") return LibraryGeneration::cudnn5;
  if (text == "cudnn6" || text == "cudnn7" || text == "cudnn6-7") {
    return LibraryGeneration::cudnn6_7;
  }
  if (text == "cudnn8" || text == "cudnn9" || text == "cudnn8+") {
    return LibraryGeneration::cudnn8_plus;
  }
  throw InputError("unknown library '" + std::string(text) +
                   "' (expected cudnn5, cudnn6, cudnn7, cudnn8 or cudnn9)");
}

LibraryGeneration era_library(std::string_view architecture) {
  if (architecture == "Kepler" || architecture == "Maxwell") return LibraryGeneration::cudnn5;
  if (architecture == "Pascal" || architecture == "Volta") return LibraryGeneration::cudnn6_7;
  return LibraryGeneration::cudnn8_plus;
}

std::string_view to_string(AlgoClass algo) {
  switch (algo) {
    case AlgoClass::implicit_gemm:
      return "implicit_gemm";
    case AlgoClass::gemm:
      return "gemm";
    case AlgoClass::winograd_fused:
      return "winograd_fused";
    case AlgoClass::winograd_nonfused:
      return "winograd_nonfused";
    case AlgoClass::blas_gemm:
      return "blas_gemm";
  }
  return "implicit_gemm";
}

AlgoClass parse_algo_class(std::string_view text) {
  for (AlgoClass algo : {AlgoClass::implicit_gemm, AlgoClass::gemm, AlgoClass::winograd_fused,
                         AlgoClass::winograd_nonfused, AlgoClass::blas_gemm}) {
    if (text == to_string(algo)) return algo;
  }
  throw InputError("unknown algorithm class '" + std::string(text) +
                   "' (expected implicit_gemm, gemm, winograd_fused, winograd_nonfused or "
                   "blas_gemm)");
}

namespace {

bool winograd_shape(const Layer& layer) {
  const Shape& s = layer.shape;
  return layer.op == Op::conv && s.R == 3 && s.S == 3 && s.stride_h == 1 && s.stride_w == 1 &&
         s.dilation_h == 0 && s.dilation_w == 0 && s.groups == 1;
}

constexpr LibraryChoice kImplicitGemm{AlgoClass::implicit_gemm, "IMPLICIT_PRECOMP_GEMM", 1.0};
constexpr LibraryChoice kGemm{AlgoClass::gemm, "GEMM", 1.0};
constexpr LibraryChoice kBlasGemm{AlgoClass::blas_gemm, "CUBLAS_GEMM", 1.0};
// F(m x m, 3x3) multiplies (m+2)^2 transformed values per m x m outputs instead of 9 m^2.
constexpr LibraryChoice kWinogradFused{AlgoClass::winograd_fused, "WINOGRAD", 16.0 / 36.0};
constexpr LibraryChoice kWinogradNonfused{AlgoClass::winograd_nonfused, "WINOGRAD_NONFUSED",
                                          36.0 / 144.0};

}  // namespace

LibraryChoice library_choice(const Layer& layer, Pass pass, LibraryGeneration generation,
                             bool tensor_math) {
  if (layer.op != Op::conv && layer.op != Op::fc) {
    throw InputError("layer '" + layer.name + "' (" + std::string(to_string(layer.op)) +
                     ") runs no convolution algorithm: only conv and fc layers do");
  }
  if (layer.op == Op::fc) return kBlasGemm;
  if (is_conv1x1(layer)) return kGemm;
  if (tensor_math || !winograd_shape(layer)) return kImplicitGemm;
  const Shape& s = layer.shape;
  if (s.C < 64) return kImplicitGemm;
  if (generation == LibraryGeneration::cudnn5) {
    // DeepBench's cuDNN 5 backward-weights times on these shapes run at implicit-GEMM rates
    // (about 0.5-0.7 of the peak in direct FLOPs), its forward ones above the peak.
    return pass == Pass::bwd_weights ? kImplicitGemm : kWinogradFused;
  }
  if (s.C >= 128) return kWinogradNonfused;
  return pass == Pass::bwd_weights ? kImplicitGemm : kWinogradFused;
}

}  // namespace roof
