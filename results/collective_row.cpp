#include "results/collective_row.hpp"

#include <cmath>

#include "support/text_format.hpp"

namespace roof {

std::optional<std::string> collective_row_problem(double bytes, double busbw) {
  if (!(bytes >= 1 && bytes <= 1125899906842624.0 && bytes == std::floor(bytes))) {
    return "bytes must be a whole number from 1 to 2^50, got " + general_number(bytes);
  }
  if (!(busbw >= 1e3 && busbw <= 1e18)) {
    return "busbw must be from 1e3 to 1e18 bytes/s (1e-6 to 1e9 GB/s), got " +
           general_number(busbw);
  }
  return std::nullopt;
}

}  // namespace roof
