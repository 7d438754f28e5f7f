#include "networks/dtype.hpp"

#include "support/input_error.hpp"

namespace roof {

std::int64_t element_bytes(DType dtype) {
  switch (dtype) {
    case DType::fp32:
      return 4;
    case DType::fp16:
    case DType::bf16:
      return 2;
  }
  return 4;
}

std::string_view to_string(DType dtype) {
  switch (dtype) {
    case DType::fp32:
      return "fp32";
    case DType::fp16:
      return "fp16";
    case DType::bf16:
      return "bf16";
  }
  return "fp32";
}

DType parse_dtype(std::string_view text) {
  for (DType dtype : {DType::fp32, DType::fp16, DType::bf16}) {
    if (text == to_string(dtype)) return dtype;
  }
  throw InputError("unknown dtype '" + std::string(text) + "' (expected fp32, fp16 or bf16)");
}

}  // namespace roof
