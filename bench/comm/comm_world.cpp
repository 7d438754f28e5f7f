#include "bench/comm/comm_world.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "bench/comm/nccl_check.hpp"
#include "kernels/cuda/cuda_check.hpp"

namespace roof::bench::comm {
namespace {

// ncclGroupStart now, ncclGroupEnd always: end() on the normal path, which reports NCCL's
// status, or the destructor when a call inside the group threw, so that no group is ever left
// open for the next call to fall into.
class NcclGroup {
 public:
  NcclGroup() { ROOF_NCCL_CHECK(ncclGroupStart()); }
  ~NcclGroup() {
    // Unwinding from a failed call of the group: its status is the error already on its way;
    // the group only has to be closed.
    if (open_) static_cast<void>(ncclGroupEnd());
  }
  NcclGroup(const NcclGroup&) = delete;
  NcclGroup& operator=(const NcclGroup&) = delete;

  void end() {
    open_ = false;
    ROOF_NCCL_CHECK(ncclGroupEnd());
  }

 private:
  bool open_ = true;
};

std::string rank_name(int rank, int device) {
  return "rank " + std::to_string(rank) + " (CUDA device " + std::to_string(device) + ")";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

ncclResult_t NcclComm::async_error() const noexcept {
#if ROOF_NCCL_HAS_ASYNC_ERRORS
  if (comm_ == nullptr) return ncclSuccess;
  ncclResult_t async = ncclSuccess;
  const ncclResult_t query = ncclCommGetAsyncError(comm_, &async);
  if (query != ncclSuccess) return query;
  // ncclInProgress: a non-blocking communicator still working, not a failure.
  return async == ncclInProgress ? ncclSuccess : async;
#else
  return ncclSuccess;
#endif
}

void NcclComm::abort() noexcept {
  if (comm_ == nullptr) return;
#if ROOF_NCCL_HAS_ASYNC_ERRORS
  ROOF_NCCL_CHECK_NOTHROW(ncclCommAbort(comm_));
#else
  ROOF_NCCL_CHECK_NOTHROW(ncclCommDestroy(comm_));
#endif
  comm_ = nullptr;
}

void NcclComm::release() noexcept {
  if (comm_ == nullptr) return;
  if (async_error() != ncclSuccess) {
    abort();
    return;
  }
  ROOF_NCCL_CHECK_NOTHROW(ncclCommDestroy(comm_));
  comm_ = nullptr;
}

NcclComm& NcclComm::operator=(NcclComm&& other) noexcept {
  if (this != &other) {
    release();
    comm_ = std::exchange(other.comm_, nullptr);
  }
  return *this;
}

CommWorld::Rank::~Rank() {
  // The stream, the events and the buffers were created on this device; free them from it.
  if (device >= 0) ROOF_CUDA_CHECK_NOTHROW(cudaSetDevice(device));
}

CommWorld::CommWorld(const Peers& peers, const RankLayout& layout, double timeout_seconds)
    : peers_(peers), layout_(layout), timeout_seconds_(timeout_seconds) {
  const int local = static_cast<int>(layout_.devices.size());
  for (int i = 0; i < local; ++i) {
    // Streams and events belong to the device current when they are created.
    ROOF_CUDA_CHECK(cudaSetDevice(layout_.devices[i]));
    auto rank = std::make_unique<Rank>();
    rank->rank = layout_.first_rank + i;
    rank->device = layout_.devices[i];
    local_.push_back(std::move(rank));
  }
  if (!peers_.several()) {
    std::vector<ncclComm_t> comms(local_.size(), nullptr);
    ROOF_NCCL_CHECK(ncclCommInitAll(comms.data(), local, layout_.devices.data()));
    for (int i = 0; i < local; ++i) local_[i]->comm = std::make_unique<NcclComm>(comms[i]);
  } else {
    ncclUniqueId id;
    std::memset(&id, 0, sizeof id);
    if (peers_.rank() == 0) ROOF_NCCL_CHECK(ncclGetUniqueId(&id));
    peers_.broadcast(&id, sizeof id);
    ROOF_CUDA_CHECK(cudaSetDevice(local_.front()->device));
    ncclComm_t comm = nullptr;
    ROOF_NCCL_CHECK(ncclCommInitRank(&comm, layout_.ranks, id, local_.front()->rank));
    local_.front()->comm = std::make_unique<NcclComm>(comm);
  }
}

CommWorld::~CommWorld() {
  // Dropped after an exception, a stream may still hold a collective that waits for a peer, or a
  // communicator may have failed: ncclCommDestroy would wait for them forever, so abort them all.
  bool healthy = !aborted_;
  for (const auto& rank : local_) {
    if (cudaStreamQuery(rank->stream.get()) != cudaSuccess) healthy = false;
    if (rank->comm && rank->comm->async_error() != ncclSuccess) healthy = false;
  }
  if (!healthy) abort();
}

void CommWorld::abort() noexcept {
  aborted_ = true;
  for (auto& rank : local_) {
    if (rank->comm) rank->comm->abort();
  }
}

void CommWorld::wait(std::string_view what) {
  using clock = std::chrono::steady_clock;
  const clock::time_point start = clock::now();
  std::vector<char> done(local_.size(), 0);
  std::size_t remaining = local_.size();
  while (remaining > 0) {
    bool progressed = false;
    for (std::size_t i = 0; i < local_.size(); ++i) {
      if (done[i] != 0) continue;
      Rank& rank = *local_[i];
      const cudaError_t status = cudaStreamQuery(rank.stream.get());
      if (status == cudaSuccess) {
        done[i] = 1;
        --remaining;
        progressed = true;
        continue;
      }
      if (status != cudaErrorNotReady) {
        abort();
        throw cuda::CudaError(status, "cudaStreamQuery on " + rank_name(rank.rank, rank.device) +
                                          " while waiting for " + std::string(what) + ": " +
                                          cudaGetErrorString(status) +
                                          "; every NCCL communicator of this process aborted");
      }
      const ncclResult_t async = rank.comm ? rank.comm->async_error() : ncclSuccess;
      if (async != ncclSuccess) {
        const std::string text = nccl_error_text(async);
        abort();
        throw NcclError(async, "NCCL asynchronous error on " + rank_name(rank.rank, rank.device) +
                                   " while waiting for " + std::string(what) + ": " + text +
                                   "; every NCCL communicator of this process aborted");
      }
    }
    if (remaining > 0 && timeout_seconds_ > 0 &&
        std::chrono::duration<double>(clock::now() - start).count() > timeout_seconds_) {
      std::string busy;
      for (std::size_t i = 0; i < local_.size(); ++i) {
        if (done[i] == 0) busy += (busy.empty() ? "" : ", ") + std::to_string(local_[i]->rank);
      }
      abort();
      throw std::runtime_error(std::string(what) + " did not finish within " +
                               seconds_text(timeout_seconds_) +
                               " s (ROOF_COMM_TIMEOUT_S) on rank(s) " + busy +
                               "; every NCCL communicator of this process aborted");
    }
    // Leave the CPU to NCCL's proxy threads while nothing moves.
    if (!progressed) std::this_thread::yield();
  }
}

void CommWorld::reserve(const Counts& counts) {
  for (auto& rank : local_) {
    if (rank->send.size() >= counts.send && rank->receive.size() >= counts.receive) continue;
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    // Grown to the message, never shrunk: the cases run from small to large sizes.
    if (rank->send.size() < counts.send) {
      rank->send = cuda::DeviceBuffer<float>();
      rank->send = cuda::DeviceBuffer<float>(counts.send);
    }
    if (rank->receive.size() < counts.receive) {
      rank->receive = cuda::DeviceBuffer<float>();
      rank->receive = cuda::DeviceBuffer<float>(counts.receive);
    }
  }
}

void CommWorld::enqueue(Collective collective, const Counts& counts) {
  if (aborted_) throw std::logic_error("bench_comm: the NCCL communicators were aborted");
  // One group over this process's ranks: NCCL launches them together, so one thread can drive
  // several GPUs without deadlock. With one rank per process the group is a no-op.
  NcclGroup group;
  for (auto& rank : local_) {
    const cudaStream_t stream = rank->stream.get();
    ncclComm_t comm = rank->comm->get();
    switch (collective) {
      case Collective::all_reduce:
        ROOF_NCCL_CHECK(ncclAllReduce(rank->send.get(), rank->receive.get(), counts.send, ncclFloat,
                                      ncclSum, comm, stream));
        break;
      case Collective::broadcast:
        ROOF_NCCL_CHECK(ncclBroadcast(rank->send.get(), rank->receive.get(), counts.send, ncclFloat,
                                      0, comm, stream));
        break;
      case Collective::all_gather:
        ROOF_NCCL_CHECK(ncclAllGather(rank->send.get(), rank->receive.get(), counts.send, ncclFloat,
                                      comm, stream));
        break;
      case Collective::reduce_scatter:
        ROOF_NCCL_CHECK(ncclReduceScatter(rank->send.get(), rank->receive.get(), counts.receive,
                                          ncclFloat, ncclSum, comm, stream));
        break;
    }
  }
  group.end();
}

void CommWorld::run(Collective collective, const Counts& counts) {
  reserve(counts);
  enqueue(collective, counts);
  wait("the " + std::string(to_string(collective)));
}

Verification CommWorld::verify(Collective collective, const Counts& counts) {
  reserve(counts);
  std::vector<float> host(std::max(counts.send, counts.receive));
  for (auto& rank : local_) {
    for (std::size_t i = 0; i < counts.send; ++i) host[i] = fill_value(rank->rank, i);
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    // On the rank's own stream, which the collective then follows. The stream is idle (every
    // earlier wait returned), so the stream synchronisation a copy from pageable memory implies
    // returns at once, and the copy has left `host` when the call returns.
    ROOF_CUDA_CHECK(cudaMemcpyAsync(rank->send.get(), host.data(), counts.send * sizeof(float),
                                    cudaMemcpyHostToDevice, rank->stream.get()));
    // NaN everywhere, so that an output the collective never wrote cannot pass.
    ROOF_CUDA_CHECK(cudaMemsetAsync(rank->receive.get(), 0xff, counts.receive * sizeof(float),
                                    rank->stream.get()));
  }
  wait("the verification's input copies");
  run(collective, counts);

  Verification result;
  std::int64_t wrong = 0;
  std::string first_here;
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    // The collective is done (run waited), so this copy to pageable memory, which returns only
    // once complete, cannot wait for NCCL.
    ROOF_CUDA_CHECK(cudaMemcpyAsync(host.data(), rank->receive.get(),
                                    counts.receive * sizeof(float), cudaMemcpyDeviceToHost,
                                    rank->stream.get()));
    wait("the verification's output copy");
    for (std::size_t i = 0; i < counts.receive; ++i) {
      const float expected = expected_value(collective, layout_.ranks, counts.send, rank->rank, i);
      if (host[i] == expected) continue;
      if (first_here.empty()) {
        char text[160];
        std::snprintf(text, sizeof text, "rank %d element %zu is %.9g, expected %.9g", rank->rank,
                      i, static_cast<double>(host[i]), static_cast<double>(expected));
        first_here = text;
      }
      ++wrong;
    }
  }
  result.wrong = peers_.sum(wrong);
  result.checked = peers_.sum(static_cast<std::int64_t>(counts.receive * local_.size()));
  if (result.wrong > 0) {
    // Every process knows the total, so all of them gather (or none); the lowest rank's first
    // wrong element comes from whichever process drives it.
    for (const std::string& text : peers_.gather(first_here)) {
      if (!text.empty()) {
        result.first = text;
        break;
      }
    }
  }
  return result;
}

double CommWorld::timed(Collective collective, const Counts& counts, int collectives) {
  if (collectives < 1) throw std::invalid_argument("CommWorld::timed: no collective to time");
  reserve(counts);
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    rank->timer.start(rank->stream.get());
  }
  for (int k = 0; k < collectives; ++k) enqueue(collective, counts);
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    rank->timer.stop(rank->stream.get());
  }
  // The stop events are the streams' last work: once the streams are idle, reading the events
  // waits for nothing.
  wait("the timed " + std::string(to_string(collective)));
  double longest = 0;
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    longest = std::max(longest, rank->timer.elapsed_seconds());
  }
  return peers_.max(longest) / collectives;
}

}  // namespace roof::bench::comm
