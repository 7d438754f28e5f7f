#pragma once

// The GPUs one bench_comm run spans, as NCCL ranks: every GPU this process sees (one process,
// ncclCommInitAll, the ranks' calls grouped with ncclGroupStart/End), or this process's one GPU
// among the MPI ranks (ncclCommInitRank with rank 0's ncclUniqueId). One rank per GPU either way.

#include <nccl.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bench/comm/comm_cases.hpp"
#include "bench/comm/peers.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/stream.hpp"

namespace roof::bench::comm {

// One NCCL communicator; move-only, destroyed with the object.
class NcclComm {
 public:
  explicit NcclComm(ncclComm_t comm) : comm_(comm) {}
  ~NcclComm();
  NcclComm(NcclComm&& other) noexcept : comm_(std::exchange(other.comm_, nullptr)) {}
  NcclComm& operator=(NcclComm&& other) noexcept;
  NcclComm(const NcclComm&) = delete;
  NcclComm& operator=(const NcclComm&) = delete;

  ncclComm_t get() const { return comm_; }

 private:
  ncclComm_t comm_ = nullptr;
};

// Which GPUs this process drives, and as which ranks: decided before any communicator exists,
// so that the cases can be named and listed without one.
struct RankLayout {
  std::vector<int> devices;  // CUDA device of each rank this process drives
  int first_rank = 0;        // global rank of devices[0]; the others follow
  int ranks = 0;             // over all processes
};

// The first wrong element a verification found in this process, for the error message.
struct WrongElement {
  int rank = 0;
  std::size_t index = 0;
  float got = 0;
  float expected = 0;
};

struct Verification {
  std::int64_t wrong = 0;  // over all ranks of all processes
  std::int64_t checked = 0;
  WrongElement first;  // meaningful when this process found one
  bool found_here = false;
};

class CommWorld {
 public:
  // Creates the communicators (a collective call of every process under MPI).
  CommWorld(const Peers& peers, const RankLayout& layout);

  int ranks() const { return layout_.ranks; }

  // Fills every rank's input with fill_value, runs the collective once, copies every rank's
  // output back and compares each element exactly with expected_value.
  Verification verify(Collective collective, const Counts& counts);

  // One collective on every rank, untimed, waited for (a warm-up).
  void run(Collective collective, const Counts& counts);

  // One collective on every rank between each rank's pair of CUDA events: the longest rank's
  // interval, over every process, in seconds.
  double timed(Collective collective, const Counts& counts);

 private:
  struct Rank {
    int rank = 0;
    int device = 0;
    cuda::Stream stream;
    cuda::EventTimer timer;
    cuda::DeviceBuffer<float> send;
    cuda::DeviceBuffer<float> receive;
    std::unique_ptr<NcclComm> comm;
  };

  void reserve(const Counts& counts);
  void enqueue(Collective collective, const Counts& counts);
  void synchronize();

  const Peers& peers_;
  RankLayout layout_;
  std::vector<std::unique_ptr<Rank>> local_;
};

}  // namespace roof::bench::comm
