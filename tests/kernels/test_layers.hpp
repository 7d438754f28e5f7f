#pragma once

#include <ostream>
#include <string_view>

#include "networks/cost.hpp"
#include "networks/descriptor.hpp"
#include "networks/layer.hpp"

namespace roof {

// GoogleTest prints test parameters with PrintTo, found next to the type.
inline void PrintTo(Pass pass, std::ostream* out) {
  *out << to_string(pass);
}

}  // namespace roof

namespace roof::kernels::testing {

// Test layers are written as benchdnn descriptors (networks/descriptor.hpp), so any of them can
// be rerun with benchdnn: mb N, ic C, ih/iw H W, oc K, kh/kw R S, sh/sw stride, ph/pw padding,
// dh/dw dilation counted from 0, g groups. A missing w-field copies its h-field.
inline Layer layer_from(std::string_view descriptor, bool bias = false) {
  Layer layer = parse_descriptor(descriptor).layer;
  layer.bias = bias;
  return layer;
}

}  // namespace roof::kernels::testing
