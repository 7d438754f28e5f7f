#include "bench/comm/comm_cases.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "networks/dtype.hpp"
#include "roofline/collectives.hpp"

namespace roof::bench::comm {

std::string_view to_string(Collective collective) {
  switch (collective) {
    case Collective::all_reduce:
      return "all_reduce";
    case Collective::broadcast:
      return "broadcast";
    case Collective::all_gather:
      return "all_gather";
    case Collective::reduce_scatter:
      return "reduce_scatter";
  }
  return "?";
}

GradientSet largest_gradient_set() {
  GradientSet largest;
  for (const std::string& name : network_names()) {
    const Network network = build_network(name, BuildOptions{});
    const std::int64_t bytes = totals_of(network, DType::fp32).params * element_bytes(DType::fp32);
    if (bytes > largest.bytes) largest = {name, bytes};
  }
  return largest;
}

std::size_t round_up_to_power_of_two(std::size_t bytes) {
  std::size_t power = 1;
  while (power < bytes) power *= 2;
  return power;
}

std::vector<std::size_t> message_sizes(std::size_t largest) {
  std::vector<std::size_t> sizes;
  for (std::size_t bytes = smallest_message_bytes; bytes <= largest; bytes *= 2) {
    sizes.push_back(bytes);
  }
  return sizes;
}

std::string case_name(Collective collective, std::size_t bytes, int ranks) {
  return "comm/" + std::string(to_string(collective)) + "/bytes:" + std::to_string(bytes) +
         "/ranks:" + std::to_string(ranks);
}

double bus_factor(Collective collective, int ranks) {
  // One formula for the model and the measurement: roofline/collectives.hpp's.
  switch (collective) {
    case Collective::all_reduce:
      return roof::bus_factor(roof::Collective::all_reduce, ranks);
    case Collective::broadcast:
      return roof::bus_factor(roof::Collective::broadcast, ranks);
    case Collective::all_gather:
      return roof::bus_factor(roof::Collective::all_gather, ranks);
    case Collective::reduce_scatter:
      return roof::bus_factor(roof::Collective::reduce_scatter, ranks);
  }
  return 1;
}

int collectives_per_iteration(std::size_t bytes) {
  return bytes <= batched_up_to_bytes ? batched_collectives : 1;
}

double comm_timeout_seconds(const char* value) {
  if (value == nullptr || *value == '\0') return default_comm_timeout_seconds;
  const std::string text = value;
  const std::string wrong = "ROOF_COMM_TIMEOUT_S=" + text + " is not a number of seconds >= 0";
  std::size_t used = 0;
  double seconds = 0;
  try {
    seconds = std::stod(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument(wrong);
  }
  if (used != text.size() || !std::isfinite(seconds) || seconds < 0) {
    throw std::invalid_argument(wrong);
  }
  return seconds;
}

Counts counts(Collective collective, std::size_t bytes, int ranks) {
  if (ranks < 1) throw std::invalid_argument("a collective needs at least one rank");
  const std::size_t floats = bytes / sizeof(float);
  Counts c;
  if (collective == Collective::all_gather) {
    c.send = std::max<std::size_t>(1, floats / static_cast<std::size_t>(ranks));
    c.receive = c.send * static_cast<std::size_t>(ranks);
  } else if (collective == Collective::reduce_scatter) {
    c.receive = std::max<std::size_t>(1, floats / static_cast<std::size_t>(ranks));
    c.send = c.receive * static_cast<std::size_t>(ranks);
    c.bytes = c.send * sizeof(float);
    return c;
  } else {
    c.send = floats;
    c.receive = floats;
  }
  c.bytes = c.receive * sizeof(float);
  return c;
}

namespace {

// The rank part of fill_value: rank's base-61 digits as a polynomial over the integers modulo 61
// (a prime, so two polynomials of degree 2 agree at 2 points at most), evaluated at i mod 61.
constexpr std::int64_t rank_base = 61;
constexpr std::int64_t element_digits = 17;

std::int64_t rank_part(std::int64_t r0, std::int64_t r1, std::int64_t r2, std::int64_t a) {
  return (r0 + r1 * a + r2 * a % rank_base * a) % rank_base;
}

}  // namespace

float fill_value(int rank, std::size_t i) {
  const std::int64_t r = rank;
  const auto a = static_cast<std::int64_t>(i % rank_base);
  const std::int64_t part = rank_part(r % rank_base, r / rank_base % rank_base,
                                      r / (rank_base * rank_base) % rank_base, a);
  return static_cast<float>(part + 64 * static_cast<std::int64_t>(i % element_digits));
}

namespace {

// The sum of fill_value(r, i) over r < ranks, in closed form. In every complete block of 61 ranks
// r1 and r2 are fixed while r0 runs through 0..60, so the rank part runs through every residue
// once and adds 0 + 1 + ... + 60 = 1830; the last, partial block adds (k + j) mod 61 for
// j < rest, k its r1 a + r2 a^2, of which max(0, k + rest - 61) wrap around. Every rank adds the
// same element part.
float sum_over_ranks(int ranks, std::size_t i) {
  const std::int64_t n = ranks;
  const auto a = static_cast<std::int64_t>(i % rank_base);
  const std::int64_t blocks = n / rank_base;
  const std::int64_t rest = n % rank_base;
  const std::int64_t k = rank_part(0, blocks % rank_base, blocks / rank_base % rank_base, a);
  const std::int64_t rank_sum = blocks * (rank_base * (rank_base - 1) / 2) + rest * k +
                                rest * (rest - 1) / 2 -
                                rank_base * std::max<std::int64_t>(0, k + rest - rank_base);
  return static_cast<float>(rank_sum +
                            std::int64_t{64} * n * static_cast<std::int64_t>(i % element_digits));
}

}  // namespace

float expected_value(Collective collective, int ranks, std::size_t send_count, int rank,
                     std::size_t i) {
  switch (collective) {
    case Collective::all_reduce:
      return sum_over_ranks(ranks, i);
    case Collective::broadcast:
      return fill_value(0, i);
    case Collective::all_gather:
      return fill_value(static_cast<int>(i / send_count), i % send_count);
    case Collective::reduce_scatter:
      // Rank r receives the r-th of `ranks` equal chunks of the summed input.
      return sum_over_ranks(ranks, static_cast<std::size_t>(rank) * (send_count / ranks) + i);
  }
  return 0;
}

}  // namespace roof::bench::comm
