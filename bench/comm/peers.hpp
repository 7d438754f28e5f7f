#pragma once

// The processes one bench_comm run spans. Without MPI (a build without it, or a program not
// started by an MPI launcher) that is this process alone, which drives every GPU it sees. Under
// mpirun or srun with more than one rank it is MPI_COMM_WORLD, one rank and one GPU per process,
// and every figure a benchmark reports is agreed between the processes: the timed interval is
// the longest rank's, a verification counts every rank's wrong elements, so that Google
// Benchmark makes the same decisions (iterations, errors) in every process.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace roof::bench::comm {

class Peers {
 public:
  // MPI_Init when the build has MPI and an MPI launcher started the program (its environment
  // names a rank: OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK or MV2_COMM_WORLD_SIZE).
  Peers(int* argc, char*** argv);
  ~Peers();  // MPI_Finalize
  Peers(const Peers&) = delete;
  Peers& operator=(const Peers&) = delete;

  // True when several processes take part: one rank per process, one GPU per rank.
  bool several() const { return size_ > 1; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  int local_rank() const { return local_rank_; }  // among the processes of this node
  int local_size() const { return local_size_; }
  int nodes() const { return nodes_; }
  // Which node this process is on: the global rank of the node's first process (0 without MPI).
  int node() const { return node_; }
  const std::string& hostname() const { return hostname_; }
  std::string mpi_library() const;  // the MPI library's version line; "" without MPI
  // Why this process runs alone ("this build has no MPI", ...), for error messages.
  const std::string& alone_because() const { return alone_because_; }

  // Across all processes (the value itself without MPI).
  double max(double value) const;
  std::int64_t sum(std::int64_t value) const;
  std::int64_t min(std::int64_t value) const;
  // Every process's text, in rank order (each cut to 255 bytes).
  std::vector<std::string> gather(const std::string& text) const;
  // Rank 0's bytes into every process's `data`.
  void broadcast(void* data, std::size_t bytes) const;

  // Ends every process: an error in one rank would leave the others waiting in a collective.
  [[noreturn]] void abort(int status) const;

 private:
  bool initialized_mpi_ = false;
  int rank_ = 0;
  int size_ = 1;
  int local_rank_ = 0;
  int local_size_ = 1;
  int nodes_ = 1;
  int node_ = 0;
  std::string hostname_;
  std::string alone_because_;
};

// How many tasks the job launcher that started this process started, by the launchers' own
// environment: OMPI_COMM_WORLD_SIZE (Open MPI's mpirun), PMI_SIZE (Hydra, srun --mpi=pmi2),
// PMIX_SIZE (PMIx launchers), MV2_COMM_WORLD_SIZE (MVAPICH) and SLURM_STEP_NUM_TASKS (srun,
// whatever --mpi says). Not SLURM_NTASKS: sbatch sets it in the batch script too, where one
// process runs. {1, ""} when none says more than one.
struct LaunchedTasks {
  int tasks = 1;
  std::string variable;  // "SLURM_STEP_NUM_TASKS=8"
};
LaunchedTasks launched_tasks();

}  // namespace roof::bench::comm
