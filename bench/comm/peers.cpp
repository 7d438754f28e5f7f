#include "bench/comm/peers.hpp"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>

#ifdef ROOF_HAVE_MPI
#include <mpi.h>
#endif

namespace roof::bench::comm {
namespace {

std::string this_hostname() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

#ifdef ROOF_HAVE_MPI
// Open MPI's mpirun, MPICH's and Intel MPI's Hydra, Slurm's srun (PMI-2 or PMIx) and MVAPICH
// each leave one of these in the environment of the processes they start. A program started
// plainly has none, and then never calls MPI_Init: a singleton MPI start can stall or print
// warnings on machines without a network fabric, and one process measures no less without it.
bool started_by_mpi_launcher() {
  for (const char* name :
       {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MV2_COMM_WORLD_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

void check_mpi(int status, const char* call) {
  if (status == MPI_SUCCESS) return;
  std::array<char, MPI_MAX_ERROR_STRING> text{};
  int length = 0;
  MPI_Error_string(status, text.data(), &length);
  throw std::runtime_error(std::string(call) + " failed: " + std::string(text.data(), length));
}
#define ROOF_MPI_CHECK(call) check_mpi((call), #call)
#endif

}  // namespace

LaunchedTasks launched_tasks() {
  LaunchedTasks launched;
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MV2_COMM_WORLD_SIZE",
                           "SLURM_STEP_NUM_TASKS"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    char* end = nullptr;
    const long tasks = std::strtol(value, &end, 10);
    if (*end != '\0' || tasks <= launched.tasks || tasks > std::numeric_limits<int>::max()) {
      continue;
    }
    launched.tasks = static_cast<int>(tasks);
    launched.variable = std::string(name) + "=" + value;
  }
  return launched;
}

Peers::Peers([[maybe_unused]] int* argc, [[maybe_unused]] char*** argv)
    : hostname_(this_hostname()) {
#ifdef ROOF_HAVE_MPI
  if (!started_by_mpi_launcher()) {
    alone_because_ =
        "no MPI launcher's variable (OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK, "
        "MV2_COMM_WORLD_SIZE) is set, as under srun --mpi=none";
    return;
  }
  ROOF_MPI_CHECK(MPI_Init(argc, argv));
  initialized_mpi_ = true;
  ROOF_MPI_CHECK(MPI_Comm_rank(MPI_COMM_WORLD, &rank_));
  ROOF_MPI_CHECK(MPI_Comm_size(MPI_COMM_WORLD, &size_));
  MPI_Comm node = MPI_COMM_NULL;
  ROOF_MPI_CHECK(
      MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node));
  ROOF_MPI_CHECK(MPI_Comm_rank(node, &local_rank_));
  ROOF_MPI_CHECK(MPI_Comm_size(node, &local_size_));
  node_ = rank_;
  ROOF_MPI_CHECK(MPI_Bcast(&node_, 1, MPI_INT, 0, node));
  ROOF_MPI_CHECK(MPI_Comm_free(&node));
  nodes_ = static_cast<int>(sum(local_rank_ == 0 ? 1 : 0));
  if (size_ == 1) {
    alone_because_ =
        "MPI_Init made a world of one process: the MPI library does not speak this "
        "launcher's protocol";
  }
#else
  alone_because_ = "this build has no MPI (ROOF_WITH_MPI)";
#endif
}

Peers::~Peers() {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) MPI_Finalize();
#endif
}

std::string Peers::mpi_library() const {
#ifdef ROOF_HAVE_MPI
  std::array<char, MPI_MAX_LIBRARY_VERSION_STRING> text{};
  int length = 0;
  if (MPI_Get_library_version(text.data(), &length) != MPI_SUCCESS) return "MPI";
  std::string line(text.data(), static_cast<std::size_t>(length));
  const std::size_t end = line.find_first_of(",\n");
  return end == std::string::npos ? line : line.substr(0, end);
#else
  return "";
#endif
}

double Peers::max(double value) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) {
    double result = 0;
    ROOF_MPI_CHECK(MPI_Allreduce(&value, &result, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD));
    return result;
  }
#endif
  return value;
}

std::int64_t Peers::sum(std::int64_t value) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) {
    std::int64_t result = 0;
    ROOF_MPI_CHECK(MPI_Allreduce(&value, &result, 1, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD));
    return result;
  }
#endif
  return value;
}

std::int64_t Peers::min(std::int64_t value) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) {
    std::int64_t result = 0;
    ROOF_MPI_CHECK(MPI_Allreduce(&value, &result, 1, MPI_INT64_T, MPI_MIN, MPI_COMM_WORLD));
    return result;
  }
#endif
  return value;
}

std::vector<std::string> Peers::gather(const std::string& text) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) {
    constexpr int width = 256;
    std::array<char, width> mine{};
    std::strncpy(mine.data(), text.c_str(), width - 1);
    std::vector<char> all(static_cast<std::size_t>(width) * static_cast<std::size_t>(size_));
    ROOF_MPI_CHECK(
        MPI_Allgather(mine.data(), width, MPI_CHAR, all.data(), width, MPI_CHAR, MPI_COMM_WORLD));
    std::vector<std::string> texts;
    for (int r = 0; r < size_; ++r) texts.emplace_back(all.data() + std::size_t{width} * r);
    return texts;
  }
#endif
  return {text};
}

void Peers::broadcast([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) {
    if (bytes > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      throw std::invalid_argument("Peers::broadcast: too many bytes");
    }
    ROOF_MPI_CHECK(MPI_Bcast(data, static_cast<int>(bytes), MPI_BYTE, 0, MPI_COMM_WORLD));
  }
#endif
}

void Peers::abort(int status) const {
#ifdef ROOF_HAVE_MPI
  if (initialized_mpi_) MPI_Abort(MPI_COMM_WORLD, status);
#endif
  std::exit(status);
}

}  // namespace roof::bench::comm
