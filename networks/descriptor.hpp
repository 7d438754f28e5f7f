#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "networks/cost.hpp"
#include "networks/layer.hpp"
#include "networks/network.hpp"

namespace roof {

// oneDNN benchdnn's problem descriptors (tests/benchdnn/doc/knobs_desc.md, driver_conv.md,
// driver_ip.md), so any layer can be reproduced with benchdnn or other tools.
//
//   conv: [g<G>]mb<N>ic<C>ih<H>[iw<W>]oc<K>oh<P>[ow<Q>]kh<R>[kw<S>][sh..][sw..][ph..][pw..]
//         [dh..][dw..]n"<network>:<layer>"
//   fc (benchdnn's ip driver): mb<N>ic<C>[ih<H>iw<W>]oc<K>n"<network>:<layer>"
//
// Dilation counts from 0 as in benchdnn (dh0 is a dense kernel). Printing omits what benchdnn
// would deduce (g1, iw = ih, ow = oh, kw = kh, stride 1, pad 0, dilation 0).

std::string to_descriptor(const Layer& layer, std::string_view network_name);

struct ParsedDescriptor {
  std::string network;  // before the ':' of the name; empty when the name has none
  Layer layer;
};

enum class DescriptorDriver { infer, conv, ip };

// Parses one descriptor. `driver` infer: kernel, output, stride, padding, dilation or group
// fields make it a convolution, otherwise it is an inner product (fc). Missing fields take
// benchdnn's defaults and rules (mb 2, a missing w axis copies the h axis, a missing h axis is
// 1-D, stride 1, output deduced, padding deduced from a given output; docs/cli.md). Throws
// InputError naming the descriptor and the problem.
ParsedDescriptor parse_descriptor(std::string_view text,
                                  DescriptorDriver driver = DescriptorDriver::infer);

// The comment lines of a descriptor file that say whether the layers after them have a bias:
// benchdnn skips them, so the direction (--dir) stays the command line's, and --file reads them.
inline constexpr std::string_view kNoBiasComment = "# bias: no";
inline constexpr std::string_view kBiasComment = "# bias: yes";

// A benchdnn batch file for the network's conv and fc layers: one descriptor per line, the bias
// comment lines above whenever the bias changes, and the driver switch (`--conv`, `--ip`) before
// each driver's layers, so that reading it back gives the same layers and parameters. With
// `only`, the layers of that driver alone and no driver line: a file benchdnn runs as it is
// (`benchdnn --conv --dir=BWD_D --batch=F`).
std::string to_descriptor_file(const Network& network,
                               std::optional<DescriptorDriver> only = std::nullopt);

// The benchdnn arguments that run one pass of a conv or fc layer as bench_layers measures it:
// "--conv --dir=BWD_D <descriptor>" (fwd: FWD_B with a bias, FWD_D without; bwd_data: BWD_D;
// bwd_weights: BWD_WB with a bias, BWD_W without; fc layers --ip). InputError for other ops.
std::string benchdnn_arguments(const Layer& layer, std::string_view network_name, Pass pass);

// Reads such a file: one descriptor per line, '#' comments, blank lines, the driver switches
// `--conv` and `--ip`, and `--dir=` (FWD_D means no bias; any other direction keeps a bias, the
// benchdnn default FWD_B). Every layer gets all three passes: nothing says which layer reads the
// image. The network takes its name from the descriptors' "network:" prefix (or
// `fallback_name`). A batch > 0 overrides every mb, as benchdnn's --mb does. A layer name that
// repeats in the file (oneDNN's own shapes_1d and shapes_tails give one name to two shapes) is
// made unique with "~2", "~3" ... in the order of the file, so that each layer has its own rows
// in bench_layers' JSON and in `train --measured`.
Network parse_descriptor_file(std::string_view contents, const std::string& fallback_name,
                              std::int64_t batch_override = 0);

}  // namespace roof
