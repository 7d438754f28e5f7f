#include "bench/roofs/gpu/ceiling_cases.hpp"

#include <cuda_runtime_api.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/roofs/gpu/ceiling_kernels.hpp"
#include "bench/roofs/gpu/ceiling_math.hpp"
#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/stream.hpp"

namespace roof::bench::gpu {
namespace {

using benchmark::State;

std::string mib(std::size_t bytes) {
  return cuda::mebibytes(bytes);
}

std::string value_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::size_t free_device_bytes() {
  std::size_t free = 0;
  std::size_t total = 0;
  ROOF_CUDA_CHECK(cudaMemGetInfo(&free, &total));
  return free;
}

// Every `n / count`-th element and the last, copied back with one strided copy.
std::vector<float> sample(const cuda::DeviceBuffer<float>& data, std::size_t count,
                          std::size_t* step) {
  const std::size_t n = data.size();
  *step = n > count ? n / count : 1;
  const std::size_t rows = (n + *step - 1) / *step;
  std::vector<float> values(rows + 1);
  ROOF_CUDA_CHECK(cudaMemcpy2D(values.data(), sizeof(float), data.get(), *step * sizeof(float),
                               sizeof(float), rows, cudaMemcpyDeviceToHost));
  ROOF_CUDA_CHECK(
      cudaMemcpy(&values[rows], data.get() + (n - 1), sizeof(float), cudaMemcpyDeviceToHost));
  return values;
}

// "" when every sampled element holds `expected`, else which one does not.
std::string check_all_equal(const cuda::DeviceBuffer<float>& data, float expected) {
  std::size_t step = 1;
  const std::vector<float> values = sample(data, 4096, &step);
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (values[k] != expected) {
      const std::size_t index = k + 1 == values.size() ? data.size() - 1 : k * step;
      return "element " + std::to_string(index) + " holds " + value_text(values[k]) +
             ", expected " + value_text(expected);
    }
  }
  return "";
}

void set_peak(State& state, const char* name, double peak, double rate) {
  if (peak <= 0) return;  // an architecture the table does not know
  state.counters[std::string("theoretical_") + name] = peak;
  state.counters["fraction_of_theoretical"] = rate / peak;
}

// Runs a case body with the device selected; any exception becomes the row's error.
template <typename Body>
void guarded(State& state, const GpuCase& c, Body&& body) {
  try {
    ROOF_CUDA_CHECK(cudaSetDevice(c.gpu.index));
    const cuda::Stream stream;
    body(stream.get());
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void fma_case(State& state, const GpuCase& c, bool fp16) {
  guarded(state, c, [&](cudaStream_t stream) {
    const int blocks = fp16 ? fma_fp16_blocks(c.gpu.sm_count) : fma_fp32_blocks(c.gpu.sm_count);
    const std::int64_t threads = std::int64_t{blocks} * kThreadsPerBlock;
    cuda::DeviceBuffer<float> out(static_cast<std::size_t>(threads));
    CeilingLaunch launch;
    launch.enqueue = [&](cudaStream_t s) {
      if (fp16) {
        launch_fma_fp16(out.get(), blocks, kFmaRepeats, s);
      } else {
        launch_fma_fp32(out.get(), blocks, kFmaRepeats, s);
      }
    };
    launch.flops =
        fp16 ? fma_fp16_flops(threads, kFmaRepeats) : fma_fp32_flops(threads, kFmaRepeats);
    launch.fp16 = fp16;
    const TimedRun run = run_timed_launches(state, launch, c.instrumentation, stream);
    if (state.error_occurred()) return;  // the blocker timed out: no time to check or report

    // Every thread's sum against the host's: chain starts repeat every 32 threads, so 32 exact
    // emulations cover them all.
    std::vector<float> host(out.size());
    ROOF_CUDA_CHECK(cudaMemcpy(host.data(), out.get(), out.bytes(), cudaMemcpyDeviceToHost));
    std::array<float, 32> expected{};
    for (int t = 0; t < 32; ++t) {
      expected[t] = fp16 ? expected_fma_fp16(t, kFmaRepeats) : expected_fma_fp32(t, kFmaRepeats);
    }
    for (std::size_t t = 0; t < host.size(); ++t) {
      if (host[t] != expected[t % 32]) {
        state.SkipWithError(("thread " + std::to_string(t) + " stored " + value_text(host[t]) +
                             ", expected " + value_text(expected[t % 32]))
                                .c_str());
        return;
      }
    }
    const double peak = fp16 ? theoretical_fp16_flops(c.gpu) : theoretical_fp32_flops(c.gpu);
    set_peak(state, "flops", peak,
             launch.flops * static_cast<double>(state.iterations()) / run.seconds);
    state.SetLabel((std::string(fp16 ? "fp16 HFMA2" : "fp32 FFMA") + ", " +
                    std::to_string(kFmaChains) + " chains x " + std::to_string(threads) +
                    " threads (" + std::to_string(blocks) + " blocks of " +
                    std::to_string(kThreadsPerBlock) + " on " + std::to_string(c.gpu.sm_count) +
                    " SMs); " + run.cupti)
                       .c_str());
  });
}

// The STREAM kernels: `arrays` arrays of 8x the L2, no L2 flush (an array is 8x the L2, so what
// a launch finds in L2 is at most an eighth of one array).
void stream_case(State& state, const GpuCase& c, bool triad) {
  guarded(state, c, [&](cudaStream_t stream) {
    const int arrays = triad ? 3 : 2;
    const ArrayPlan plan = dram_array_bytes(c.gpu.l2_bytes, free_device_bytes(), arrays);
    if (plan.bytes == 0) throw std::runtime_error(plan.reason);
    const std::size_t n = plan.bytes / sizeof(float);
    const int fill_blocks = memory_blocks(MemoryKernel::fill, c.gpu.sm_count);
    cuda::DeviceBuffer<float> a(n);
    cuda::DeviceBuffer<float> b(triad ? n : 0);
    cuda::DeviceBuffer<float> out(n);
    // copy: out = a = 1. triad: a = b + 3 out = 2 + 3 x 1 = 5.
    launch_fill(a.get(), n, triad ? 0.0f : 1.0f, fill_blocks, stream);
    if (triad) launch_fill(b.get(), n, 2.0f, fill_blocks, stream);
    launch_fill(out.get(), n, triad ? 1.0f : 0.0f, fill_blocks, stream);
    const int blocks =
        memory_blocks(triad ? MemoryKernel::triad : MemoryKernel::copy, c.gpu.sm_count);
    CeilingLaunch launch;
    launch.enqueue = [&](cudaStream_t s) {
      if (triad) {
        launch_triad(a.get(), b.get(), out.get(), 3.0f, n, blocks, s);
      } else {
        launch_copy(out.get(), a.get(), n, blocks, s);
      }
    };
    launch.bytes = static_cast<double>(arrays) * static_cast<double>(plan.bytes);  // STREAM
    const TimedRun run = run_timed_launches(state, launch, c.instrumentation, stream);
    if (state.error_occurred()) return;  // the blocker timed out: no time to check or report

    const std::string wrong = triad ? check_all_equal(a, 5.0f) : check_all_equal(out, 1.0f);
    if (!wrong.empty()) {
      state.SkipWithError(((triad ? "triad: " : "copy: ") + wrong).c_str());
      return;
    }
    set_peak(state, "bytes_per_second", theoretical_dram_bytes_per_second(c.gpu),
             launch.bytes * static_cast<double>(state.iterations()) / run.seconds);
    state.SetLabel((std::to_string(arrays) + " arrays of " + mib(plan.bytes) + " (" + plan.reason +
                    "), STREAM counting, cache:hot (no L2 flush: an array is 8x the L2); " +
                    run.cupti)
                       .c_str());
  });
}

}  // namespace

void fma_fp32_case(State& state, const GpuCase& c) {
  fma_case(state, c, false);
}

void fma_fp16_case(State& state, const GpuCase& c) {
  fma_case(state, c, true);
}

void dram_copy_case(State& state, const GpuCase& c) {
  stream_case(state, c, false);
}

void dram_triad_case(State& state, const GpuCase& c) {
  stream_case(state, c, true);
}

void l2_case(State& state, const GpuCase& c) {
  guarded(state, c, [&](cudaStream_t stream) {
    const std::size_t bytes = l2_working_set_bytes(c.gpu.l2_bytes);
    if (bytes == 0) throw std::runtime_error("the device reports no L2");
    const std::size_t n = bytes / sizeof(float);
    const int passes = l2_passes(bytes);
    const int blocks = memory_blocks(MemoryKernel::l2_read, c.gpu.sm_count);
    const std::int64_t threads = std::int64_t{blocks} * kThreadsPerBlock;
    cuda::DeviceBuffer<float> data(n);
    cuda::DeviceBuffer<float> out(static_cast<std::size_t>(threads));
    launch_fill(data.get(), n, 1.0f, memory_blocks(MemoryKernel::fill, c.gpu.sm_count), stream);
    CeilingLaunch launch;
    launch.enqueue = [&](cudaStream_t s) {
      launch_l2_read(out.get(), data.get(), n, passes, blocks, s);
    };
    launch.bytes = static_cast<double>(bytes) * passes;
    const TimedRun run = run_timed_launches(state, launch, c.instrumentation, stream);
    if (state.error_occurred()) return;  // the blocker timed out: no time to check or report

    // Each thread summed 4 ones per float4 it read: exact, as every sum stays below 2^24.
    std::vector<float> host(out.size());
    ROOF_CUDA_CHECK(cudaMemcpy(host.data(), out.get(), out.bytes(), cudaMemcpyDeviceToHost));
    const auto n4 = static_cast<std::int64_t>(n / 4);
    for (std::int64_t t = 0; t < threads; ++t) {
      const auto expected = static_cast<float>(4 * passes * grid_stride_count(t, threads, n4));
      if (host[static_cast<std::size_t>(t)] != expected) {
        state.SkipWithError(("l2: thread " + std::to_string(t) + " summed " +
                             value_text(host[static_cast<std::size_t>(t)]) + ", expected " +
                             value_text(expected))
                                .c_str());
        return;
      }
    }
    state.SetLabel((mib(bytes) + " (half the L2) read " + std::to_string(passes) +
                    " times per launch through L2 only (ld.global.cg), cache:hot by design; " +
                    run.cupti)
                       .c_str());
  });
}

void intensity_case(State& state, const GpuCase& c, int fmas) {
  guarded(state, c, [&](cudaStream_t stream) {
    const ArrayPlan plan = dram_array_bytes(c.gpu.l2_bytes, free_device_bytes(), 1);
    if (plan.bytes == 0) throw std::runtime_error(plan.reason);
    const std::size_t n = plan.bytes / sizeof(float);
    const int blocks = memory_blocks(MemoryKernel::intensity, c.gpu.sm_count);
    cuda::DeviceBuffer<float> x(n);
    launch_fill(x.get(), n, kIntensityStart, memory_blocks(MemoryKernel::fill, c.gpu.sm_count),
                stream);
    // Every launch (warm-up, timed, profiled replays) moves each element `fmas` steps on; the
    // count gives the exact value a correct run leaves.
    std::int64_t launches = 0;
    CeilingLaunch launch;
    launch.enqueue = [&](cudaStream_t s) {
      launch_intensity(x.get(), n, fmas, blocks, s);
      ++launches;
    };
    launch.flops = 2.0 * fmas * static_cast<double>(n);
    launch.bytes = 2.0 * static_cast<double>(plan.bytes);  // read and written once
    const TimedRun run = run_timed_launches(state, launch, c.instrumentation, stream);
    if (state.error_occurred()) return;  // the blocker timed out: no time to check or report

    const std::string wrong = check_all_equal(x, expected_intensity_value(launches * fmas));
    if (!wrong.empty()) {
      state.SkipWithError(("intensity: " + wrong).c_str());
      return;
    }
    state.SetLabel(("fp32, " + std::to_string(fmas) + " FMA per element, " + mib(plan.bytes) +
                    " in place, cache:hot (no L2 flush: the array is 8x the L2); " + run.cupti)
                       .c_str());
  });
}

}  // namespace roof::bench::gpu
