#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace roof {

// Element type of the activations, weights and gradients a pass moves.
enum class DType { fp32, fp16, bf16 };

std::int64_t element_bytes(DType dtype);
std::string_view to_string(DType dtype);
// Throws InputError naming the accepted values.
DType parse_dtype(std::string_view text);

}  // namespace roof
