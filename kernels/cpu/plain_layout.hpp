#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "kernels/runner.hpp"

namespace roof::kernels {

// The plain layout of the tensor a pass writes, the one every runner returns (runner.hpp):
//   fwd y: N K P Q,   bwd_data dx: N C H W,   bwd_weights dw: K C/G R S;
// fc layers drop the unit extents: y N K, dx N C, dw K C. The last extent varies fastest.
struct PlainShape {
  int rank = 4;
  std::array<std::int64_t, 4> extent{};
  std::array<char, 4> letter{};  // the coordinate names, lower case: n k p q, ...

  std::int64_t elements() const;
  // The coordinates of a flat index, outermost first; entries past rank are 0.
  std::array<std::int64_t, 4> coordinates(std::int64_t index) const;
  // "n=0 k=3 p=1 q=2", for messages.
  std::string describe(std::int64_t index) const;
};

PlainShape result_shape(const Layer& layer, Pass pass);

// What every CPU runner accepts: a valid conv layer, or a valid fc layer whose window fields
// keep their defaults (an fc layer is one matrix product; a stride or a padding would make it
// something else).
bool is_runnable(const Layer& layer);

// What prepare() checks before it copies anything: a runnable layer, and every tensor the pass
// reads present with its plain element count. Throws std::runtime_error starting with the
// runner's name and naming the first problem.
void require_runnable(const Layer& layer, Pass pass, const PassTensors& inputs,
                      std::string_view runner);

}  // namespace roof::kernels
