#include "bench/comm/comm_cases.hpp"

#include <algorithm>
#include <stdexcept>

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

// Rank in the low digits (0..60), element in the high ones (0..16 x 64): every value below
// 1,100, so a sum over n ranks stays below 1,100 n, exact in float (2^24) up to 15,000 ranks.
constexpr int rank_digits = 61;
constexpr int element_digits = 17;

}  // namespace

float fill_value(int rank, std::size_t i) {
  return static_cast<float>(rank % rank_digits + 64 * static_cast<int>(i % element_digits));
}

namespace {

// The sum of fill_value(r, i) over r < ranks, in closed form: the rank digits cycle through
// 0..60, and every rank adds the same element digits.
float sum_over_ranks(int ranks, std::size_t i) {
  const std::int64_t cycles = ranks / rank_digits;
  const std::int64_t rest = ranks % rank_digits;
  const std::int64_t rank_sum =
      cycles * rank_digits * (rank_digits - 1) / 2 + rest * (rest - 1) / 2;
  return static_cast<float>(rank_sum + std::int64_t{64} * ranks *
                                           static_cast<std::int64_t>(i % element_digits));
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
