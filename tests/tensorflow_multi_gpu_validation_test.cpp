// The multi-GPU model (issue 7) on the achievable model's per-GPU times (issue 11) against the
// eight-GPU throughputs of TensorFlow's benchmarks (May 2017: a DGX-1's eight P100s, eight K80
// dies at two clouds), held out from every fit (tests/data/tensorflow_multi_gpu_times.csv says
// what each row ran). docs/validation.md, "Eight GPUs in TensorFlow's benchmarks", lists every
// row with its error and the reason for the miss.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/interconnect_catalogue.hpp"
#include "roofline/library_algorithm.hpp"
#include "roofline/parallel_training.hpp"
#include "tests/held_out_table.hpp"

namespace roof {
namespace {

const DeviceCatalogue& devices() {
  static const DeviceCatalogue c = DeviceCatalogue::builtin();
  return c;
}

struct EightGpuRow {
  std::string platform;
  std::string device;
  std::string network;
  std::int64_t batch = 0;
  int gpus = 0;
  std::string variable_update;
  std::string parameter_device;
  double images_per_s = 0;
  double one_gpu_images_per_s = 0;
  double measured_speedup() const { return images_per_s / one_gpu_images_per_s; }
};

std::vector<EightGpuRow> rows() {
  std::vector<EightGpuRow> out;
  for (const auto& f : testing_helpers::held_out_rows(
           std::string(ROOF_TEST_DATA_DIR) + "/tensorflow_multi_gpu_times.csv", 9)) {
    out.push_back({f[0], f[1], f[2], std::stoll(f[3]), std::stoi(f[4]), f[5], f[6], std::stod(f[7]),
                   std::stod(f[8])});
  }
  return out;
}

// How each configuration maps onto the model (docs/validation.md): variables on the CPU are
// the host collective (every GPU's gradients through host memory); variables spread over the
// GPUs, and replicated copies, move an all-reduce's bytes between the GPUs.
CollectiveAlgo algo_of(const EightGpuRow& row) {
  return row.parameter_device == "cpu" ? CollectiveAlgo::host : CollectiveAlgo::automatic;
}

// The speedup over one GPU at the same batch per GPU (weak scaling, as the guide ran it): the
// TensorFlow recipe on the cuDNN generation each GPU's single-GPU rows fit best (cuDNN 6-7's
// choices on the P100, cuDNN 5's on a K80 die; docs/validation.md, "TensorFlow's benchmarks").
double predicted_speedup(const EightGpuRow& row) {
  const Device& device = devices().find(row.device);
  ParallelOptions o;
  o.training.images_per_epoch = row.batch * row.gpus;
  o.training.placement.framework = "tensorflow";
  o.training.placement.library =
      row.device == "K80" ? LibraryGeneration::cudnn5 : LibraryGeneration::cudnn6_7;
  o.gpus_per_node = row.gpus;
  o.strategy = Strategy::data;
  o.algo = algo_of(row);
  static const InterconnectCatalogue links = InterconnectCatalogue::builtin();
  const Fabric fabric = links.fabric_for(device, row.gpus, 1, Ceilings::theoretical, {}, "");
  return predict_parallel(build_network(row.network, {Dataset::imagenet, row.batch, false}), device,
                          fabric, o)
      .speedup;
}

// Every row whose gradients go through host memory or over PCIe between K80 dies: the speedup
// within 10% (-3% to +7% today, the model a little optimistic). The DGX-1's two rows that
// all-reduce with NCCL over NVLink (AlexNet, VGG-16) are predicted 10-40% too good (+31%, +11%):
// both steps grew by about 58 ms on eight GPUs whatever their gradients' size (244 and 553 MB),
// where the model's ring over 80 GB/s of NVLink per GPU costs 5 and 12 ms.
TEST(TensorflowMultiGpuValidation, SpeedupsHoldExceptNcclOverNvlink) {
  const auto all = rows();
  ASSERT_EQ(all.size(), 15u);
  int nccl = 0;
  for (const EightGpuRow& row : all) {
    const double ratio = predicted_speedup(row) / row.measured_speedup();
    if (row.variable_update == "replicated_nccl") {
      ++nccl;
      EXPECT_GT(ratio, 1.10) << row.network;
      EXPECT_LT(ratio, 1.40) << row.network;
    } else {
      EXPECT_LT(std::abs(ratio - 1), 0.10) << row.platform << " " << row.network;
    }
  }
  EXPECT_EQ(nccl, 2);
}

}  // namespace
}  // namespace roof
