// The timing tools bench_layers uses: the event timer measures GPU work, the L2 flush holds twice
// the L2 and clears it. Need a GPU: skip themselves (never fail) without one.
#include <gtest/gtest.h>

#include <cstddef>
#include <utility>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/device_probe.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/l2_flush.hpp"
#include "kernels/cuda/stream.hpp"

namespace roof::cuda {
namespace {

#define ROOF_REQUIRE_GPU()                                                                \
  do {                                                                                    \
    const CudaProbe probe = probe_cuda();                                                 \
    if (!probe.has_gpu()) GTEST_SKIP() << "no CUDA device: " << probe.unavailable_reason; \
  } while (false)

TEST(EventTimer, TimesWorkQueuedBetweenItsEvents) {
  ROOF_REQUIRE_GPU();
  const Stream stream;
  constexpr std::size_t bytes = std::size_t{256} << 20;
  DeviceBuffer<std::byte> buffer(bytes);
  EventTimer timer;
  timer.start(stream.get());
  ROOF_CUDA_CHECK(cudaMemsetAsync(buffer.get(), 1, bytes, stream.get()));
  timer.stop(stream.get());
  const double seconds = timer.elapsed_seconds();
  // 256 MiB written at anything between 10 GB/s and 100 TB/s.
  EXPECT_GT(seconds, 2.5e-6);
  EXPECT_LT(seconds, 0.03);

  EventTimer moved(std::move(timer));  // the events move with it
  moved.start(stream.get());
  moved.stop(stream.get());
  EXPECT_GE(moved.elapsed_seconds(), 0.0);
}

TEST(L2Flush, HoldsTwiceTheL2AndFlushes) {
  ROOF_REQUIRE_GPU();
  const Stream stream;
  L2Flush flush;
  EXPECT_GT(flush.l2_bytes(), 0u);
  EXPECT_EQ(flush.buffer_bytes(), 2 * flush.l2_bytes());
  flush.flush(stream.get());
  stream.synchronize();
}

TEST(DeviceBuffer, AllocatesAndMoves) {
  ROOF_REQUIRE_GPU();
  DeviceBuffer<float> a(1000);
  ASSERT_NE(a.get(), nullptr);
  float* const memory = a.get();
  DeviceBuffer<float> b(std::move(a));
  EXPECT_EQ(a.get(), nullptr);  // NOLINT(bugprone-use-after-move): the moved-from state is empty
  EXPECT_EQ(b.get(), memory);
  EXPECT_EQ(b.bytes(), 4000u);
}

}  // namespace
}  // namespace roof::cuda
