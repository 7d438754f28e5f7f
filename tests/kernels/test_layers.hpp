#pragma once

#include <ostream>
#include <string_view>
#include <vector>

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

// Small layers of every kind a runner must handle: odd extents, stride, padding wider than the
// window's reach, groups (with and without bias), 1x1 plain and strided, dilation, a non-square
// window, a 5x5 with bias at batch 3, and fc layers. Shared by the CPU and GPU runner tests.
inline std::vector<Layer> small_layers() {
  return {
      layer_from("mb2ic3ih7iw9oc4kh3kw3ph1pw1n\"odd_7x9\""),
      layer_from("mb1ic4ih9iw8oc5kh3kw3sh2sw2ph1pw1n\"stride2\""),
      layer_from("mb1ic3ih6iw5oc2kh3kw3ph2pw2n\"pad2\""),
      layer_from("g2mb2ic4ih6iw5oc6kh3kw3ph1pw1n\"groups2\""),
      layer_from("g3mb1ic6ih7oc9kh3sh2n\"groups3_stride2_bias\"", true),
      layer_from("mb2ic8ih5iw7oc6kh1kw1n\"conv1x1\""),
      layer_from("mb1ic6ih7oc4kh1sh2n\"conv1x1_stride2\""),
      layer_from("mb1ic3ih9iw10oc4kh3kw3ph2pw2dh1dw1n\"dilation1\""),
      layer_from("mb1ic2ih8iw6oc3kh3kw2sh2sw1ph1pw0dh0dw1n\"non_square\""),
      layer_from("mb3ic3ih11oc4kh5ph2n\"conv5x5_bias_batch3\"", true),
      layer_from("mb3ic37oc11n\"fc_bias_batch3\"", true),
      layer_from("mb1ic64oc10n\"fc_batch1\""),
  };
}

}  // namespace roof::kernels::testing
