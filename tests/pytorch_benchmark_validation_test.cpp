// The achievable model against ryujaehun/pytorch-gpu-benchmark's training steps (PyTorch,
// torchvision networks, batch 12, cudnn.benchmark on), held out from every fit
// (tests/data/pytorch_gpu_benchmark_times.csv says what each row timed). docs/validation.md,
// "PyTorch at batch 12", lists every row with its error and the reason for each miss.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
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

struct StepTime {
  std::string network;
  std::int64_t batch = 0;
  std::string gpu;
  double median_ms = 0;
};

// The rows of one GPU; with `cudnn`, only those of that cuDNN release (the RTX 2080 Ti's 2018
// boards ran 7.3.1, its 2020 board 7.6.0).
std::vector<StepTime> step_times(const std::string& gpu, const std::string& cudnn = "") {
  std::vector<StepTime> rows;
  for (const auto& f : testing_helpers::held_out_rows(
           std::string(ROOF_TEST_DATA_DIR) + "/pytorch_gpu_benchmark_times.csv", 9)) {
    if (f[2] == gpu && (cudnn.empty() || f[5] == cudnn)) {
      rows.push_back({f[0], std::stoll(f[1]), f[2], std::stod(f[7])});
    }
  }
  return rows;
}

// The benchmark's timed step: PyTorch 1.x's recipe (its host time per kernel, the loss in the
// time, and the timed model.zero_grad() filling the gradients backward adds into), without the
// optimizer step, which the script never calls. Every file ran a PyTorch before 2.0.
TrainingPrediction pytorch_step(const StepTime& row, TimeModel model, bool tf32 = false,
                                std::optional<LibraryGeneration> library = std::nullopt,
                                std::optional<Clock> clock = std::nullopt) {
  TrainingOptions options;
  options.placement.roof.tf32 = tf32;
  options.placement.roof.clock = clock;
  options.placement.library = library;
  options.images_per_epoch = row.batch;
  options.placement.model = model;
  options.placement.framework = "pytorch1";
  options.time_update = false;
  return predict_training(build_network(row.network, {Dataset::imagenet, row.batch, false}),
                          devices().find(row.gpu), options);
}

double achievable_ms(const StepTime& row) {
  return 1e3 * pytorch_step(row, TimeModel::achievable).reported_s;
}

// The kernels of the modelled step: the passes' calls and the gradient bookkeeping's.
double kernels_of(const StepTime& row) {
  const TrainingPrediction step = pytorch_step(row, TimeModel::achievable);
  std::int64_t kernels = step.placement.grad_bookkeeping.kernels;
  for (const PlacedPass& r : step.placement.rows) kernels += r.achieved->calls;
  return static_cast<double>(kernels);
}

// GTX 1080 Ti, PyTorch 1.0 with cuDNN 7.3: every row within 20% and the median |error| under
// 12% (8% today; 15% before the recipe counted zero_grad's fills and AccumulateGrad's adds). The
// bottleneck ResNets land 3-9% slow; ResNet-18/34 come out 17-18% fast and VGG-16/19 8% fast
// (docs/validation.md: host time per kernel for the first, cuDNN 7's small-batch VGG kernels for
// the second).
TEST(PytorchBenchmarkValidation, GeForce1080TiRowsHold) {
  const auto rows = step_times("GTX1080Ti");
  ASSERT_EQ(rows.size(), 7u);
  std::vector<double> errors;
  for (const StepTime& row : rows) {
    const double error = achievable_ms(row) / row.median_ms - 1;
    EXPECT_LT(std::abs(error), 0.20) << row.network;
    if (row.network.rfind("vgg", 0) == 0) {
      // fp32 on the FP32 units: under half of the roof of its algorithms, where the A100's
      // VGG steps are at four fifths of theirs (below).
      double bound = 0;
      for (const PlacedPass& r : pytorch_step(row, TimeModel::achievable).placement.rows) {
        bound += 1e3 * r.bound_seconds;
      }
      EXPECT_LT(bound / row.median_ms, 0.5) << row.network;
    }
    errors.push_back(std::abs(error));
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 0.12);
}

// TITAN V (Volta: the family fitted on DeepBench's V100 SXM2 alone), the same script and
// software as the 1080 Ti an hour earlier: every row within 25% and the median |error| under
// 10% (5% today), the same pattern as the 1080 Ti's (the bottleneck ResNets within 5%,
// ResNet-18/34 17-19% fast, VGG-16/19 5-6% fast). Why the TITAN V beats the 1080 Ti (1.30x to
// 1.40x measured) holds within 10% for every network.
TEST(PytorchBenchmarkValidation, TitanVRowsHoldAndItsLeadOverThe1080TiToo) {
  const auto rows = step_times("TitanV");
  const auto geforce = step_times("GTX1080Ti");
  ASSERT_EQ(rows.size(), 7u);
  ASSERT_EQ(geforce.size(), rows.size());
  std::vector<double> errors;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepTime& row = rows[i];
    ASSERT_EQ(geforce[i].network, row.network);
    const double predicted = achievable_ms(row);
    const double error = predicted / row.median_ms - 1;
    EXPECT_LT(std::abs(error), 0.25) << row.network;
    errors.push_back(std::abs(error));
    const double measured_lead = geforce[i].median_ms / row.median_ms;
    const double predicted_lead = achievable_ms(geforce[i]) / predicted;
    EXPECT_GT(measured_lead, 1.25) << row.network;
    EXPECT_LT(std::abs(predicted_lead / measured_lead - 1), 0.10) << row.network;
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 0.10);
}

// RTX 2080 Ti (Turing, no kernels in the fit: Volta's plateaus borrowed), two boards with the same
// script and software as the 1080 Ti: every row within 25% and the median |error| under 15%
// (10% today): ResNet-18/34 5-10% fast, the bottleneck ResNets 10-22% slow (4-15% before the
// recipe counted PyTorch 1.x's gradient bookkeeping), VGG-16/19 within 3%. The TITAN V's lead is
// the miss: at the rated boost clocks (1455 and 1545 MHz) the model puts the TITAN V 12-16% ahead
// on every network, where the same script measured the two within 8% of each other
// (docs/validation.md: board clocks above the reference 1545 MHz, which the catalogue uses, and
// Turing's own SM, neither calibrated); its lead over the 1080 Ti comes out 5-13% low too.
TEST(PytorchBenchmarkValidation, Rtx2080TiRowsHoldOnVoltasBorrowedPlateaus) {
  const auto rows = step_times("RTX2080Ti", "7.3.1");
  const auto titan_v = step_times("TitanV");
  const auto geforce = step_times("GTX1080Ti");
  ASSERT_EQ(rows.size(), 14u);  // board (1), then board (2)
  ASSERT_EQ(titan_v.size(), 7u);
  ASSERT_EQ(geforce.size(), 7u);
  std::vector<double> errors;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepTime& row = rows[i];
    const StepTime& volta = titan_v[i % titan_v.size()];
    ASSERT_EQ(volta.network, row.network);
    const double predicted = achievable_ms(row);
    const double error = predicted / row.median_ms - 1;
    EXPECT_LT(std::abs(error), 0.25) << row.network;
    errors.push_back(std::abs(error));
    const double measured_lead = row.median_ms / volta.median_ms;
    const double predicted_lead = predicted / achievable_ms(volta);
    EXPECT_LT(std::abs(measured_lead - 1), 0.10) << row.network;
    EXPECT_GT(predicted_lead, 1.08) << row.network;  // a known miss, pinned so a change shows
    EXPECT_LT(predicted_lead, 1.20) << row.network;
    // Its lead over the 1080 Ti (measured 1.25-1.39x) comes out 5-13% low: the 2080 Ti is the
    // side the model runs slow, against both of its neighbours.
    const StepTime& pascal = geforce[i % geforce.size()];
    ASSERT_EQ(pascal.network, row.network);
    const double over_pascal =
        (achievable_ms(pascal) / predicted) / (pascal.median_ms / row.median_ms);
    EXPECT_GT(over_pascal, 0.85) << row.network;
    EXPECT_LT(over_pascal, 1.0) << row.network;
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 0.15);
}

// The 2080 Ti rows ran cuDNN 7.3, and the model predicts them with the Turing era's default, the
// cuDNN 8+ rule (docs/validation.md). On these seven networks at batch 12 the two rules pick the
// same algorithm for every pass, so the rows judge the plateaus, not the choice of rule.
TEST(PytorchBenchmarkValidation, Rtx2080TiRowsGetTheSameTimesUnderTheCudnn7Rule) {
  ASSERT_EQ(era_library("Turing"), LibraryGeneration::cudnn8_plus);  // what the rows get
  const auto rows = step_times("RTX2080Ti", "7.3.1");
  ASSERT_EQ(rows.size(), 14u);
  for (std::size_t i = 0; i < 7; ++i) {
    const TrainingPrediction era = pytorch_step(rows[i], TimeModel::achievable);
    const TrainingPrediction seven =
        pytorch_step(rows[i], TimeModel::achievable, false, LibraryGeneration::cudnn6_7);
    ASSERT_EQ(era.placement.rows.size(), seven.placement.rows.size()) << rows[i].network;
    for (std::size_t r = 0; r < era.placement.rows.size(); ++r) {
      ASSERT_TRUE(era.placement.rows[r].achieved && seven.placement.rows[r].achieved);
      EXPECT_EQ(era.placement.rows[r].achieved->algorithm,
                seven.placement.rows[r].achieved->algorithm)
          << rows[i].network << " row " << r;
    }
    EXPECT_DOUBLE_EQ(era.reported_s, seven.reported_s) << rows[i].network;
  }
}

// A100 SXM4, PyTorch of the NGC 20.10 container with cuDNN 8.0.4: two known misses, pinned so
// that a change shows.
// - VGG-16/19 most likely ran on TF32 tensor cores (PyTorch 1.7 and later default
//   torch.backends.cudnn.allow_tf32 to True): the measured step is at 79-82% of the fp32 roof
//   of the algorithms cuDNN 7 picks (the 1080 Ti's VGG steps: 42-43%), and above the TF32
//   direct-FLOP bound (--math tf32), for which the model's efficiencies are uncalibrated.
// - The bottleneck ResNets land within 5%, but ResNet-18/34 are predicted 30-40% fast: their
//   measured step is 57 and 49 us per kernel the model counts (the passes' and the gradient
//   bookkeeping's), near ResNet-152's 43, the signature of a host-bound step whose per-launch
//   host time is well above the recipe's 10 us.
TEST(PytorchBenchmarkValidation, A100RowsShowTf32AndAHostBoundStep) {
  const auto rows = step_times("A100-SXM4-40GB");
  ASSERT_EQ(rows.size(), 7u);
  for (const StepTime& row : rows) {
    const double achievable = achievable_ms(row);
    if (row.network.rfind("vgg", 0) == 0) {
      // The fp32 roof of the algorithms cuDNN picks: the achievable rows' bounds.
      const TrainingPrediction fp32 = pytorch_step(row, TimeModel::achievable);
      double fp32_bound = 0;
      for (const PlacedPass& r : fp32.placement.rows) fp32_bound += 1e3 * r.bound_seconds;
      const double tf32_bound = 1e3 * pytorch_step(row, TimeModel::roofline, true).reported_s;
      EXPECT_GT(fp32_bound / row.median_ms, 0.75) << row.network;
      EXPECT_GT(row.median_ms, 1.5 * tf32_bound) << row.network;
      EXPECT_GT(achievable / row.median_ms, 1.3) << row.network;
      continue;
    }
    const double us_per_kernel = 1e3 * row.median_ms / kernels_of(row);
    EXPECT_GT(us_per_kernel, 40) << row.network;
    EXPECT_LT(us_per_kernel, 60) << row.network;
    if (row.network == "resnet18" || row.network == "resnet34") {
      EXPECT_GT(achievable / row.median_ms, 0.55) << row.network;
      EXPECT_LT(achievable / row.median_ms, 0.75) << row.network;
    } else {
      EXPECT_LT(std::abs(achievable / row.median_ms - 1), 0.05) << row.network;
    }
  }
}

// TITAN Xp (the full GP102, held out like every row here), the script of January 2021 with the
// A100's file (CUDA 10.2, cuDNN 7.6.5, each step also copying the image to the GPU), on one of
// four boards in a 2.2 GHz host. Three misses, each with a known cause, pinned so a change shows:
// - the bottleneck ResNets 2-12% fast: DeepBench's kernels on this board ran 11% slower than the
//   Pascal plateaus at its rated boost give (AchievableHeldOut.TitanXpRunsBehindTheGtx1080Ti...);
// - VGG-16/19 18-20% fast: the 1080 Ti's 8% (cuDNN 7's small-batch VGG kernels) and that bias;
// - ResNet-18/34 36-44% fast, at 109 and 88 us of measured step per kernel the model counts, as
//   the A100's small ResNets in the same script: a step the host sets.
// On paper the TITAN Xp leads the 1080 Ti by 7%, and the model puts it 6-8% ahead; where the GPU
// sets the step (the bottleneck ResNets and VGG) it was measured 3-9% behind, as in DeepBench.
TEST(PytorchBenchmarkValidation, TitanXpRowsRunBehindThe1080TiAsInDeepBench) {
  const auto rows = step_times("TitanXp");
  const auto geforce = step_times("GTX1080Ti");
  ASSERT_EQ(rows.size(), 7u);
  ASSERT_EQ(geforce.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepTime& row = rows[i];
    ASSERT_EQ(geforce[i].network, row.network);
    const TrainingPrediction step = pytorch_step(row, TimeModel::achievable);
    const double achievable = 1e3 * step.reported_s;
    const double error = achievable / row.median_ms - 1;
    if (row.network == "resnet18" || row.network == "resnet34") {
      EXPECT_GT(1e3 * row.median_ms / kernels_of(row), 80) << row.network;
      EXPECT_GT(error, -0.50) << row.network;
      EXPECT_LT(error, -0.30) << row.network;
      continue;
    }
    const bool vgg = row.network.rfind("vgg", 0) == 0;
    EXPECT_GT(error, vgg ? -0.25 : -0.15) << row.network;
    EXPECT_LT(error, vgg ? -0.15 : 0.0) << row.network;
    EXPECT_GT(row.median_ms / geforce[i].median_ms, 1.02) << row.network;
    EXPECT_LT(achievable / achievable_ms(geforce[i]), 0.95) << row.network;
  }
}

// TITAN RTX (the full TU102: on paper 21% more FP32 and 9% more bandwidth than the RTX 2080 Ti),
// the script of January 2021 in a 2.2 GHz host, against the RTX 2080 Ti board timed with that
// script's first form in January 2020 (a 3.7 GHz host, cuDNN 7.6.0). Both borrow Volta's
// plateaus. Pinned so a change shows:
// - the 2020 RTX 2080 Ti, whose steps are 6-21% longer than its 2018 boards': the bottleneck
//   ResNets 1-10% slow, VGG-16/19 10-11% fast, ResNet-18/34 19-22% fast;
// - the TITAN RTX fast on every row at its rated 1770 MHz boost (the bottleneck ResNets 14-24%,
//   VGG 23-24%, ResNet-18/34 39-44%): its VGG steps, which the GPU sets (about 0.9 ms a kernel),
//   were measured level with the 2080 Ti's (within 4%), where the model puts it 17% ahead;
// - at its 1350 MHz base clock the model puts it level with the 2080 Ti at the latter's rated
//   boost on VGG (within 1%): consistent with a board that held its base clock under load, which
//   the files cannot confirm (docs/validation.md gives the other reading).
TEST(PytorchBenchmarkValidation, TitanRtxRanLevelWithThe2080TiOfTheSameScript) {
  const auto rows = step_times("TitanRTX");
  const auto geforce = step_times("RTX2080Ti", "7.6.0");
  ASSERT_EQ(rows.size(), 7u);
  ASSERT_EQ(geforce.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StepTime& row = rows[i];
    ASSERT_EQ(geforce[i].network, row.network);
    const bool small = row.network == "resnet18" || row.network == "resnet34";
    const bool vgg = row.network.rfind("vgg", 0) == 0;
    const double turing = achievable_ms(geforce[i]);
    const double turing_error = turing / geforce[i].median_ms - 1;
    const double error = achievable_ms(row) / row.median_ms - 1;
    if (small) {
      EXPECT_GT(turing_error, -0.30) << row.network;
      EXPECT_LT(turing_error, -0.15) << row.network;
      EXPECT_GT(error, -0.50) << row.network;
      EXPECT_LT(error, -0.35) << row.network;
      continue;
    }
    EXPECT_GT(turing_error, vgg ? -0.15 : -0.05) << row.network;
    EXPECT_LT(turing_error, vgg ? -0.08 : 0.15) << row.network;
    EXPECT_GT(error, vgg ? -0.30 : -0.28) << row.network;
    EXPECT_LT(error, vgg ? -0.20 : -0.10) << row.network;
    // Where the host sets less of the step the TITAN RTX was measured no faster than the 2080 Ti.
    EXPECT_GT(row.median_ms / geforce[i].median_ms, vgg ? 0.95 : 1.05) << row.network;
    if (!vgg) continue;
    EXPECT_LT(row.median_ms / geforce[i].median_ms, 1.05) << row.network;
    EXPECT_LT(achievable_ms(row) / turing, 0.88) << row.network;
    const double at_base =
        1e3 * pytorch_step(row, TimeModel::achievable, false, std::nullopt, Clock::base).reported_s;
    EXPECT_LT(std::abs(at_base / turing - 1), 0.03) << row.network;
  }
}

}  // namespace
}  // namespace roof
