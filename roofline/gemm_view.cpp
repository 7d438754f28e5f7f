#include "roofline/gemm_view.hpp"

#include <string>

#include "support/checked_math.hpp"
#include "support/input_error.hpp"

namespace roof {

GemmShape gemm_of(const Layer& layer, Pass pass) {
  if (layer.op != Op::conv && layer.op != Op::fc) {
    throw InputError("layer '" + layer.name + "' (" + std::string(to_string(layer.op)) +
                     ") has no GEMM: only conv and fc layers do");
  }
  const Shape& s = layer.shape;
  const std::int64_t g = s.groups;
  switch (pass) {
    case Pass::fwd:
      return {s.N * s.P * s.Q, s.K / g, s.C / g * s.R * s.S, g};
    case Pass::bwd_data:
      return {s.N * s.H * s.W, s.C / g, s.K / g * s.R * s.S, g};
    case Pass::bwd_weights:
      return {s.K / g, s.C / g * s.R * s.S, s.N * s.P * s.Q, g};
  }
  return {};
}

WaveCount count_waves(const GemmShape& gemm, const GemmTile& tile, int sm_count) {
  if (sm_count <= 0) throw InputError("a device needs at least one SM to count waves");
  if (tile.m <= 0 || tile.n <= 0 || tile.blocks_per_sm <= 0) {
    throw InputError("a GEMM tile needs positive extents and blocks per SM");
  }
  if (gemm.M <= 0 || gemm.N <= 0 || gemm.K <= 0 || gemm.groups <= 0) {
    throw InputError("a GEMM needs positive M, N, K and groups");
  }
  const std::int64_t tiles_m = ceil_div(gemm.M, tile.m);
  const std::int64_t tiles_n = ceil_div(gemm.N, tile.n);
  const std::int64_t slots = static_cast<std::int64_t>(sm_count) * tile.blocks_per_sm;
  WaveCount count;
  count.tiles = tiles_m * tiles_n * gemm.groups;
  count.waves = ceil_div(count.tiles, slots);
  count.padding_efficiency = static_cast<double>(gemm.M) / static_cast<double>(tiles_m * tile.m) *
                             static_cast<double>(gemm.N) / static_cast<double>(tiles_n * tile.n);
  count.wave_efficiency =
      static_cast<double>(count.tiles) / static_cast<double>(count.waves * slots);
  return count;
}

}  // namespace roof
