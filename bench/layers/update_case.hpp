#pragma once

// The optimizer step as a bench_layers case: SGD with momentum over every parameter tensor of a
// network (kernels/cpu/sgd_update.hpp), one row per network, named
// sgd_update/<network>:parameters/update/mb:<batch>/impl:direct, so that an iteration composed
// from measurements (roofline train --measured) has nothing modelled.

#include <atomic>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "networks/network.hpp"

namespace roof::bench {

// The element counts of the network's parameter tensors in layer order: each conv and fc
// layer's weights and bias, each batch norm's gamma and beta. Their sum is the cost model's
// parameter count.
std::vector<std::int64_t> parameter_tensors(const Network& network);

void run_update_case(benchmark::State& state, const Network& network, std::atomic<int>& failures);

}  // namespace roof::bench
