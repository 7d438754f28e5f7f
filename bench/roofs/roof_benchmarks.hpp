#pragma once

// The roof/... benchmarks of bench_roofs, registered with Google Benchmark.

#include <cstddef>
#include <string>
#include <vector>

#include "bench/roofs/ceiling_kernels.hpp"
#include "bench/roofs/machine.hpp"

namespace roof::bench {

// What the benchmarks are sized and labelled from, probed once at startup.
struct RoofSetup {
  Simd simd = Simd::baseline;
  int threads = 1;
  int cores = 1;  // physical cores under the threads: the theoretical peak's count
  CacheSizes caches;
  std::size_t stream_elements = 0;  // doubles per STREAM array
};

// Working sets of the cache sweep: powers of two from 16 KiB up to the STREAM array, and the
// STREAM array itself, so every level from L1 to DRAM gets a few points.
std::vector<std::size_t> cache_sweep_bytes(std::size_t stream_array_bytes);
// FMAs per element of the intensity kernel: 1 to 256, that is 0.25 to 64 FLOP per byte.
std::vector<int> intensity_fmas();
// "0.25", "0.5", "1", ... as the benchmark names write fmas / 4.
std::string flops_per_byte_name(int fmas);

// roof/fma_fp32, roof/fma_fp64, roof/stream_{copy,scale,add,triad}, roof/stream_triad_plain,
// roof/dram/{read,write,write_nt,copy_nt,triad_nt}, the working-set sweeps roof/cache/<bytes>
// (read), roof/cache_write/<bytes> and roof/cache_copy/<bytes>, roof/intensity/<flops per byte>.
// Returns the names registered, in order.
std::vector<std::string> register_roof_benchmarks(const RoofSetup& setup);

}  // namespace roof::bench
