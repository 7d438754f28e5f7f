#include "bench/comm/comm_world.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstring>

#include "bench/comm/nccl_check.hpp"
#include "kernels/cuda/cuda_check.hpp"

namespace roof::bench::comm {

NcclComm::~NcclComm() {
  if (comm_ != nullptr) ROOF_NCCL_CHECK_NOTHROW(ncclCommDestroy(comm_));
}

NcclComm& NcclComm::operator=(NcclComm&& other) noexcept {
  if (this != &other) {
    if (comm_ != nullptr) ROOF_NCCL_CHECK_NOTHROW(ncclCommDestroy(comm_));
    comm_ = std::exchange(other.comm_, nullptr);
  }
  return *this;
}

CommWorld::CommWorld(const Peers& peers, const RankLayout& layout)
    : peers_(peers), layout_(layout) {
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
  // One group over this process's ranks: NCCL launches them together, so one thread can drive
  // several GPUs without deadlock. With one rank per process the group is a no-op.
  ROOF_NCCL_CHECK(ncclGroupStart());
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
  ROOF_NCCL_CHECK(ncclGroupEnd());
}

void CommWorld::synchronize() {
  for (auto& rank : local_) rank->stream.synchronize();
}

void CommWorld::run(Collective collective, const Counts& counts) {
  reserve(counts);
  enqueue(collective, counts);
  synchronize();
}

Verification CommWorld::verify(Collective collective, const Counts& counts) {
  reserve(counts);
  std::vector<float> host(std::max(counts.send, counts.receive));
  for (auto& rank : local_) {
    for (std::size_t i = 0; i < counts.send; ++i) host[i] = fill_value(rank->rank, i);
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    ROOF_CUDA_CHECK(cudaMemcpy(rank->send.get(), host.data(), counts.send * sizeof(float),
                               cudaMemcpyHostToDevice));
    // NaN everywhere, so that an output the collective never wrote cannot pass.
    ROOF_CUDA_CHECK(cudaMemset(rank->receive.get(), 0xff, counts.receive * sizeof(float)));
    // The copy from pageable memory and the memset may still run on the legacy stream, which
    // the ranks' non-blocking streams do not wait for.
    ROOF_CUDA_CHECK(cudaDeviceSynchronize());
  }
  run(collective, counts);

  Verification result;
  std::int64_t wrong = 0;
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaMemcpy(host.data(), rank->receive.get(), counts.receive * sizeof(float),
                               cudaMemcpyDeviceToHost));
    for (std::size_t i = 0; i < counts.receive; ++i) {
      const float expected = expected_value(collective, layout_.ranks, counts.send, rank->rank, i);
      if (host[i] == expected) continue;
      if (!result.found_here) result.first = {rank->rank, i, host[i], expected};
      result.found_here = true;
      ++wrong;
    }
  }
  result.wrong = peers_.sum(wrong);
  result.checked = peers_.sum(static_cast<std::int64_t>(counts.receive * local_.size()));
  return result;
}

double CommWorld::timed(Collective collective, const Counts& counts) {
  reserve(counts);
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    rank->timer.start(rank->stream.get());
  }
  enqueue(collective, counts);
  for (auto& rank : local_) {
    ROOF_CUDA_CHECK(cudaSetDevice(rank->device));
    rank->timer.stop(rank->stream.get());
  }
  double longest = 0;
  for (auto& rank : local_) longest = std::max(longest, rank->timer.elapsed_seconds());
  return peers_.max(longest);
}

}  // namespace roof::bench::comm
