// The achievable model against TensorFlow's published tf_cnn_benchmarks throughputs (May 2017:
// CUDA 8, cuDNN 5.1, synthetic data, one GPU) on a DGX-1's P100 and on one K80 die at two clouds,
// held out from every fit (tests/data/tensorflow_benchmark_times.csv says what each row timed).
// docs/validation.md, "TensorFlow's benchmarks", lists every row with its error and the reason
// for each miss.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/library_algorithm.hpp"
#include "roofline/training.hpp"
#include "tests/held_out_table.hpp"

namespace roof {
namespace {

const DeviceCatalogue& devices() {
  static const DeviceCatalogue c = DeviceCatalogue::builtin();
  return c;
}

struct Throughput {
  std::string platform;
  std::string device;
  std::string network;
  std::int64_t batch = 0;
  double images_per_s = 0;
  double step_s() const { return static_cast<double>(batch) / images_per_s; }
};

std::vector<Throughput> rows_of(const std::string& device) {
  std::vector<Throughput> rows;
  for (const auto& f : testing_helpers::held_out_rows(
           std::string(ROOF_TEST_DATA_DIR) + "/tensorflow_benchmark_times.csv", 5)) {
    if (f[1] == device) rows.push_back({f[0], f[1], f[2], std::stoll(f[3]), std::stod(f[4])});
  }
  return rows;
}

// A tf_cnn_benchmarks step: TensorFlow's recipe (the update in the step), with the cuDNN the
// runs used unless `library` names another generation; `model` roofline gives the bound.
double predicted_step_s(const Throughput& row,
                        LibraryGeneration library = LibraryGeneration::cudnn5,
                        TimeModel model = TimeModel::achievable) {
  TrainingOptions options;
  options.images_per_epoch = row.batch;
  options.placement.model = model;
  options.placement.framework = "tensorflow";
  options.placement.library = library;
  return predict_training(build_network(row.network, {Dataset::imagenet, row.batch, false}),
                          devices().find(row.device), options)
      .reported_s;
}

// The DGX-1's P100: the ResNets and Inception v3 within 25% (-6% to +19%). VGG-16 comes out 40-60%
// slow with cuDNN 5.0's choices, the generation the model has for cuDNN 5.1: 5.1 added the
// non-fused Winograd kernels that cuDNN 6-7 picks on VGG's wide 3x3 layers, and with that
// generation's choices the same rows land within 10%, as cnn-benchmarks' cuDNN 5.0 and 5.1 rows
// showed.
TEST(TensorflowBenchmarkValidation, P100RowsHoldButVggNeedsCudnn51sWinograd) {
  const auto rows = rows_of("P100-SXM2");
  ASSERT_EQ(rows.size(), 9u);
  for (const Throughput& row : rows) {
    if (row.network == "alexnet_tf") continue;  // AlexNetBeatsItsDirectRooflineWhereFftRan
    const double error = predicted_step_s(row) / row.step_s() - 1;
    if (row.network == "vgg16") {
      EXPECT_GT(error, 0.35) << row.batch;
      EXPECT_LT(error, 0.70) << row.batch;
      const double winograd_error =
          predicted_step_s(row, LibraryGeneration::cudnn6_7) / row.step_s() - 1;
      EXPECT_LT(std::abs(winograd_error), 0.10) << row.batch;
    } else {
      EXPECT_LT(std::abs(error), 0.25) << row.network << " " << row.batch;
    }
  }
}

// One K80 die, on both clouds: VGG-16 within 10%; the ResNets and Inception v3 15-35% fast (-23%
// to -30%). Kepler has no per-kernel data, so the model borrows Maxwell's efficiencies (every K80
// heading says so); VGG's large convolutions sit near the plateau either way, while the many
// small 1x1 convolutions and memory-bound batch-norm passes of the others reach less of it on
// Kepler than on Maxwell.
// The same borrowed efficiencies put the seed's K80 epochs within 3% (PyTorch, cuDNN 8), so
// the miss is this generation's software on Kepler or Kepler's small kernels, not settled here.
TEST(TensorflowBenchmarkValidation, K80RowsShowKeplersUncalibratedSmallKernels) {
  const auto rows = rows_of("K80");
  ASSERT_EQ(rows.size(), 14u);
  for (const Throughput& row : rows) {
    if (row.network == "alexnet_tf") continue;  // AlexNetBeatsItsDirectRooflineWhereFftRan
    const double error = predicted_step_s(row) / row.step_s() - 1;
    if (row.network == "vgg16") {
      EXPECT_LT(std::abs(error), 0.10) << row.platform;
    } else {
      EXPECT_LT(error, -0.15) << row.platform << " " << row.network << " " << row.batch;
      EXPECT_GT(error, -0.35) << row.platform << " " << row.network << " " << row.batch;
    }
  }
}

// tf_cnn_benchmarks' AlexNet at batch 512 on the P100 ran faster than the roofline of its direct
// FLOPs allows (171 ms measured, 249 ms bound), so cuDNN 5.1 cut the FLOPs of a layer the model
// runs as implicit GEMM: conv2, a 5x5 convolution of 64 channels over 27x27, which FFT computes
// in about an eighth of its direct multiplies and which the model, with no FFT kernels in its
// calibration, does not pick. The achievable step is 1.8-2.3x the measured one on the P100 and
// 20-50% above it on a K80 die (749-780 ms measured, 613 ms bound), and the P100/K80 ratio
// (measured 4.4-4.6) comes out 25-40% low. docs/validation.md, "TensorFlow's benchmarks".
TEST(TensorflowBenchmarkValidation, AlexNetBeatsItsDirectRooflineWhereFftRan) {
  std::vector<Throughput> rows;
  for (const char* device : {"P100-SXM2", "K80"}) {
    for (const Throughput& row : rows_of(device)) {
      if (row.network == "alexnet_tf") rows.push_back(row);
    }
  }
  ASSERT_EQ(rows.size(), 3u);
  for (const Throughput& row : rows) {
    const double bound =
        predicted_step_s(row, LibraryGeneration::cudnn5, TimeModel::roofline) / row.step_s();
    const double error = predicted_step_s(row) / row.step_s() - 1;
    if (row.device == "P100-SXM2") {
      EXPECT_GT(bound, 1.2) << "the measured step beats the direct-FLOP bound";
      EXPECT_GT(error, 0.80);
      EXPECT_LT(error, 1.30);
    } else {
      EXPECT_GT(bound, 0.7) << row.platform;
      EXPECT_LT(bound, 1.0) << row.platform << ": a K80 die's step stays above the bound";
      EXPECT_GT(error, 0.20) << row.platform;
      EXPECT_LT(error, 0.50) << row.platform;
    }
  }
  const double measured_ratio = rows[1].step_s() / rows[0].step_s();
  const double predicted_ratio = predicted_step_s(rows[1]) / predicted_step_s(rows[0]);
  EXPECT_GT(measured_ratio, 4.3);
  EXPECT_GT(predicted_ratio / measured_ratio, 0.60);
  EXPECT_LT(predicted_ratio / measured_ratio, 0.75);
}

// Inception v3, a network no fit has seen in any form: on the P100 the roofline bound is 45-50%
// fast and the achievable step lands within 15% under either rule (+3% to +12%; its 3x3s are
// narrow and its 1x7s and 7x1s no rule's Winograd). On a K80 die it is 26-29% fast like the
// ResNets, so the predicted P100/K80 ratio (3.0) is a third below the measured one (4.3-4.7).
TEST(TensorflowBenchmarkValidation, InceptionV3HoldsOnTheP100AndFollowsTheResNetsOnAK80Die) {
  std::vector<Throughput> p100, k80;
  for (const Throughput& row : rows_of("P100-SXM2")) {
    if (row.network == "inception_v3") p100.push_back(row);
  }
  for (const Throughput& row : rows_of("K80")) {
    if (row.network == "inception_v3") k80.push_back(row);
  }
  ASSERT_EQ(p100.size(), 2u);
  ASSERT_EQ(k80.size(), 4u);
  for (const Throughput& row : p100) {
    for (LibraryGeneration library : {LibraryGeneration::cudnn5, LibraryGeneration::cudnn6_7}) {
      EXPECT_LT(std::abs(predicted_step_s(row, library) / row.step_s() - 1), 0.15) << row.batch;
    }
    const double bound =
        predicted_step_s(row, LibraryGeneration::cudnn5, TimeModel::roofline) / row.step_s();
    EXPECT_LT(bound, 0.60) << row.batch;
    EXPECT_GT(bound, 0.45) << row.batch;
  }
  for (const Throughput& row : k80) {
    const double error = predicted_step_s(row) / row.step_s() - 1;
    EXPECT_LT(error, -0.20) << row.platform << " " << row.batch;
    EXPECT_GT(error, -0.35) << row.platform << " " << row.batch;
    for (const Throughput& fast : p100) {
      if (fast.batch != row.batch) continue;
      const double measured = row.step_s() / fast.step_s();
      const double predicted = predicted_step_s(row) / predicted_step_s(fast);
      EXPECT_GT(measured, 4.2) << row.platform << " " << row.batch;
      EXPECT_GT(predicted / measured, 0.60) << row.platform << " " << row.batch;
      EXPECT_LT(predicted / measured, 0.75) << row.platform << " " << row.batch;
    }
  }
}

}  // namespace
}  // namespace roof
