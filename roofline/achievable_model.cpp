#include "roofline/achievable_model.hpp"

#include <nlohmann/json.hpp>

#include "roofline/achievable_embedded.hpp"
#include "support/input_error.hpp"
#include "support/json_fields.hpp"

namespace roof {
namespace {

using json = nlohmann::json;

double fraction_in(const FieldReader& reader, const std::string& key) {
  const double x = reader.positive(key);
  if (x > 4) reader.fail(key, "must be a fraction of the peak (at most 4)");
  return x;
}

std::array<std::optional<double>, 3> read_passes(const FieldReader& reader) {
  std::array<std::optional<double>, 3> out{};
  for (Pass pass : kAllPasses) {
    const std::string key(to_string(pass));
    if (reader.has(key)) out[static_cast<std::size_t>(pass)] = fraction_in(reader, key);
  }
  return out;
}

json write_passes(const std::array<std::optional<double>, 3>& passes) {
  json out = json::object();
  for (Pass pass : kAllPasses) {
    if (const auto& v = passes[static_cast<std::size_t>(pass)])
      out[std::string(to_string(pass))] = *v;
  }
  return out;
}

}  // namespace

const AchievableModel& AchievableModel::builtin() {
  static const AchievableModel model = parse(builtin_achievable_json(), "roofline/achievable.json");
  return model;
}

AchievableModel AchievableModel::parse(std::string_view json_text, const std::string& origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception&) {
    throw InputError(origin + " is not valid JSON");
  }
  const FieldReader top(root, origin);
  AchievableModel model;
  model.source = top.text("source");
  const FieldReader tile = top.child("tile");
  model.tile.m = tile.count("m");
  model.tile.n = tile.count("n");
  const json& families = top.get("families");
  if (!families.is_array() || families.empty()) top.fail("families", "must be a non-empty array");
  for (std::size_t i = 0; i < families.size(); ++i) {
    const FieldReader f(families[i], origin + ".families[" + std::to_string(i) + "]");
    FamilyEfficiency family;
    family.architecture = f.text("architecture");
    for (const json& name : f.get("fitted_on")) {
      if (!name.is_string()) f.fail("fitted_on", "must hold device names");
      family.fitted_on.push_back(name.get<std::string>());
    }
    family.library = f.text("library");
    family.call_s = f.positive("call_us") * 1e-6;
    if (f.has("tile_exponent")) {
      family.tile_exponent = f.positive("tile_exponent");
      if (family.tile_exponent > 1) f.fail("tile_exponent", "must be at most 1");
    }
    const FieldReader plateau = f.child("plateau");
    for (const auto& [key, value] : plateau.object().items()) {
      const AlgoClass algo = parse_algo_class(key);
      family.plateau[static_cast<std::size_t>(algo)] = read_passes(plateau.child(key));
    }
    family.residuals = f.text_or("residuals", "");
    model.families.push_back(std::move(family));
  }
  const FieldReader fallbacks = top.child("fallback_family");
  for (const auto& [key, value] : fallbacks.object().items()) {
    model.fallback_family[key] = fallbacks.text(key);
  }
  const FieldReader ops = top.child("memory_ops");
  model.memory_ops.fitted_on = ops.text("fitted_on");
  model.memory_ops.floor_s = ops.positive("floor_us") * 1e-6;
  model.memory_ops.fallback_op = ops.text("fallback_op");
  const FieldReader fractions = ops.child("bandwidth_fraction");
  for (const auto& [key, value] : fractions.object().items()) {
    model.memory_ops.bandwidth_fraction[key] = read_passes(fractions.child(key));
  }
  model.memory_ops.residuals = ops.text_or("residuals", "");
  if (!model.memory_ops.bandwidth_fraction.contains(model.memory_ops.fallback_op)) {
    ops.fail("fallback_op", "names an op without fractions");
  }
  return model;
}

std::string AchievableModel::to_json() const {
  json root;
  root["schema"] = 1;
  root["about"] =
      "Fitted parameters of the achievable-performance model (docs/metrics.md, 'Achievable "
      "time'). Written by calibration/fit_achievable; do not edit by hand. call_us: fixed cost "
      "per conv/fc call; tile_exponent: the power the tiles-and-waves efficiency enters with; "
      "plateau: fraction of the theoretical FP32 peak (device default clock) "
      "per algorithm class and pass once tiles fill the SMs; memory_ops: per-kernel floor and "
      "fraction of theoretical DRAM bandwidth per op and pass.";
  root["source"] = source;
  root["tile"] = {{"m", tile.m}, {"n", tile.n}};
  json fams = json::array();
  for (const FamilyEfficiency& f : families) {
    json plateau_json = json::object();
    for (int a = 0; a < kAlgoClassCount; ++a) {
      const json passes = write_passes(f.plateau[static_cast<std::size_t>(a)]);
      if (!passes.empty()) plateau_json[std::string(to_string(static_cast<AlgoClass>(a)))] = passes;
    }
    fams.push_back({{"architecture", f.architecture},
                    {"fitted_on", f.fitted_on},
                    {"library", f.library},
                    {"call_us", f.call_s * 1e6},
                    {"tile_exponent", f.tile_exponent},
                    {"plateau", plateau_json},
                    {"residuals", f.residuals}});
  }
  root["families"] = fams;
  root["fallback_family"] = fallback_family;
  json fractions = json::object();
  for (const auto& [op, passes] : memory_ops.bandwidth_fraction)
    fractions[op] = write_passes(passes);
  root["memory_ops"] = {{"fitted_on", memory_ops.fitted_on},
                        {"floor_us", memory_ops.floor_s * 1e6},
                        {"fallback_op", memory_ops.fallback_op},
                        {"bandwidth_fraction", fractions},
                        {"residuals", memory_ops.residuals}};
  return root.dump(2) + "\n";
}

bool AchievableModel::covers(std::string_view architecture) const {
  for (const FamilyEfficiency& f : families) {
    if (f.architecture == architecture) return true;
  }
  const auto fallback = fallback_family.find(std::string(architecture));
  if (fallback == fallback_family.end()) return false;
  for (const FamilyEfficiency& f : families) {
    if (f.architecture == fallback->second) return true;
  }
  return false;
}

AchievableModel::FamilyLookup AchievableModel::family_for(std::string_view architecture) const {
  for (const FamilyEfficiency& f : families) {
    if (f.architecture == architecture) return {&f, false};
  }
  const auto fallback = fallback_family.find(std::string(architecture));
  if (fallback != fallback_family.end()) {
    for (const FamilyEfficiency& f : families) {
      if (f.architecture == fallback->second) return {&f, true};
    }
  }
  throw InputError("the achievable model has no efficiencies for the " +
                   std::string(architecture.empty() ? "unnamed" : architecture) +
                   " architecture (use --model roofline)");
}

AchievableModel::PlateauLookup AchievableModel::plateau(const FamilyEfficiency& family,
                                                        AlgoClass algo, Pass pass) const {
  const auto p = static_cast<std::size_t>(pass);
  if (const auto& v = family.plateau[static_cast<std::size_t>(algo)][p]) return {*v, ""};
  for (const FamilyEfficiency& other : families) {
    if (const auto& v = other.plateau[static_cast<std::size_t>(algo)][p]) {
      return {*v, other.architecture + "'s " + std::string(to_string(algo))};
    }
  }
  if (const auto& v = family.plateau[static_cast<std::size_t>(AlgoClass::implicit_gemm)][p]) {
    return {*v, "implicit_gemm"};
  }
  throw InputError("the achievable model has no " + std::string(to_string(algo)) + " " +
                   std::string(to_string(pass)) + " efficiency for " + family.architecture);
}

double AchievableModel::bandwidth_fraction(std::string_view op, Pass pass) const {
  const auto p = static_cast<std::size_t>(pass);
  const auto it = memory_ops.bandwidth_fraction.find(op);
  if (it != memory_ops.bandwidth_fraction.end() && it->second[p]) return *it->second[p];
  const auto& fallback = memory_ops.bandwidth_fraction.at(memory_ops.fallback_op);
  if (fallback[p]) return *fallback[p];
  if (fallback[0]) return *fallback[0];
  throw InputError("the achievable model has no bandwidth fraction for " + std::string(op));
}

}  // namespace roof
