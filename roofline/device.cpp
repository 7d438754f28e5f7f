#include "roofline/device.hpp"

#include "support/input_error.hpp"

namespace roof {

std::string_view to_string(Clock clock) {
  return clock == Clock::base ? "base" : "boost";
}

std::string_view to_string(Ceilings ceilings) {
  return ceilings == Ceilings::theoretical ? "theoretical" : "sustained";
}

Clock parse_clock(std::string_view text) {
  if (text == "base") return Clock::base;
  if (text == "boost") return Clock::boost;
  throw InputError("unknown clock '" + std::string(text) + "' (expected base or boost)");
}

Ceilings parse_ceilings(std::string_view text) {
  if (text == "theoretical") return Ceilings::theoretical;
  if (text == "sustained") return Ceilings::sustained;
  throw InputError("unknown ceilings '" + std::string(text) +
                   "' (expected theoretical or sustained)");
}

}  // namespace roof
