#pragma once

// The GPUs one bench_comm run spans, as NCCL ranks: every GPU this process sees (one process,
// ncclCommInitAll, the ranks' calls grouped with ncclGroupStart/End), or this process's one GPU
// among the MPI ranks (ncclCommInitRank with rank 0's ncclUniqueId). One rank per GPU either way.
//
// Nothing here blocks in the CUDA runtime while NCCL works: every wait polls the ranks' streams
// (cudaStreamQuery) and, while one is busy, its communicator's asynchronous error
// (ncclCommGetAsyncError), as nccl-tests does. An asynchronous error, a failed query or a wait
// longer than the timeout (ROOF_COMM_TIMEOUT_S) aborts every communicator of this process
// (ncclCommAbort) and throws: a failed collective ends in an error message, never in a hang.

#include <nccl.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/comm/comm_cases.hpp"
#include "bench/comm/peers.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/event_timer.hpp"
#include "kernels/cuda/stream.hpp"

namespace roof::bench::comm {

// One NCCL communicator; move-only. Released with ncclCommDestroy while healthy, with
// ncclCommAbort once it has reported an asynchronous error (destroying a failed communicator can
// wait forever for work that will never finish).
class NcclComm {
 public:
  explicit NcclComm(ncclComm_t comm) : comm_(comm) {}
  ~NcclComm() { release(); }
  NcclComm(NcclComm&& other) noexcept : comm_(std::exchange(other.comm_, nullptr)) {}
  NcclComm& operator=(NcclComm&& other) noexcept;
  NcclComm(const NcclComm&) = delete;
  NcclComm& operator=(const NcclComm&) = delete;

  ncclComm_t get() const { return comm_; }

  // ncclSuccess, or the communicator's asynchronous error (or the query's own failure). Always
  // ncclSuccess where NCCL is older than 2.4 and cannot tell.
  ncclResult_t async_error() const noexcept;

  // ncclCommAbort now: stops whatever the communicator still runs; it holds nothing afterwards.
  void abort() noexcept;

 private:
  void release() noexcept;

  ncclComm_t comm_ = nullptr;
};

// Which GPUs this process drives, and as which ranks: decided before any communicator exists,
// so that the cases can be named and listed without one.
struct RankLayout {
  std::vector<int> devices;  // CUDA device of each rank this process drives
  int first_rank = 0;        // global rank of devices[0]; the others follow
  int ranks = 0;             // over all processes
};

struct Verification {
  std::int64_t wrong = 0;  // over all ranks of all processes
  std::int64_t checked = 0;
  // "rank 3 element 17 is 5, expected 7": the lowest wrong rank's first wrong element, gathered
  // from the process that drives that rank; empty when nothing is wrong.
  std::string first;
};

class CommWorld {
 public:
  // Creates the communicators (a collective call of every process under MPI). A wait longer than
  // timeout_seconds (0: no limit) aborts the communicators.
  CommWorld(const Peers& peers, const RankLayout& layout, double timeout_seconds);
  // Aborts instead of destroying when a communicator failed or a stream still has work.
  ~CommWorld();
  CommWorld(const CommWorld&) = delete;
  CommWorld& operator=(const CommWorld&) = delete;

  int ranks() const { return layout_.ranks; }

  // Fills every rank's input with fill_value, runs the collective once, copies every rank's
  // output back and compares each element exactly with expected_value.
  Verification verify(Collective collective, const Counts& counts);

  // One collective on every rank, untimed, waited for (a warm-up).
  void run(Collective collective, const Counts& counts);

  // `collectives` back-to-back collectives on every rank between each rank's pair of CUDA
  // events: the longest rank's interval, over every process, divided by `collectives`, in
  // seconds.
  double timed(Collective collective, const Counts& counts, int collectives);

  // ncclCommAbort on every communicator of this process; the world is unusable afterwards.
  void abort() noexcept;

 private:
  struct Rank {
    Rank() = default;
    ~Rank();  // makes the rank's device current, so that its buffers and stream go from there
    Rank(const Rank&) = delete;
    Rank& operator=(const Rank&) = delete;

    int rank = 0;
    int device = -1;
    cuda::Stream stream;
    cuda::EventTimer timer;
    cuda::DeviceBuffer<float> send;
    cuda::DeviceBuffer<float> receive;
    std::unique_ptr<NcclComm> comm;  // declared last, so released first, before the buffers
  };

  void reserve(const Counts& counts);
  void enqueue(Collective collective, const Counts& counts);
  // Polls every rank's stream until all are idle (see the top of this file); `what` names the
  // work in the error message.
  void wait(std::string_view what);

  const Peers& peers_;
  RankLayout layout_;
  double timeout_seconds_ = 0;
  bool aborted_ = false;
  std::vector<std::unique_ptr<Rank>> local_;
};

}  // namespace roof::bench::comm
