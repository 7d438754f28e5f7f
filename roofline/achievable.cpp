#include "roofline/achievable.hpp"

#include <algorithm>
#include <cmath>

#include "support/input_error.hpp"

namespace roof {
namespace {

// When a GEMM's tiles do not fill one wave, libraries split the reduction over more blocks
// (cuBLAS's and cuDNN's split-K and backward-weights kernels), as long as each block keeps at
// least kMinSplitDepth of K to sum.
constexpr std::int64_t kMinSplitDepth = 256;

// Libraries carry narrower tiles for narrow GEMMs (cuDNN's and CUTLASS's 32- and 16-wide
// kernels): a dimension below the tile runs in the smallest power of two that holds it, at
// least kMinTile (a narrower GEMM, like the backward-data of a one-channel input, is a
// different kernel the tiles do not describe).
constexpr std::int64_t kMinTile = 8;

std::int64_t fitted_extent(std::int64_t extent, std::int64_t tile) {
  std::int64_t t = kMinTile;
  while (t < extent && t < tile) t *= 2;
  return std::min(t, tile);
}

WaveCount waves_with_split_k(GemmShape gemm, GemmTile tile, int sm_count) {
  tile.m = fitted_extent(gemm.M, tile.m);
  tile.n = fitted_extent(gemm.N, tile.n);
  const WaveCount plain = count_waves(gemm, tile, sm_count);
  const std::int64_t slots = static_cast<std::int64_t>(sm_count) * tile.blocks_per_sm;
  if (plain.tiles >= slots) return plain;
  const std::int64_t split =
      std::min(slots / plain.tiles, std::max<std::int64_t>(1, gemm.K / kMinSplitDepth));
  if (split <= 1) return plain;
  gemm.groups *= split;
  gemm.K = (gemm.K + split - 1) / split;
  return count_waves(gemm, tile, sm_count);
}

}  // namespace

std::string AchievableContext::describe() const {
  std::string out = "achievable model: " + family->architecture + " efficiencies";
  out += borrowed ? " borrowed for " + architecture + " (none of its kernels in the fit)" : "";
  out += ", fitted on " + family->library + "; algorithms as " + std::string(to_string(library)) +
         " picks them" + (tensor_math ? " on tensor cores" : "") + "; fractions of the " +
         std::string(to_string(roof.ceilings)) + " ceilings below";
  // Every calibration kernel ran in fp32 on the FP32 units: on another peak (tensor cores,
  // P100's half2) the fractions are carried over, not measured.
  if (roof.peak != "fp32") {
    out += " (fitted on fp32 kernels; on the " + roof.peak + " peak they are uncalibrated)";
  }
  return out;
}

AchievableContext achievable_context(const Device& device, const AchievableModel& model,
                                     LibraryGeneration library, const RoofOptions& roof) {
  const AchievableModel::FamilyLookup lookup = model.family_for(device.architecture);
  AchievableContext context;
  context.model = &model;
  context.family = lookup.family;
  context.borrowed = lookup.borrowed;
  context.architecture = device.architecture;
  context.library = library;
  RoofOptions options = roof;
  options.ceilings = Ceilings::theoretical;
  context.roof = resolve_roof(device, options);
  // fp16 on tensor cores: cuDNN 7.6's picks in DeepBench's mixed-precision sheets (V100, T4).
  context.tensor_math = context.roof.peak == "tensor_fp16";
  context.sm_count = device.sm_count;
  context.streaming_fraction = model.bandwidth_fraction("relu", Pass::fwd);
  if (context.sm_count <= 0) throw InputError("device " + device.name + " has no SM count");
  return context;
}

namespace {

AchievedPass achieve_one_call(const Layer& layer, Pass pass, const PassCost& cost,
                              const AchievableContext& context);

// One group's share of a grouped conv as the ungrouped layer a per-group call sees, and the
// g calls' time: each group pays the call cost and runs its own algorithm and tiles.
AchievedPass achieve_per_group(const Layer& layer, Pass pass, const PassCost& cost,
                               const AchievableContext& context) {
  const std::int64_t g = layer.shape.groups;
  if (layer.shape.C % g != 0 || layer.shape.K % g != 0) {
    throw InputError("layer '" + layer.name + "': " + std::to_string(g) +
                     " groups do not divide its channels");
  }
  Layer one = layer;
  one.shape.C /= g;
  one.shape.K /= g;
  one.shape.groups = 1;
  PassCost share = cost;
  share.macs /= g;
  share.flops /= g;
  share.bytes /= g;
  AchievedPass out = achieve_one_call(one, pass, share, context);
  const double calls = static_cast<double>(g);
  out.calls = static_cast<int>(g);
  out.executed_flops *= calls;
  out.fixed_s *= calls;
  out.compute_s *= calls;
  out.memory_s *= calls;
  out.seconds *= calls;
  return out;
}

}  // namespace

AchievedPass achieve(const Layer& layer, Pass pass, const PassCost& cost,
                     const AchievableContext& context) {
  if (context.per_group_calls && layer.op == Op::conv && layer.shape.groups > 1) {
    return achieve_per_group(layer, pass, cost, context);
  }
  return achieve_one_call(layer, pass, cost, context);
}

namespace {

AchievedPass achieve_one_call(const Layer& layer, Pass pass, const PassCost& cost,
                              const AchievableContext& context) {
  const AchievableModel& model = *context.model;
  AchievedPass out;
  const double bytes = static_cast<double>(cost.bytes);
  if (layer.op == Op::conv || layer.op == Op::fc) {
    const LibraryChoice choice = library_choice(layer, pass, context.library, context.tensor_math);
    out.algorithm = std::string(choice.name);
    const GemmShape gemm = gemm_of(layer, pass);
    // The direct FLOPs, less what Winograd saves. A strided layer's backward-data GEMM spans
    // every input pixel (gemm_view), which sets its tiles; whether a kernel also spends FLOPs
    // on the zeros in between differs between cuDNN versions, so the fitted plateau of
    // backward-data carries it rather than the FLOP count.
    out.executed_flops = static_cast<double>(cost.flops) * choice.flop_fraction;
    const AchievableModel::PlateauLookup plateau =
        model.plateau(*context.family, choice.algo, pass);
    out.plateau = plateau.value;
    out.borrowed = plateau.from;
    out.tile_efficiency =
        std::pow(waves_with_split_k(gemm, model.tile, context.sm_count).efficiency(),
                 context.family->tile_exponent);
    out.bandwidth_fraction = context.streaming_fraction;
    out.fixed_s = context.family->call_s;
    out.compute_s =
        out.executed_flops / (context.roof.peak_flops * out.plateau * out.tile_efficiency);
  } else {
    out.bandwidth_fraction = model.bandwidth_fraction(to_string(layer.op), pass);
    if (layer.op == Op::batch_norm && context.batch_norm) {
      out.calls =
          pass == Pass::fwd ? context.batch_norm->fwd_kernels : context.batch_norm->bwd_kernels;
    }
    out.fixed_s = model.memory_ops.floor_s * out.calls;
    out.executed_flops = static_cast<double>(cost.flops);
    // Their few FLOPs at the full peak: never the longer term on a real GPU, but a device file
    // with a slow peak and a wide bus must not see an op run faster than its bound.
    out.compute_s = out.executed_flops / context.roof.peak_flops;
  }
  out.memory_s = bytes / (context.roof.bandwidth * out.bandwidth_fraction);
  out.seconds = out.fixed_s + std::max(out.compute_s, out.memory_s);

  // Name the largest loss against the bound (the time at the full peak and bandwidth).
  const double bound =
      std::max(out.executed_flops / context.roof.peak_flops, bytes / context.roof.bandwidth);
  const bool gemm_op = layer.op == Op::conv || layer.op == Op::fc;
  if (!gemm_op && out.compute_s >= out.memory_s) {
    out.loss = "fixed cost";  // at the full peak: only the floor is lost
  } else if (out.compute_s >= out.memory_s && out.compute_s > 0) {
    const double at_plateau = out.executed_flops / (context.roof.peak_flops * out.plateau);
    const double tile_loss = out.compute_s - at_plateau;
    const double plateau_loss = at_plateau - bound;
    out.loss = out.fixed_s >= std::max(tile_loss, plateau_loss) ? "fixed cost"
               : tile_loss > plateau_loss                       ? "tiles and waves"
                                                                : "plateau";
  } else {
    out.loss = out.fixed_s >= out.memory_s - bound ? "fixed cost" : "bandwidth";
  }
  return out;
}

}  // namespace

}  // namespace roof
