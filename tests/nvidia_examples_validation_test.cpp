// The achievable model against NVIDIA's DeepLearningExamples ResNet-50 v1.5 training throughputs
// (PyTorch in the 21.03 NGC container, one GPU of a DGX-1 and of a DGX A100), held out from every
// fit (tests/data/nvidia_examples_times.csv says what each row timed). docs/validation.md,
// "NVIDIA's DeepLearningExamples", lists the rows with their errors and the reasons.
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
  std::string precision;
  double images_per_s = 0;
  double step_s() const { return static_cast<double>(batch) / images_per_s; }
};

std::vector<Throughput> rows() {
  std::vector<Throughput> out;
  for (const auto& f : testing_helpers::held_out_rows(
           std::string(ROOF_TEST_DATA_DIR) + "/nvidia_examples_times.csv", 6)) {
    out.push_back({f[0], f[1], f[2], std::stoll(f[3]), f[4], std::stod(f[5])});
  }
  return out;
}

// A training step as PyTorch 1.x times it with the update (the pytorch-21.03 container's 1.9:
// optimizer.zero_grad() fills the gradients backward adds into), on cuDNN 8's algorithm choices;
// `tf32` multiplies fp32 data on the TF32 tensor cores.
double predicted_step_s(const Throughput& row, bool tf32, TimeModel model = TimeModel::achievable,
                        DType dtype = DType::fp32) {
  TrainingOptions options;
  options.placement.roof.dtype = dtype;
  options.images_per_epoch = row.batch;
  options.placement.model = model;
  options.placement.framework = "pytorch1";
  options.placement.library = LibraryGeneration::cudnn8_plus;
  options.placement.roof.tf32 = tf32;
  return predict_training(build_network(row.network, {Dataset::imagenet, row.batch, false}),
                          devices().find(row.device), options)
      .reported_s;
}

// One V100 SXM2 at batch 112 in fp32: 305 and 315 ms measured (16 and 32 GB boards), 359 ms
// predicted, 14-18% slow, where the roofline bound (244 ms) is 20-23% fast. The Volta family's
// DeepBench residual is a median 17%; the largest part of the step is backward data (146 ms
// against 108 forward for about the same FLOPs: plateaus of 0.58 and 0.82 of the peak).
TEST(NvidiaExamplesValidation, V100Fp32StepWithinAFifth) {
  int v100 = 0;
  for (const Throughput& row : rows()) {
    if (row.precision != "fp32") continue;
    ++v100;
    const double error = predicted_step_s(row, false) / row.step_s() - 1;
    EXPECT_GT(error, 0.05) << row.platform;
    EXPECT_LT(error, 0.25) << row.platform;
    const double bound = predicted_step_s(row, false, TimeModel::roofline) / row.step_s();
    EXPECT_GT(bound, 0.70) << row.platform;
    EXPECT_LT(bound, 0.85) << row.platform;
  }
  EXPECT_EQ(v100, 2);
}

// One A100 SXM4 80 GB at batch 256 in TF32 (273 ms measured): the fp32 prediction, 562 ms, is
// twice the step, and the TF32 one, 191 ms, 30% fast: on the TF32 peak the model keeps the
// efficiencies fitted on fp32 kernels, uncalibrated for tensor cores (the heading says so). The
// measured step lies between the two, as ryujaehun's A100 VGG rows do.
TEST(NvidiaExamplesValidation, A100Tf32StepLiesBetweenTheFp32AndTheTf32Predictions) {
  int a100 = 0;
  for (const Throughput& row : rows()) {
    if (row.precision != "tf32") continue;
    ++a100;
    const double fp32 = predicted_step_s(row, false) / row.step_s();
    const double tf32 = predicted_step_s(row, true) / row.step_s();
    EXPECT_GT(fp32, 1.5) << row.platform;
    EXPECT_LT(tf32, 0.85) << row.platform;
    EXPECT_GT(tf32, 0.55) << row.platform;
  }
  EXPECT_EQ(a100, 1);
}

// Mixed precision at batch 256 (PyTorch AMP, fp16 convolutions on tensor cores): the V100's
// 213 and 221 ms steps are predicted at 234 ms (6-10% slow), the A100's 104 ms at 106 ms, on the
// FP32 plateaus carried to the tensor_fp16 peak (uncalibrated, the heading says) with the
// tensor-core rule (implicit GEMM, no Winograd: what cuDNN picked on all of DeepBench's
// mixed-precision shapes). The runs used NHWC tensors, which the model does not distinguish.
TEST(NvidiaExamplesValidation, MixedPrecisionStepsWithinATenth) {
  int amp = 0;
  for (const Throughput& row : rows()) {
    if (row.precision != "amp") continue;
    ++amp;
    const double error =
        predicted_step_s(row, false, TimeModel::achievable, DType::fp16) / row.step_s() - 1;
    EXPECT_LT(std::abs(error), 0.10) << row.platform << ": " << error;
  }
  EXPECT_EQ(amp, 3);
}

}  // namespace
}  // namespace roof
