#include "kernels/cupti/kernel_activity.hpp"

#include <cuda_runtime_api.h>
#include <cupti.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cupti/cupti_check.hpp"

namespace roof::cupti {
namespace {

// CUPTI calls the buffer callbacks from its own thread as well as from cuptiActivityFlushAll, and
// they are plain C functions: the records they decode land here, behind a mutex.
struct RecordSink {
  std::mutex mutex;
  std::vector<std::pair<std::uint64_t, KernelRecord>> records;  // (start timestamp, record)
  bool recording = false;
  // Atomic, as the callback's failure path may count without holding the mutex.
  std::atomic<std::size_t> dropped{0};
};

RecordSink& sink() {
  static RecordSink instance;
  return instance;
}

std::atomic<bool> recorder_alive{false};

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;  // CUPTI's samples use 1 to 8 MiB
constexpr std::size_t kBufferAlignment = 8;                 // activity records need 8 bytes

void CUPTIAPI request_buffer(std::uint8_t** buffer, std::size_t* size,
                             std::size_t* max_records) noexcept {
  *buffer = static_cast<std::uint8_t*>(std::aligned_alloc(kBufferAlignment, kBufferBytes));
  *size = *buffer != nullptr ? kBufferBytes : 0;  // a zero size tells CUPTI to drop records
  *max_records = 0;                               // as many as fit
}

// CUPTI hands out the newest kernel record layout of the library it is (CUpti_ActivityKernel10
// in CUDA 13). Every layout since CUpti_ActivityKernel4 (CUDA 9) starts with the same fields up
// to `name`, and only those are read, through the oldest declaration that has them all, which
// every toolkit from CUDA 9 to 13 still declares.
using KernelActivity = CUpti_ActivityKernel4;

KernelRecord to_record(const KernelActivity* kernel) {
  KernelRecord record;
  record.name = demangle(kernel->name);
  record.grid = {kernel->gridX, kernel->gridY, kernel->gridZ};
  record.block = {kernel->blockX, kernel->blockY, kernel->blockZ};
  record.duration_ns = kernel->end > kernel->start ? kernel->end - kernel->start : 0;
  return record;
}

void CUPTIAPI buffer_completed(CUcontext context, std::uint32_t stream_id, std::uint8_t* buffer,
                               std::size_t /*size*/, std::size_t valid_size) noexcept {
  RecordSink& s = sink();
  try {
    const std::lock_guard<std::mutex> lock(s.mutex);
    CUpti_Activity* activity = nullptr;
    // MAX_LIMIT_REACHED ends the buffer; any other failure leaves the rest of it unread, which
    // counts as dropped so that stop() says so instead of returning a short list.
    while (true) {
      const CUptiResult result = cuptiActivityGetNextRecord(buffer, valid_size, &activity);
      if (result == CUPTI_ERROR_MAX_LIMIT_REACHED) break;
      if (result != CUPTI_SUCCESS) {
        ++s.dropped;
        break;
      }
      if (!s.recording) continue;
      if (activity->kind == CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL ||
          activity->kind == CUPTI_ACTIVITY_KIND_KERNEL) {
        const auto* kernel = reinterpret_cast<const KernelActivity*>(activity);
        s.records.emplace_back(kernel->start, to_record(kernel));
      }
    }
    // Checked, not thrown (a C callback): if CUPTI cannot say how many it dropped, the records
    // decoded above stand as they are.
    std::size_t dropped = 0;
    if (cuptiActivityGetNumDroppedRecords(context, stream_id, &dropped) == CUPTI_SUCCESS) {
      s.dropped += dropped;
    }
  } catch (...) {  // a C callback must not throw; a record we could not store is a dropped one
    ++s.dropped;
  }
  std::free(buffer);
}

void synchronize_and_flush() {
  ROOF_CUDA_CHECK(cudaDeviceSynchronize());
  // Forced: also the buffers that are not full, so every kernel that has finished is delivered.
  ROOF_CUPTI_CHECK(cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED));
}

}  // namespace

KernelActivityRecorder::KernelActivityRecorder() {
  if (recorder_alive.exchange(true)) {
    throw std::logic_error("a KernelActivityRecorder already exists: CUPTI has one per process");
  }
  try {
    ROOF_CUPTI_CHECK(cuptiActivityRegisterCallbacks(request_buffer, buffer_completed));
    ROOF_CUPTI_CHECK(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL));
  } catch (...) {
    recorder_alive = false;
    throw;
  }
}

KernelActivityRecorder::~KernelActivityRecorder() {
  ROOF_CUPTI_CHECK_NOTHROW(cuptiActivityDisable(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL));
  ROOF_CUPTI_CHECK_NOTHROW(cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED));
  {
    const std::lock_guard<std::mutex> lock(sink().mutex);
    sink().records.clear();
    sink().dropped = 0;
    sink().recording = false;
  }
  recorder_alive = false;
}

void KernelActivityRecorder::start() {
  synchronize_and_flush();  // what ran before start() arrives now, while recording is off
  const std::lock_guard<std::mutex> lock(sink().mutex);
  sink().records.clear();
  sink().dropped = 0;
  sink().recording = true;
}

std::vector<KernelRecord> KernelActivityRecorder::stop() {
  synchronize_and_flush();
  std::vector<std::pair<std::uint64_t, KernelRecord>> timed;
  std::size_t dropped = 0;
  {
    const std::lock_guard<std::mutex> lock(sink().mutex);
    sink().recording = false;
    timed = std::exchange(sink().records, {});
    dropped = sink().dropped.exchange(0);
  }
  if (dropped > 0) {
    throw CuptiError(CUPTI_ERROR_MAX_LIMIT_REACHED,
                     "CUPTI dropped " + std::to_string(dropped) + " kernel activity records");
  }
  // Buffers complete per stream, so records of several streams arrive out of order.
  std::stable_sort(timed.begin(), timed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<KernelRecord> records;
  records.reserve(timed.size());
  for (auto& entry : timed) records.push_back(std::move(entry.second));
  return records;
}

bool kernel_activity_compiled_in() {
  return true;
}

}  // namespace roof::cupti
