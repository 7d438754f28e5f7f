#pragma once

// What bench_comm measures, as plain host logic that needs no GPU: the collectives, the message
// sizes, the case names, nccl-tests' bus-bandwidth factors, how many floats each rank sends and
// receives, and the values a run fills and expects (docs/bench.md, "bench_comm").

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace roof::bench::comm {

// The four collectives the multi-GPU strategies use (docs/cluster.md): data parallelism's
// all-reduce, model parallelism's and OWT's all-gather (forward) and reduce-scatter (backward),
// and the broadcast of initial weights.
enum class Collective { all_reduce, broadcast, all_gather, reduce_scatter };

inline constexpr Collective all_collectives[] = {Collective::all_reduce, Collective::broadcast,
                                                 Collective::all_gather,
                                                 Collective::reduce_scatter};

// all_reduce, broadcast, all_gather, reduce_scatter
std::string_view to_string(Collective collective);

// The smallest message: 8 KiB, where a collective's time is mostly its latency.
inline constexpr std::size_t smallest_message_bytes = std::size_t{8} << 10;

// The largest gradient set in the network catalogue in fp32 (every network at ImageNet size;
// VGG-19's 143.7 M parameters, 575 MB), the message a data-parallel step all-reduces at most.
struct GradientSet {
  std::string network;
  std::int64_t bytes = 0;
};
GradientSet largest_gradient_set();

// The smallest power of two >= bytes (bytes >= 1).
std::size_t round_up_to_power_of_two(std::size_t bytes);

// 8 KiB doubling up to `largest` (itself a power of two, at least 8 KiB).
std::vector<std::size_t> message_sizes(std::size_t largest);

// Messages up to batched_up_to_bytes are timed as batched_collectives back-to-back collectives
// per timed iteration, the interval divided by their number, so that the start skew between
// processes and the launch of each collective weigh 1/20 as much on the smallest messages.
inline constexpr std::size_t batched_up_to_bytes = std::size_t{1} << 20;
inline constexpr int batched_collectives = 20;

// How many collectives one timed iteration issues for a message of nccl-tests' size `bytes`.
int collectives_per_iteration(std::size_t bytes);

// How long one wait for the GPUs may take before bench_comm aborts the communicators, from the
// environment's ROOF_COMM_TIMEOUT_S (`value`; nullptr or "" when unset): seconds >= 0, 0 for no
// limit, default 300. Throws std::invalid_argument, naming the variable, for anything else.
inline constexpr double default_comm_timeout_seconds = 300;
double comm_timeout_seconds(const char* value);

// comm/<collective>/bytes:<size>/ranks:<n>; Google Benchmark appends /manual_time.
std::string case_name(Collective collective, std::size_t bytes, int ranks);

// nccl-tests' factor from algorithm bandwidth to bus bandwidth: all-reduce 2(n-1)/n, all-gather
// and reduce-scatter (n-1)/n, broadcast 1 (doc/PERFORMANCE.md).
double bus_factor(Collective collective, int ranks);

// The floats one rank sends and receives for a message of nccl-tests' size `bytes` (the buffer
// for all-reduce and broadcast, the whole gathered output for all-gather, the whole input for
// reduce-scatter). An all-gather or reduce-scatter over a rank count that does not divide the
// size moves floor(size / 4n) floats per rank, as nccl-tests does; `bytes` is then the size
// really moved.
struct Counts {
  std::size_t send = 0;
  std::size_t receive = 0;
  std::size_t bytes = 0;
};
Counts counts(Collective collective, std::size_t bytes, int ranks);

// Rank `rank`'s input at element i: a rank part below 61 plus 64 x (i mod 17), so every value is
// below 1,100 and every sum over up to 15,000 ranks is exact in float (below 2^24) in any order.
// The rank part is rank's three base-61 digits (r0, r1, r2) read as the polynomial
// r0 + r1 a + r2 a^2 over the integers modulo 61, at a = i mod 61: ranks in one block of 61
// (same r1, r2) differ at every element, and any two ranks below 61^3 = 226,981 agree at no more
// than 2 of any 61 consecutive elements, so a broadcast from the wrong root or a gather in the
// wrong order shows. Above 226,981 ranks the rank part repeats; above 15,000 the sums are no
// longer exact (documented in docs/bench.md).
float fill_value(int rank, std::size_t i);

// What element i of rank `rank`'s output must hold after `collective` over `ranks` ranks, each
// filled with fill_value, `send_count` floats each; the broadcast's root is rank 0. Only a
// reduce-scatter gives the ranks different outputs (rank r gets the sum of the r-th chunk).
float expected_value(Collective collective, int ranks, std::size_t send_count, int rank,
                     std::size_t i);

}  // namespace roof::bench::comm
