// The achievable-performance model against the data it was fitted on (DeepBench, Caffe), a GPU
// it was not fitted on (the transfer test), and published whole-network times it never saw
// (tests/data/published_network_times.csv, cnn_benchmarks_k40c_times.csv). docs/validation.md
// explains every tolerance.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <tuple>

#include "calibration/fit_achievable.hpp"
#include "networks/catalogue.hpp"
#include "roofline/achievable.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/measured_device.hpp"
#include "roofline/training.hpp"
#include "support/input_error.hpp"
#include "tests/held_out_table.hpp"
#include "tests/test_helpers.hpp"

namespace roof {
namespace {

const std::string kData = ROOF_TEST_DATA_DIR;

const DeviceCatalogue& catalogue() {
  static const DeviceCatalogue c = DeviceCatalogue::builtin();
  return c;
}

const FitInputs& inputs() {
  static const FitInputs in = [] {
    FitInputs f;
    f.kernels = read_deepbench(kData + "/calibration/deepbench_conv_kernels.csv");
    f.memory_ops = read_caffe_memory_ops(kData + "/calibration/caffe_titanx_per_layer_times.csv");
    f.gemms = read_deepbench_gemms(kData + "/calibration/deepbench_gemm_kernels.csv");
    return f;
  }();
  return in;
}

// The rule's class for fwd against what cudnnFind* recorded (FFT is never the rule's).
bool agrees(const std::string& recorded, AlgoClass ours) {
  if (recorded.find("WINOGRAD_NONFUSED") != std::string::npos) {
    return ours == AlgoClass::winograd_nonfused;
  }
  if (recorded.find("WINOGRAD") != std::string::npos) return ours == AlgoClass::winograd_fused;
  if (recorded.find("GEMM") != std::string::npos) {
    return ours == AlgoClass::implicit_gemm || ours == AlgoClass::gemm;
  }
  return false;
}

// DeepBench's fwd_algo columns: the rule (roofline/library_algorithm.hpp) reproduces cuDNN's
// pick on most rows of every GPU. Its misses: the FFT picks of cuDNN 5 on the conv3_1-like
// shapes, Titan X Pascal's implicit GEMM on some 3x3 layers, 5x5 layers on V100, and C = 32.
TEST(LibraryRule, AgreesWithCudnnFindOnMostDeepBenchRows) {
  std::map<std::string, std::pair<int, int>> hits;  // device -> (agree, rows)
  for (const PublishedKernel& k : inputs().kernels) {
    for (const KernelTiming& t : k.timings) {
      const AlgoClass ours = library_choice(k.layer, Pass::fwd, t.library).algo;
      hits[t.device].first += agrees(t.fwd_algo, ours);
      hits[t.device].second += 1;
    }
  }
  for (const auto& [device, h] : hits) {
    const double share = static_cast<double>(h.first) / h.second;
    EXPECT_GE(share, 0.80) << device << ": " << h.first << " of " << h.second;
  }
}

TEST(LibraryRule, FollowsTheGenerations) {
  Layer wide{"conv", Op::conv, {16, 256, 28, 28, 256, 3, 3, 28, 28, 1, 1, 1, 1}};
  EXPECT_EQ(library_choice(wide, Pass::fwd, LibraryGeneration::cudnn5).algo,
            AlgoClass::winograd_fused);
  EXPECT_EQ(library_choice(wide, Pass::bwd_weights, LibraryGeneration::cudnn5).algo,
            AlgoClass::implicit_gemm);
  EXPECT_EQ(library_choice(wide, Pass::bwd_weights, LibraryGeneration::cudnn6_7).algo,
            AlgoClass::winograd_nonfused);
  EXPECT_DOUBLE_EQ(library_choice(wide, Pass::fwd, LibraryGeneration::cudnn8_plus).flop_fraction,
                   0.25);  // F(4x4,3x3): 36 multiplies for 16 outputs instead of 144
  Layer rgb = wide;
  rgb.shape.C = 3;
  EXPECT_EQ(library_choice(rgb, Pass::fwd, LibraryGeneration::cudnn6_7).algo,
            AlgoClass::implicit_gemm);
  Layer one{"1x1", Op::conv, {16, 256, 28, 28, 64, 1, 1, 28, 28}};
  EXPECT_EQ(library_choice(one, Pass::fwd, LibraryGeneration::cudnn5).algo, AlgoClass::gemm);
  EXPECT_EQ(parse_library("cudnn7"), LibraryGeneration::cudnn6_7);
  EXPECT_THROW(parse_library("cudnn4"), InputError);
  EXPECT_EQ(era_library("Maxwell"), LibraryGeneration::cudnn5);
  EXPECT_EQ(era_library("Ampere"), LibraryGeneration::cudnn8_plus);
}

// roofline/achievable.json is calibration/fit_achievable's output on tests/data/calibration:
// refitting reproduces every parameter, so nobody tuned the file by hand.
TEST(AchievableFit, TheBuiltInParametersAreTheFitsOutput) {
  FitInputs in = inputs();
  in.source = AchievableModel::builtin().source;
  const AchievableModel refit = fit_achievable(in, catalogue());
  const AchievableModel reread = AchievableModel::parse(refit.to_json(), "refit");
  EXPECT_EQ(AchievableModel::builtin().to_json(), reread.to_json());
}

// Per-kernel median |error| on the fitted data, per DeepBench GPU (docs/validation.md records
// each figure: 17-21%). Kernels of one shape vary 2x between neighbouring batch sizes on one
// GPU (cuDNN's heuristics), which bounds what a model of this size can do.
TEST(AchievableFit, MedianKernelErrorPerGpuUnderAQuarter) {
  const auto residuals =
      kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  for (const char* device :
       {"P100-PCIe-16GB", "M40", "TitanX-Maxwell", "TitanX-Pascal", "V100-SXM2"}) {
    EXPECT_LT(median_abs_error(residuals, device), 0.25) << device;
  }
}

// Transfer: fitted without the M40, the model predicts the M40's kernels from the Titan X
// Maxwell's (the same GM200 chip) about as well as when the M40 is in the fit.
TEST(AchievableFit, PredictsTheM40FromTheTitanXMaxwell) {
  const AchievableModel without = fit_achievable(inputs(), catalogue(), {"M40"});
  const auto held_out = kernel_residuals(without, inputs().kernels, catalogue());
  const auto in_sample =
      kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  const double transfer = median_abs_error(held_out, "M40");
  EXPECT_LT(transfer, 0.25);
  EXPECT_LT(transfer, median_abs_error(in_sample, "M40") + 0.05);
}

// DeepBench's GTX 1080 Ti, T4 and TITAN Xp, which no fit reads (tests/data/deepbench_held_out_conv
// _kernels.csv; docs/validation.md, "Three GPUs DeepBench timed that no fit reads").
const std::vector<KernelResidual>& held_out_residuals() {
  static const std::vector<KernelResidual> r =
      kernel_residuals(AchievableModel::builtin(),
                       read_deepbench(kData + "/deepbench_held_out_conv_kernels.csv"), catalogue());
  return r;
}

double median_signed_error(const std::vector<KernelResidual>& residuals, const std::string& device,
                           double min_measured_s = 0) {
  std::vector<double> e;
  for (const KernelResidual& r : residuals) {
    if (r.device == device && r.measured_s >= min_measured_s) e.push_back(r.error());
  }
  std::sort(e.begin(), e.end());
  return e.empty() ? NAN : e[e.size() / 2];
}

// A GeForce GP102 on the P100's cuDNN 6 (same machine, same CUDA), held out: the Pascal fit (P100
// and Titan X Pascal) predicts its 270 kernel-passes as closely as the two it was fitted on
// (20.4% against 21.0-21.4%), without a bias (median signed +1%).
TEST(AchievableHeldOut, Gtx1080TiKernelsAsCloseAsThePascalFitsOwn) {
  const auto fitted = kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  const double own = std::max(median_abs_error(fitted, "P100-PCIe-16GB"),
                              median_abs_error(fitted, "TitanX-Pascal"));
  const double held = median_abs_error(held_out_residuals(), "GTX1080Ti");
  EXPECT_LT(held, 0.25);
  EXPECT_LT(held, own + 0.02);
  EXPECT_LT(std::abs(median_signed_error(held_out_residuals(), "GTX1080Ti")), 0.10);
}

// The TITAN Xp, the full GP102 (30 SMs), on the 1080 Ti's machine, CUDA and cuDNN, held out. On
// paper it leads the 1080 Ti by 7% in FP32 (30 SMs against 28 at the same rated 1582 MHz boost)
// and 13% in bandwidth, and the model puts it 6.5% ahead on the 49 kernel-passes over 1 ms (4%
// over all 270, where the call cost dilutes it); DeepBench measured it 9% behind there (7% over
// all). So the Pascal plateaus predict its kernels as closely as the 1080 Ti's (median |error|
// 21%) but 11% fast at the median, the sign of the T4's power cap at a third of its size; its own
// SGEMM ran at 73% of its peak where the 1080 Ti's ran at 87% (devices.json, sustained), and its
// caveat says so.
TEST(AchievableHeldOut, TitanXpRunsBehindTheGtx1080TiItOutspecs) {
  const auto& held = held_out_residuals();
  EXPECT_LT(median_abs_error(held, "TitanXp"), 0.25);
  const double bias = median_signed_error(held, "TitanXp");
  EXPECT_LT(bias, -0.05);
  EXPECT_GT(bias, -0.20);
  std::map<std::pair<std::string, Pass>, const KernelResidual*> geforce;
  for (const KernelResidual& r : held) {
    if (r.device == "GTX1080Ti") geforce[{r.layer, r.pass}] = &r;
  }
  // The TITAN Xp's time over the 1080 Ti's, over all kernel-passes and over those of 1 ms or more.
  std::vector<double> measured, measured_large, predicted_large;
  for (const KernelResidual& r : held) {
    if (r.device != "TitanXp") continue;
    const auto it = geforce.find({r.layer, r.pass});
    if (it == geforce.end()) continue;
    const KernelResidual& ti = *it->second;
    measured.push_back(r.measured_s / ti.measured_s);
    if (ti.measured_s < 1e-3) continue;
    measured_large.push_back(r.measured_s / ti.measured_s);
    predicted_large.push_back(r.predicted_s / ti.predicted_s);
  }
  ASSERT_EQ(measured.size(), 270u);
  ASSERT_EQ(measured_large.size(), 49u);
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  EXPECT_GT(median(measured), 1.03);         // 1.07 (DeepBench_NV_TitanXp.xlsx)
  EXPECT_GT(median(measured_large), 1.05);   // 1.09
  EXPECT_LT(median(predicted_large), 0.96);  // 0.935: the SM count
  const Device& xp = catalogue().find("TitanXp");
  const Device& ti = catalogue().find("GTX1080Ti");
  ASSERT_TRUE(xp.sustained_fp32_tflops && ti.sustained_fp32_tflops);
  EXPECT_NEAR(xp.sustained_fp32_tflops->value / *xp.peaks.at("fp32").boost, 0.73, 0.01);
  EXPECT_NEAR(ti.sustained_fp32_tflops->value / *ti.peaks.at("fp32").boost, 0.87, 0.01);
}

// A DeepBench-format file is read by its header: a file with none of the known GPUs' columns,
// a time that is not a number, not positive or not finite, and a short row each name what is wrong.
TEST(AchievableHeldOut, MalformedKernelFilesAreRefused) {
  const std::string path = ::testing::TempDir() + "deepbench_malformed.csv";
  auto with = [&](const std::string& text) {
    std::ofstream(path) << text;
    return [&] { read_deepbench(path); };
  };
  const std::string shape = "W,H,C,N,K,R,S,pad_h,pad_w,stride_h,stride_w,P,Q";
  const std::string t4 = ",T4_fwd_ms,T4_bwd_data_ms,T4_bwd_filter_ms,T4_fwd_algo\n";
  const std::string row = "14,14,256,16,256,3,3,1,1,1,1,14,14";
  testing_helpers::expect_input_error(with(shape + ",A100_fwd_ms\n" + row + ",1\n"),
                                      "no GPU's _fwd_ms column");
  testing_helpers::expect_input_error(with(shape + t4 + row + ",fast,1,1,WINOGRAD\n"),
                                      "'fast' is not a number");
  testing_helpers::expect_input_error(with(shape + t4 + row + ",-1,1,1,WINOGRAD\n"),
                                      "not a positive finite number");
  testing_helpers::expect_input_error(with(shape + t4 + row + ",inf,1,1,WINOGRAD\n"),
                                      "not a positive finite number");
  testing_helpers::expect_input_error(with(shape + t4 + row + ",1,1\n"), "a row has");
  // The GEMM tables: extents that are whole and positive, transpositions N or T.
  auto with_gemm = [&](const std::string& text) {
    std::ofstream(path) << text;
    return [&] { read_deepbench_gemms(path); };
  };
  const std::string gemm = "M,N,K,a_transposed,b_transposed,T4_ms\n";
  testing_helpers::expect_input_error(with_gemm(gemm + "1760,16.5,1760,N,N,0.1\n"),
                                      "N '16.5' is not a GEMM extent");
  testing_helpers::expect_input_error(with_gemm(gemm + "1760,0,1760,N,N,0.1\n"),
                                      "N '0' is not a GEMM extent");
  testing_helpers::expect_input_error(with_gemm(gemm + "1760,16,1760,X,N,0.1\n"),
                                      "a_transposed 'X' is neither N nor T");
  testing_helpers::expect_input_error(with_gemm(gemm + "1760,16,1760,N,N,nan\n"),
                                      "not a positive finite number");
  testing_helpers::expect_input_error(
      with_gemm("M,N,K,a_transposed,b_transposed,A100_ms\n1,1,1,N,N,1\n"), "no GPU's _ms column");
  std::remove(path.c_str());
}

// The held-out columns are marked in the reader: a fit handed them refuses, so no held-out
// median can come from rows the model was fitted on.
TEST(AchievableHeldOut, TheFitRefusesHeldOutColumns) {
  FitInputs with_held_out = inputs();
  with_held_out.kernels = read_deepbench(kData + "/deepbench_held_out_conv_kernels.csv");
  testing_helpers::expect_input_error([&] { fit_achievable(with_held_out, catalogue()); },
                                      "GTX1080Ti's held-out times");
  FitInputs with_held_out_gemms = inputs();
  with_held_out_gemms.gemms =
      read_deepbench_gemms(kData + "/deepbench_mixed_precision_gemm_kernels.csv");
  testing_helpers::expect_input_error([&] { fit_achievable(with_held_out_gemms, catalogue()); },
                                      "held-out times");
}

// The rule of docs/metrics.md ("Which algorithm a library runs"), learned on the five fitted
// GPUs, picks what cudnnFind* recorded on the held-out ones as often: 74 of 90 rows on the GTX
// 1080 Ti and the TITAN Xp (the P100's 74 under the same cuDNN 6), 81 on the T4 (the V100's 81
// under the same 7.6).
TEST(AchievableHeldOut, TheLibraryRulePicksCudnnsAlgorithmOnTheHeldOutGpus) {
  std::map<std::string, std::pair<int, int>> hits;  // device -> (agree, rows)
  for (const PublishedKernel& k : read_deepbench(kData + "/deepbench_held_out_conv_kernels.csv")) {
    for (const KernelTiming& t : k.timings) {
      hits[t.device].first +=
          agrees(t.fwd_algo, library_choice(k.layer, Pass::fwd, t.library).algo);
      hits[t.device].second += 1;
    }
  }
  const std::map<std::string, int> expected = {{"GTX1080Ti", 74}, {"T4", 81}, {"TitanXp", 74}};
  ASSERT_EQ(hits.size(), expected.size());
  for (const auto& [device, h] : hits) {
    EXPECT_EQ(h.second, 90) << device;
    EXPECT_EQ(h.first, expected.at(device)) << device;
  }
}

// The T4 (Turing, 70 W), held out, on Volta's borrowed plateaus at its 1590 MHz boost: the
// model is a third fast (median -33%), and most on the large kernels (over 1 ms: -39%), where
// the fixed cost per call hides least. The same workbook's SGEMM says why: the T4 sustains 42% of
// its boost-clock peak where DeepBench's V100 sustains 87% (devices.json, sustained), the 70 W
// cap holding the clock down. The large convolutions run between the two: slower than the boost
// clock gives, faster than the SGEMM's share (a full-tilt GEMM draws the most power per cycle).
TEST(AchievableHeldOut, T4RunsBelowItsBoostClockAsItsOwnSgemmDoes) {
  EXPECT_LT(median_signed_error(held_out_residuals(), "T4"), -0.25);
  const double large = median_signed_error(held_out_residuals(), "T4", 1e-3);
  EXPECT_LT(large, -0.30);
  const Device& t4 = catalogue().find("T4");
  const Device& v100 = catalogue().find("V100-SXM2");
  ASSERT_TRUE(t4.sustained_fp32_tflops && v100.sustained_fp32_tflops);
  const double t4_share = t4.sustained_fp32_tflops->value / *t4.peaks.at("fp32").boost;
  const double v100_share = v100.sustained_fp32_tflops->value / *v100.peaks.at("fp32").boost;
  EXPECT_NEAR(t4_share, 0.42, 0.01);    // 3.39 of 8.1 (DeepBench_NV_T4.xlsx)
  EXPECT_NEAR(v100_share, 0.87, 0.01);  // 13.65 of 15.7 (DeepBench_NV_V100.xlsx)
  const double conv_rate = 1 + large;   // measured rate over the predicted one, about 0.61
  EXPECT_GT(conv_rate, t4_share / v100_share);
}

// Sums over DeepBench's network-shaped kernel sets (tests/data/deepbench_conv_applications.csv
// names each kernel's application): predicted over measured time of every kernel-pass of one
// set on one GPU, less one.
std::map<std::string, std::map<std::string, double>> kernel_set_errors(
    const std::vector<PublishedKernel>& kernels, const std::vector<KernelResidual>& residuals) {
  std::map<std::string, std::string> application_of;  // layer name -> application
  const auto rows = testing_helpers::held_out_rows(kData + "/deepbench_conv_applications.csv", 12);
  for (const PublishedKernel& k : kernels) {
    const Shape& s = k.layer.shape;
    const std::vector<std::int64_t> shape = {s.W, s.H,     s.C,     s.N,        s.K,       s.R,
                                             s.S, s.pad_h, s.pad_w, s.stride_h, s.stride_w};
    for (const auto& row : rows) {
      bool same = true;
      for (std::size_t i = 0; i < shape.size(); ++i) same = same && std::stoll(row[i]) == shape[i];
      if (same) application_of[k.layer.name] = row[11];
    }
  }
  std::map<std::string, std::map<std::string, std::pair<double, double>>> sums;
  for (const KernelResidual& r : residuals) {
    auto& [predicted, measured] = sums[r.device][application_of.at(r.layer)];
    predicted += r.predicted_s;
    measured += r.measured_s;
  }
  std::map<std::string, std::map<std::string, double>> errors;
  for (const auto& [device, sets] : sums) {
    for (const auto& [application, sum] : sets) {
      errors[device][application] = sum.first / sum.second - 1;
    }
  }
  return errors;
}

// The "sums over network-shaped kernel sets" (docs/validation.md records every figure).
// The two CNN sets hold on every GPU of the fit and on the held-out GTX 1080 Ti and TITAN Xp:
// ResNet-50's 28 layers within 8.1% (10% asked), the VGG and GoogLeNet layers within 23% (25%
// asked; the Maxwell boards' and the Titan X Pascal's cuDNN 5 ran FFT on the conv3_1-shaped rows
// at several times the neighbouring shapes' time). The speech set is the miss, fast on every GPU
// by 18-42%: its first layers (1 or 32 input channels, 5x20 and 5x10 windows) have weight
// gradients whose GEMM is 32 wide and 100 to 1,600 deep over a reduction of millions, which cuDNN
// ran at well under the rate the tiles and split-K give; in the catalogue's networks only the
// first conv looks like that.
TEST(AchievableFit, NetworkShapedKernelSetsSumWithinTheirStatedErrors) {
  auto errors = kernel_set_errors(
      inputs().kernels,
      kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue()));
  const auto held_kernels = read_deepbench(kData + "/deepbench_held_out_conv_kernels.csv");
  for (const auto& [device, sets] : kernel_set_errors(held_kernels, held_out_residuals())) {
    errors[device] = sets;
  }
  ASSERT_EQ(errors.size(), 8u);  // five fitted GPUs, the 1080 Ti, the T4 and the TITAN Xp
  for (const auto& [device, sets] : errors) {
    ASSERT_EQ(sets.size(), 6u) << device;
    if (device == "T4") continue;  // its power cap: AchievableHeldOut.T4RunsBelowItsBoost...
    EXPECT_LT(std::abs(sets.at("Resnet")), 0.10) << device;
    EXPECT_LT(std::abs(sets.at("Vision")), 0.25) << device;
    EXPECT_LT(sets.at("DeepSpeech"), -0.15) << device;  // a known miss, pinned
  }
  EXPECT_LT(errors.at("T4").at("Resnet"), -0.25);
}

// Where the speech and OCR sets miss: the weight gradient of a layer with at most 32 input
// channels, whose GEMM is narrow (C x R x S wide) over a long reduction (N x P x Q). Over the
// seven GPUs without a power cap, the median of those 112 kernel-passes is 50% fast (30-59% per
// GPU), where the 518 weight gradients of wider layers are within 4%.
TEST(AchievableFit, NarrowWeightGradientsAreWhereTheKernelSetsMiss) {
  auto residuals = kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  const auto held = held_out_residuals();
  residuals.insert(residuals.end(), held.begin(), held.end());
  std::map<std::string, std::int64_t> channels;
  for (const PublishedKernel& k : inputs().kernels) channels[k.layer.name] = k.layer.shape.C;
  std::vector<double> narrow, wide;
  for (const KernelResidual& r : residuals) {
    if (r.pass != Pass::bwd_weights || r.device == "T4") continue;
    (channels.at(r.layer) <= 32 ? narrow : wide).push_back(r.error());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  ASSERT_GT(narrow.size(), 60u);
  EXPECT_LT(median(narrow), -0.35);
  EXPECT_LT(std::abs(median(wide)), 0.05);
}

// DeepBench's deep layers on 7x7 images (3x3, 256-512 input channels, batch 8 and 16: ResNet's
// and VGG's last stage) are where the tiles miss most: every one of their 63 kernel-passes on
// the seven GPUs without a power cap is at least 24% fast, the median of each GPU 43-59%, under
// all three cuDNN generations and whichever algorithm runs (docs/validation.md, "Its own fit").
// Under cuDNN 6 and 7 their time hardly grows with the batch (7x7x512 to 512 at batch 16 takes
// 1.1-1.5x its batch-8 time), and with 32 to 56 of the model's tiles on the 28 to 80 SMs of the
// Pascal and Volta boards the tile exponent forgives the idle SMs. The 14x14 layers of the same
// widths are within a fifth at the median.
TEST(AchievableFit, DeepLayersOnSevenBySevenImagesAreWhereTheTilesMiss) {
  auto residuals = kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  const auto held = held_out_residuals();
  residuals.insert(residuals.end(), held.begin(), held.end());
  std::map<std::string, Shape> shapes;
  for (const PublishedKernel& k : inputs().kernels) shapes[k.layer.name] = k.layer.shape;
  std::map<std::string, std::vector<double>> seven, fourteen;  // device -> errors
  for (const KernelResidual& r : residuals) {
    if (r.device == "T4") continue;
    const Shape& s = shapes.at(r.layer);
    if (s.R != 3 || s.S != 3 || s.stride_h != 1 || s.C < 256) continue;
    if (s.P * s.Q <= 49) seven[r.device].push_back(r.error());
    if (s.P * s.Q == 196) fourteen[r.device].push_back(r.error());
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  ASSERT_EQ(seven.size(), 7u);
  for (const auto& [device, errors] : seven) {
    EXPECT_EQ(errors.size(), 9u) << device;
    EXPECT_LT(*std::max_element(errors.begin(), errors.end()), -0.20) << device;
    EXPECT_LT(median(errors), -0.40) << device;
    EXPECT_GT(median(errors), -0.65) << device;
    EXPECT_LT(std::abs(median(fourteen.at(device))), 0.20) << device;
  }
}

// fc layers are cuBLAS SGEMMs, whose class is fitted on DeepBench's GEMM tables (docs/metrics.md):
// per GPU the median |error| over its 76 SGEMMs is 9% on the V100, 24% on the P100 and 36-44% on
// the Titan X Pascal and the Maxwell boards, whose CUDA 7.5 and 8 cuBLAS ran the narrow (N of 16
// to 64) shapes up to 4x slower than neighbouring ones (docs/validation.md, "DeepBench's GEMMs").
TEST(AchievableFit, CublasGemmsOnTheFittedGpus) {
  const auto residuals = kernel_residuals(AchievableModel::builtin(), inputs().gemms, catalogue());
  EXPECT_EQ(residuals.size(), 76u * 5);  // 79 shapes: the Titan X Maxwell has three of its own
  EXPECT_LT(median_abs_error(residuals, "V100-SXM2"), 0.10);
  EXPECT_LT(median_abs_error(residuals, "P100-PCIe-16GB"), 0.25);
  for (const char* device : {"M40", "TitanX-Maxwell", "TitanX-Pascal"}) {
    EXPECT_LT(median_abs_error(residuals, device), 0.45) << device;
  }
}

// The held-out GTX 1080 Ti's SGEMMs: the cuBLAS class predicts them closer than the 1x1-conv
// class fc layers used before it (median |error| 26% against 35%).
TEST(AchievableHeldOut, Gtx1080TiGemmsCloserOnTheCublasPlateauThanOnTheConvGemmOne) {
  const auto gemms = read_deepbench_gemms(kData + "/deepbench_held_out_gemm_kernels.csv");
  const AchievableModel& model = AchievableModel::builtin();
  AchievableModel conv_plateau = model;
  for (FamilyEfficiency& f : conv_plateau.families) {
    f.plateau[static_cast<std::size_t>(AlgoClass::blas_gemm)] =
        f.plateau[static_cast<std::size_t>(AlgoClass::gemm)];
  }
  const double now = median_abs_error(kernel_residuals(model, gemms, catalogue()), "GTX1080Ti");
  const double before =
      median_abs_error(kernel_residuals(conv_plateau, gemms, catalogue()), "GTX1080Ti");
  EXPECT_LT(now, 0.30);
  EXPECT_LT(now, before - 0.05);
}

// DeepBench's mixed-precision convolutions (fp16 on tensor cores, cuDNN 7.6), which no fit reads:
// cuDNN picked implicit GEMM on all 90 shapes on both the V100 and the T4, and the tensor-core
// rule follows it (docs/metrics.md: every conv but the 1x1 ones, which keep their GEMM class). With
// it, the FP32 plateaus carried to the tensor_fp16 peak predict the V100's 260 kernel-passes at a
// median |error| of 30% (T4 28%); with the FP32 rule's Winograd, which executes 2.25-4x fewer
// multiplies than cuDNN ran there, 43% (T4 47%). The misses left are the large layers with 1 or 3
// input channels, which tensor cores cannot take (docs/validation.md).
TEST(AchievableHeldOut, TensorCoreKernelsRunImplicitGemmAsCudnnPicked) {
  const auto kernels = read_deepbench(kData + "/deepbench_mixed_precision_conv_kernels.csv");
  const AchievableModel& model = AchievableModel::builtin();
  std::map<std::string, std::vector<double>> with_rule, with_winograd;  // |error| by device
  std::map<std::string, int> agree;
  for (const PublishedKernel& k : kernels) {
    const LayerCost cost = cost_of(k.layer, DType::fp16);
    for (const KernelTiming& t : k.timings) {
      ASSERT_EQ(t.dtype, DType::fp16);
      RoofOptions fp16;
      fp16.dtype = DType::fp16;
      AchievableContext context =
          achievable_context(catalogue().find(t.device), model, t.library, fp16);
      ASSERT_TRUE(context.tensor_math) << t.device;
      agree[t.device] +=
          agrees(t.fwd_algo, library_choice(k.layer, Pass::fwd, t.library, true).algo);
      for (Pass pass : kAllPasses) {
        const auto& s = t.seconds[static_cast<std::size_t>(pass)];
        if (!s) continue;
        context.tensor_math = true;
        with_rule[t.device].push_back(
            std::abs(achieve(k.layer, pass, *cost.pass(pass), context).seconds / *s - 1));
        context.tensor_math = false;
        with_winograd[t.device].push_back(
            std::abs(achieve(k.layer, pass, *cost.pass(pass), context).seconds / *s - 1));
      }
    }
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  // The data the rule stands on: cuDNN's recorded pick, implicit GEMM on every row of both.
  ASSERT_EQ(agree.size(), 2u);
  for (const auto& [device, n] : agree) EXPECT_EQ(n, 90) << device;
  EXPECT_LT(median(with_rule.at("V100-SXM2")), 0.33);
  EXPECT_GT(median(with_winograd.at("V100-SXM2")), 0.40);
  EXPECT_LT(median(with_rule.at("T4")), median(with_winograd.at("T4")));
  // ResNet-50's layers summed (V100 23% slow, T4 6% fast), and the GEMMs (V100 24%, T4 32%).
  const auto residuals = kernel_residuals(model, kernels, catalogue());
  const auto sets = kernel_set_errors(kernels, residuals);
  EXPECT_LT(std::abs(sets.at("V100-SXM2").at("Resnet")), 0.25);
  EXPECT_LT(std::abs(sets.at("T4").at("Resnet")), 0.10);
  const auto gemms = kernel_residuals(
      model, read_deepbench_gemms(kData + "/deepbench_mixed_precision_gemm_kernels.csv"),
      catalogue());
  EXPECT_LT(median_abs_error(gemms, "V100-SXM2", "tensor_fp16"), 0.26);
  EXPECT_LT(median_abs_error(gemms, "T4", "tensor_fp16"), 0.35);
}

// The tiles-and-waves exponent (docs/metrics.md, "Tiles and waves"). Counting every idle slot of
// the last wave and every padded row in full (exponent 1) predicts DeepBench's small-grid
// kernels, those below 70% tile efficiency, 15% too slow at the median (259 kernel-passes on
// five GPUs) while the full-grid ones come out fast; the fitted exponent takes that bias out.
TEST(AchievableFit, TheTileExponentRemovesTheSmallGridBias) {
  FitInputs whole = inputs();
  whole.tile_exponent = 1.0;
  const auto counted_in_full =
      kernel_residuals(fit_achievable(whole, catalogue()), inputs().kernels, catalogue());
  const auto fitted = kernel_residuals(AchievableModel::builtin(), inputs().kernels, catalogue());
  ASSERT_EQ(counted_in_full.size(), fitted.size());
  std::vector<double> before, after;
  for (std::size_t i = 0; i < fitted.size(); ++i) {
    ASSERT_EQ(fitted[i].layer, counted_in_full[i].layer);
    if (counted_in_full[i].tile_efficiency >= 0.7) continue;
    before.push_back(counted_in_full[i].error());
    after.push_back(fitted[i].error());
  }
  ASSERT_GT(before.size(), 200u);
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  EXPECT_GT(median(before), 0.10);
  EXPECT_LT(std::abs(median(after)), 0.05);
  for (const FamilyEfficiency& f : AchievableModel::builtin().families) {
    EXPECT_GT(f.tile_exponent, 0.0) << f.architecture;
    EXPECT_LT(f.tile_exponent, 1.0) << f.architecture;  // the data asks for less than in full
  }
}

TEST(AchievableFit, RefusesATileExponentOutsideZeroToOne) {
  FitInputs in = inputs();
  in.tile_exponent = 1.5;
  EXPECT_THROW(fit_achievable(in, catalogue()), InputError);
  std::string text = AchievableModel::builtin().to_json();
  const std::string key = "\"tile_exponent\": 0.4";
  const auto at = text.find(key);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, key.size(), "\"tile_exponent\": 1.4");
  EXPECT_THROW(AchievableModel::parse(text, "edited"), InputError);
}

// Memory-bound ops (ReLU, pooling, concat) on Caffe's Titan X times: median |error| 2.6%.
TEST(AchievableFit, MemoryBoundOpsWithinTenPercentAtTheMedian) {
  const auto residuals = memory_op_residuals(AchievableModel::builtin(), inputs().memory_ops,
                                             catalogue().find("TitanX-Maxwell"));
  ASSERT_GT(residuals.size(), 150u);
  std::vector<double> e;
  for (const LayerResidual& r : residuals) e.push_back(std::abs(r.error()));
  std::sort(e.begin(), e.end());
  EXPECT_LT(e[e.size() / 2], 0.10);
}

struct NetworkTime {
  std::string network;
  std::int64_t batch;
  std::string gpu;
  std::string cudnn;  // the version cnn-benchmarks ran, "5.1.05", "5.0.05"
  double fwd_ms, bwd_ms, total_ms;
};

// The rows of one cuDNN release ("5.1", "5.0") in one of cnn-benchmarks' tables in tests/data.
std::vector<NetworkTime> published_network_times(
    const std::string& cudnn, const std::string& file = "published_network_times.csv") {
  std::vector<NetworkTime> rows;
  for (const auto& f : testing_helpers::held_out_rows(kData + "/" + file, 7)) {
    if (f[3].rfind(cudnn, 0) != 0) continue;
    rows.push_back(
        {f[0], std::stoll(f[1]), f[2], f[3], std::stod(f[4]), std::stod(f[5]), std::stod(f[6])});
  }
  return rows;
}

double torch7_prediction_ms(const NetworkTime& row) {
  // cnn-benchmarks' AlexNet is BVLC's (two towers as groups, LRN; its README), fed 224x224: its
  // conv1 gives 54x54 where the catalogue's 227x227 gives 55x55 (3.6% of conv1's MACs), and
  // Caffe's ceiling pools make every later layer the same size.
  const Network net = build_network(row.network, {Dataset::imagenet, row.batch, false});
  TrainingOptions options;
  options.images_per_epoch = row.batch;
  options.placement.model = TimeModel::achievable;
  options.placement.framework = "torch7";
  // Torch7 computes the first conv's input gradient too, except where the model switched it
  // off: fb.resnet.torch's models/resnet.lua sets model:get(1).gradInput = nil.
  if (row.network.rfind("resnet", 0) == 0) options.placement.input_gradient = false;
  return 1e3 * predict_training(net, catalogue().find(row.gpu), options).reported_s;
}

// The recipes' kernels (docs/metrics.md, "Framework recipes"): Torch7 computes the first conv's
// input gradient and loops over a grouped conv's groups; PyTorch does neither.
const PlacedPass* find_pass(const Placement& p, const std::string& layer, Pass pass) {
  for (const PlacedPass& r : p.rows) {
    if (r.layer == layer && r.pass == pass) return &r;
  }
  return nullptr;
}

Placement place_as(const char* network, const char* framework, std::optional<bool> input_grad) {
  PlacementOptions options;
  options.model = TimeModel::achievable;
  options.framework = framework;
  options.input_gradient = input_grad;
  return place(build_network(network, {Dataset::imagenet, 16, false}),
               catalogue().find("TitanX-Pascal"), options);
}

TEST(FrameworkRecipes, OnlyTorch7ComputesTheFirstLayersInputGradientUnlessTold) {
  const Placement pytorch = place_as("alexnet", "pytorch", std::nullopt);
  const Placement torch7 = place_as("alexnet", "torch7", std::nullopt);
  const Placement torch7_off = place_as("alexnet", "torch7", false);
  const Placement pytorch_on = place_as("resnet18", "pytorch", true);
  EXPECT_FALSE(pytorch.input_gradient);
  EXPECT_EQ(find_pass(pytorch, "conv1", Pass::bwd_data), nullptr);
  EXPECT_TRUE(torch7.input_gradient);
  EXPECT_NE(find_pass(torch7, "conv1", Pass::bwd_data), nullptr);
  EXPECT_EQ(find_pass(torch7_off, "conv1", Pass::bwd_data), nullptr);
  EXPECT_NE(find_pass(pytorch_on, "conv1", Pass::bwd_data), nullptr);
}

TEST(FrameworkRecipes, Torch7RunsAGroupedConvAsOneCallPerGroup) {
  // BVLC AlexNet's conv4: 384 -> 384 channels, 3x3, two groups. One group is 192 -> 192, a
  // Winograd shape for cuDNN 5; the grouped layer in one call is implicit GEMM.
  const Placement torch7 = place_as("alexnet", "torch7", false);
  const Placement pytorch = place_as("alexnet", "pytorch", false);
  const PlacedPass* looped = find_pass(torch7, "conv4", Pass::fwd);
  const PlacedPass* native = find_pass(pytorch, "conv4", Pass::fwd);
  ASSERT_NE(looped, nullptr);
  ASSERT_NE(native, nullptr);
  EXPECT_EQ(looped->algorithm, "WINOGRAD");
  EXPECT_EQ(looped->achieved->calls, 2);
  EXPECT_EQ(native->achieved->calls, 1);
  EXPECT_EQ(native->algorithm, "IMPLICIT_PRECOMP_GEMM");
  // Two calls, each with its own call cost: at least twice the fitted cost of one.
  EXPECT_GE(looped->achieved->fixed_s, 2 * 20e-6 * 0.999);
  EXPECT_NEAR(looped->executed_flops, looped->flops * 16.0 / 36.0, looped->flops * 1e-9);
}

TEST(FrameworkRecipes, CaffeRunsBatchNormAsItsOwnKernelsOverMoreTensorPasses) {
  // BVLC Caffe's BatchNorm + Scale layers (batch_norm_layer.cu, scale_layer.cu): 16 full-tensor
  // passes in 17 kernels forward, 26 in 19 backward, where cuDNN's one call is 2 and 3.
  const Placement caffe = place_as("resnet50", "caffe", std::nullopt);
  const Placement pytorch = place_as("resnet50", "pytorch", std::nullopt);
  const double tensor = 16.0 * 64 * 112 * 112 * 4;  // bn1's input, fp32
  for (const auto& [pass, extra, kernels] :
       {std::tuple{Pass::fwd, 14, 17}, std::tuple{Pass::bwd_data, 23, 19}}) {
    const PlacedPass* c = find_pass(caffe, "bn1", pass);
    const PlacedPass* p = find_pass(pytorch, "bn1", pass);
    ASSERT_NE(c, nullptr);
    ASSERT_NE(p, nullptr);
    EXPECT_DOUBLE_EQ(c->bytes - p->bytes, extra * tensor) << to_string(pass);
    EXPECT_EQ(c->achieved->calls, kernels);
    EXPECT_EQ(p->achieved->calls, 1);
    EXPECT_NEAR(c->achieved->fixed_s, kernels * p->achieved->fixed_s, 1e-12);
  }
}

TEST(FrameworkRecipes, CnnBenchmarksTimesNeitherTheUpdateNorTheLoss) {
  TrainingOptions options;
  options.images_per_epoch = 16;
  options.placement.model = TimeModel::achievable;
  options.placement.framework = "torch7";
  const TrainingPrediction t =
      predict_training(build_network("resnet18", {Dataset::imagenet, 16, false}),
                       catalogue().find("GTX1080"), options);
  EXPECT_FALSE(t.update_in_reported);
  EXPECT_FALSE(t.loss_in_reported);
  EXPECT_GT(t.loss_s, 0);
  EXPECT_NEAR(t.reported_s, t.iteration_s - t.update_s - t.loss_s, 1e-12);
  // The loss is softmax_loss's two passes, with any wait for their launch.
  double loss = 0;
  for (const PlacedPass& r : t.placement.rows) {
    if (r.op == "softmax_loss") loss += r.seconds + r.host_wait_s;
  }
  EXPECT_DOUBLE_EQ(t.loss_s, loss);
  EXPECT_GT(t.loss_s, 2 * 4e-6);  // two kernels, each at least the 4 us floor
}

// Each row's Torch7 prediction against its measurement, within `vgg_tolerance` for VGG-16/19
// and `tolerance` for the rest (EXPECT per row); returns the median |error|.
double median_torch7_error(const std::vector<NetworkTime>& rows, double vgg_tolerance,
                           double tolerance) {
  std::vector<double> errors;
  for (const NetworkTime& row : rows) {
    const double error = torch7_prediction_ms(row) / row.total_ms - 1;
    errors.push_back(std::abs(error));
    const bool vgg = row.network.rfind("vgg", 0) == 0;
    EXPECT_LT(std::abs(error), vgg ? vgg_tolerance : tolerance) << row.network << " on " << row.gpu;
  }
  std::sort(errors.begin(), errors.end());
  return errors[errors.size() / 2];
}

// Held out: jcjohnson/cnn-benchmarks (Torch7 + cuDNN 5.1, batch 16), forward + backward of
// whole networks on four GPUs, never read by the fit. docs/validation.md lists every row with
// its error. Tolerances: 35% per row for AlexNet, GoogLeNet and the ResNets; VGG-16/19, which
// the cuDNN 5 rule predicts too slow (+17% to +68%: cuDNN 5.1's benchmark mode runs the
// non-fused Winograd on VGG's wide layers, which DeepBench's cuDNN 5 rows pick only rarely),
// within 70%; and the median |error| over all rows under 17% (15.0% with the Torch7 recipe's
// per-group calls and first-layer input gradient). The roofline bound misses the same rows by
// 23-54% too fast (ResNet, GoogLeNet, AlexNet).
TEST(AchievableValidation, CnnBenchmarksTorch7RowsPerRow) {
  const auto rows = published_network_times("5.1");
  ASSERT_EQ(rows.size(), 35u);
  EXPECT_LT(median_torch7_error(rows, 0.70, 0.35), 0.17);
}

// The same benchmark with cuDNN 5.0.05 (cnn-benchmarks README, 27 rows on three GPUs), held out
// too. cuDNN 5.0 has the fused Winograd only; the non-fused kind arrived in 5.1. The cuDNN 5
// rule, learned from DeepBench, runs VGG's wide layers as fused Winograd, and holds VGG within
// 20% here where against 5.1's benchmark mode it was 17-68% slow: the VGG miss above is 5.1's
// non-fused Winograd, as docs/validation.md says. Every row within 30%, the median under 15%
// (11.9% today).
TEST(AchievableValidation, CnnBenchmarksCudnn50RowsHoldVggToo) {
  const auto rows = published_network_times("5.0");
  ASSERT_EQ(rows.size(), 27u);
  EXPECT_LT(median_torch7_error(rows, 0.20, 0.30), 0.15);
}

// Held out: the same benchmark's Tesla K40c rows (cuDNN 5.0.05, the README version that still had
// them; tests/data/cnn_benchmarks_k40c_times.csv), the only per-network times of a Kepler GPU
// under Torch7. Kepler has no per-kernel data and borrows Maxwell's plateaus on its theoretical
// ceilings, so the model puts a K40c at 1.4-1.6x a Maxwell Titan X's time, the ratio of their
// peaks. The same run measured 2.6-3.5x: every K40c row is predicted 35-60% fast. This pins that
// miss (docs/validation.md, "A Kepler GPU on cuDNN 5.0", says where it sits: Torch's own cuBLAS
// backend on the same board is already 2.0-2.1x slower than on the Titan X, and cuDNN 5.0 gains
// less over it on Kepler), and the Titan X rows of the same run hold as the later ones do.
TEST(AchievableValidation, KeplerUnderCudnn50RunsSlowerThanMaxwellsPlateausGive) {
  const auto rows = published_network_times("5.0", "cnn_benchmarks_k40c_times.csv");
  ASSERT_EQ(rows.size(), 16u);
  std::map<std::string, std::pair<double, double>> maxwell;  // network: measured, predicted ms
  for (const NetworkTime& row : rows) {
    if (row.gpu == "TitanX-Maxwell")
      maxwell[row.network] = {row.total_ms, torch7_prediction_ms(row)};
  }
  ASSERT_EQ(maxwell.size(), 8u);
  for (const NetworkTime& row : rows) {
    const auto& [m_measured, m_predicted] = maxwell.at(row.network);
    if (row.gpu == "TitanX-Maxwell") {
      EXPECT_LT(std::abs(m_predicted / m_measured - 1), 0.30) << row.network;
      continue;
    }
    ASSERT_EQ(row.gpu, "K40m");
    const double predicted = torch7_prediction_ms(row);
    const double error = predicted / row.total_ms - 1;
    EXPECT_GT(error, -0.62) << row.network;
    EXPECT_LT(error, -0.33) << row.network;  // a known miss, pinned so a change shows
    const double measured_ratio = row.total_ms / m_measured;
    const double predicted_ratio = predicted / m_predicted;
    EXPECT_GT(measured_ratio, 2.5) << row.network;
    EXPECT_GT(predicted_ratio, 1.35) << row.network;
    EXPECT_LT(predicted_ratio, 1.65) << row.network;
  }
}

// The P100's lead over `slow` under the achievable model, PyTorch 1.x with one library
// generation on both GPUs (the seeds ran one software stack on both nodes; seed 000's Python 3.6
// and K40m and seed 001's CUDA 11.1 and K80 are PyTorch 1.x builds).
double seed_speedup(const char* network, Dataset dataset, std::int64_t batch, const Device& slow,
                    LibraryGeneration library = LibraryGeneration::cudnn6_7) {
  const Network net = build_network(network, {dataset, batch, false});
  TrainingOptions options;
  options.placement.framework = "pytorch1";
  options.images_per_epoch = 50000;
  options.placement.model = TimeModel::achievable;
  options.placement.library = library;
  return predict_training(net, slow, options).iteration_s /
         predict_training(net, catalogue().find("P100"), options).iteration_s;
}

// The seeds' speedups under the achievable model, PyTorch 1.x with one cuDNN 6-7 on both GPUs
// (the seeds ran one software stack on both nodes). VGG-16/19 P100 over K40m (seed 000, measured
// 2.09) hold within 10% (+4% and +5%); GoogLeNet and ResNet-18 P100 over a K80 die (seed 001,
// measured 2.63-2.83) come out at 2.19 and 2.22, 16-23% low: the K80's epoch is predicted 4-8%
// slow, the P100's 28-32% (docs/validation.md says where that time sits; under the 2.x recipe
// both ratios are 2.26).
TEST(AchievableValidation, SeedSpeedups) {
  const double vgg_measured = (43 * 60 + 12) / (20.0 * 60 + 38);
  for (const char* network : {"vgg16", "vgg19"}) {
    EXPECT_NEAR(
        seed_speedup(network, Dataset::cifar10, 100, catalogue().find("K40m")) / vgg_measured, 1.0,
        0.10)
        << network;
    EXPECT_DOUBLE_EQ(seed_speedup(network, Dataset::cifar10, 100, catalogue().find("K40m"),
                                  LibraryGeneration::cudnn8_plus),
                     seed_speedup(network, Dataset::cifar10, 100, catalogue().find("K40m")))
        << network;  // the same under the cuDNN 8+ rule
  }
  const struct {
    const char* network;
    double measured;
  } kepler[] = {{"googlenet", 2834.6 / 1019.2}, {"resnet18", 1823.7 / 693.7}};
  for (const auto& row : kepler) {
    const double ratio =
        seed_speedup(row.network, Dataset::imagenet, 10, catalogue().find("K80")) / row.measured;
    EXPECT_GT(ratio, 0.70) << row.network;
    EXPECT_LT(ratio, 0.90) << row.network;  // a known miss, pinned so a change shows
    // Seed 001 loaded CUDA 11.1, whose PyTorch builds carry cuDNN 8: its rule picks the same.
    EXPECT_DOUBLE_EQ(seed_speedup(row.network, Dataset::imagenet, 10, catalogue().find("K80"),
                                  LibraryGeneration::cudnn8_plus),
                     seed_speedup(row.network, Dataset::imagenet, 10, catalogue().find("K80")))
        << row.network;
  }
}

// The K40m's clock term against BVLC Caffe's own K40 notes (docs/performance_hardware.md at
// 03a48d7d): the reference ImageNet model (BVLC AlexNet, batch 256) trained 20 iterations in 31 s
// at the board's default clock and in 26.5-26.7 s with the 875 MHz application clock
// (nvidia-smi -ac 3004,875), 1.16-1.17x, the clock ratio 875/745 = 1.17 of a compute-bound step.
// That is why the K40m entry defaults to its 745 MHz base; the model's base-over-boost ratio for
// the same step (Caffe recipe) is within 3% of the measured one. Those runs predate cuDNN (Caffe's
// own im2col + cuBLAS kernels), so only the ratio is compared, not the times.
TEST(AchievableValidation, K40ClockTermMatchesCaffesK40Notes) {
  const Network net = build_network("alexnet", {Dataset::imagenet, 256, false});
  TrainingOptions options;
  options.images_per_epoch = 256;
  options.placement.model = TimeModel::achievable;
  options.placement.framework = "caffe";
  const Device& k40m = catalogue().find("K40m");
  EXPECT_EQ(k40m.default_clock, Clock::base);
  options.placement.roof.clock = Clock::base;
  const double base = predict_training(net, k40m, options).iteration_s;
  options.placement.roof.clock = Clock::boost;
  const double boost = predict_training(net, k40m, options).iteration_s;
  EXPECT_NEAR((base / boost) / (31.0 / 26.6), 1.0, 0.03);
}

// Why the model keeps Maxwell's plateaus for Kepler (docs/validation.md, "What one Kepler factor
// would do"): scaling a Kepler device's FP32 peaks by 0.74, the penalty the K40c's cuBLAS-based
// `nn` rows show against the Maxwell Titan X, brings seed 001's P100/K80 speedups within 10% of
// 2.63-2.83 but takes seed 000's VGG P100/K40m speedup (2.09) more than 25% off: the Kepler rows
// want different factors for VGG and for the small-kernel networks.
TEST(AchievableValidation, OneKeplerFactorCannotHoldBothSeeds) {
  auto scaled = [](const char* name) {
    Device d = catalogue().find(name);
    ClockedPeak& fp32 = d.peaks.at("fp32");
    if (fp32.base) *fp32.base *= 0.74;
    if (fp32.boost) *fp32.boost *= 0.74;
    return d;
  };
  const Device k80 = scaled("K80");
  const Device k40m = scaled("K40m");
  EXPECT_NEAR(seed_speedup("googlenet", Dataset::imagenet, 10, k80) / (2834.6 / 1019.2), 1.0, 0.10);
  EXPECT_NEAR(seed_speedup("resnet18", Dataset::imagenet, 10, k80) / (1823.7 / 693.7), 1.0, 0.10);
  const double vgg_measured = (43 * 60 + 12) / (20.0 * 60 + 38);
  for (const char* network : {"vgg16", "vgg19"}) {
    EXPECT_GT(seed_speedup(network, Dataset::cifar10, 100, k40m) / vgg_measured, 1.25) << network;
  }
}

// The calibration is fp32 only: on a tensor-core peak the heading says the fractions are
// carried over, and names the peak; on the FP32 peak it says nothing of the kind.
TEST(AchievableModelRows, HeadingSaysWhenThePeakIsNotTheCalibratedOne) {
  const Network net = build_network("resnet50", {Dataset::imagenet, 16, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  const Placement fp32 = place(net, catalogue().find("V100"), options);
  EXPECT_EQ(fp32.roof.peak, "fp32");
  EXPECT_EQ(fp32.model_description.find("uncalibrated"), std::string::npos);
  options.roof.dtype = DType::fp16;
  const Placement fp16 = place(net, catalogue().find("V100"), options);
  EXPECT_EQ(fp16.roof.peak, "tensor_fp16");
  EXPECT_NE(fp16.model_description.find("on the tensor_fp16 peak they are uncalibrated"),
            std::string::npos)
      << fp16.model_description;
}

// PyTorch's fp32 convolutions run on TF32 tensor cores by default where the GPU has them: the
// framework line says so on an A100 and points at --math tf32; not on a V100, nor once asked.
TEST(FrameworkRecipes, PytorchOnAnAmpereGpuSaysItsFp32ConvsRunTf32) {
  const Network net = build_network("resnet50", {Dataset::imagenet, 16, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  const std::string hint = "--math tf32 models";
  EXPECT_NE(place(net, catalogue().find("A100"), options).framework.find(hint), std::string::npos);
  EXPECT_EQ(place(net, catalogue().find("V100"), options).framework.find(hint), std::string::npos);
  options.roof.tf32 = true;
  const Placement tf32 = place(net, catalogue().find("A100"), options);
  EXPECT_EQ(tf32.framework.find(hint), std::string::npos);
  EXPECT_EQ(tf32.roof.peak, "tensor_tf32");
}

// --host-us: the host's time per kernel replaces the recipe's. With 200 us per kernel a batch
// of 12 on an A100 is host bound: the host needs kernels x 200 us, so the GPU's busy time plus
// its waits is at least that, and the update's kernels pay it too.
TEST(FrameworkRecipes, HostTimePerKernelCanBeSet) {
  const Network net = build_network("resnet18", {Dataset::imagenet, 12, false});
  TrainingOptions options;
  options.images_per_epoch = 12;
  options.placement.model = TimeModel::achievable;
  const TrainingPrediction recipe = predict_training(net, catalogue().find("A100"), options);
  EXPECT_DOUBLE_EQ(recipe.placement.dispatch_s, 10e-6);
  options.placement.dispatch_s = 200e-6;
  const TrainingPrediction slow = predict_training(net, catalogue().find("A100"), options);
  EXPECT_DOUBLE_EQ(slow.placement.dispatch_s, 200e-6);
  std::int64_t kernels = 0;
  for (const PlacedPass& r : slow.placement.rows) kernels += r.achieved->calls;
  EXPECT_GE(slow.placement.seconds + slow.placement.host_idle_s,
            static_cast<double>(kernels) * 200e-6 * 0.999);
  EXPECT_GT(slow.placement.host_idle_s, recipe.placement.host_idle_s);
  EXPECT_NEAR(slow.update_s, static_cast<double>(slow.update.tensors) * 2 * 200e-6, 1e-12);
  EXPECT_NE(slow.placement.framework.find("host time per kernel 200.0 us (--host-us"),
            std::string::npos);
}

// Every term is visible: a 3x3 layer's row names its algorithm, plateau, tiles and loss, and
// its time is at least its bound.
TEST(AchievableModelRows, EveryRowCarriesItsTerms) {
  const Network net = build_network("resnet50", {Dataset::imagenet, 16, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  const Placement p = place(net, catalogue().find("V100"), options);
  ASSERT_FALSE(p.rows.empty());
  for (const PlacedPass& r : p.rows) {
    ASSERT_TRUE(r.achieved.has_value()) << r.layer;
    EXPECT_GE(r.seconds, r.bound_seconds * 0.999) << r.layer;
    EXPECT_FALSE(r.achieved->loss.empty()) << r.layer;
  }
  EXPECT_NE(p.model_description.find("Volta"), std::string::npos);
}

// A device file may pair a slow FP32 peak with a wide bus, where batch norm's and ReLU's few
// FLOPs outlast their bytes: no achievable time may then fall below the roofline's bound.
TEST(AchievableModelRows, NoPassRunsFasterThanItsBoundOnASlowPeakAndAWideBus) {
  const Network net = build_network("resnet50", {Dataset::imagenet, 32, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  Device slow = catalogue().find("TitanX-Pascal");
  slow.peaks.at("fp32") = ClockedPeak{std::nullopt, 0.1, "a test's"};
  slow.dram_gbs = 3000;
  const Placement p = place(net, slow, options);
  int compute_bound_memory_ops = 0;
  for (const PlacedPass& r : p.rows) {
    EXPECT_GE(r.seconds, r.bound_seconds * 0.999) << r.layer << " " << to_string(r.pass);
    EXPECT_LE(r.efficiency(), 1.0 + 1e-9) << r.layer;
    const bool gemm = r.op == "conv" || r.op == "conv1x1" || r.op == "fc";
    if (!gemm && r.achieved->compute_s > r.achieved->memory_s) {
      ++compute_bound_memory_ops;
      EXPECT_EQ(r.achieved->loss, "fixed cost") << r.layer;
    }
  }
  EXPECT_GT(compute_bound_memory_ops, 0);  // the case this test is for
}

TEST(AchievableModelRows, UncalibratedDevicesKeepTheBoundAndSaySo) {
  Device cpu = catalogue().find("V100");
  cpu.name = "this-cpu";
  cpu.architecture = "x86-64";
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 1, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  const Placement p = place(net, cpu, options);
  EXPECT_EQ(p.model, TimeModel::roofline);
  EXPECT_NE(p.model_description.find("no calibration for x86-64"), std::string::npos);
}

// A measured CPU (bench_roofs' JSON) under the achievable model: conv and fc keep their bound,
// the other ops move their bytes at the run's STREAM copy rate (27.8 GB/s in this recording,
// against its 32.0 GB/s DRAM ceiling, STREAM add); --model roofline keeps every bound.
TEST(AchievableModelRows, AMeasuredCpusOtherOpsRunAtItsStreamCopyRate) {
  const std::string roofs =
      std::string(ROOF_TEST_DATA_DIR) + "/../reports/data/bench_roofs_with_sweep.json";
  const Device cpu = *measured_devices_from_file(roofs).cpu;
  const Network net = build_network("alexnet_owt", {Dataset::imagenet, 8, false});
  PlacementOptions options;
  options.model = TimeModel::achievable;
  const Placement p = place(net, cpu, options);
  EXPECT_NE(p.model_description.find("STREAM copy rate bench_roofs measured, 27.8 GB/s, 87%"),
            std::string::npos)
      << p.model_description;
  int other_ops = 0;
  for (const PlacedPass& r : p.rows) {
    if (is_layer_with_macs(r.op)) {
      EXPECT_DOUBLE_EQ(r.seconds, r.bound_seconds) << r.layer;
    } else {
      ++other_ops;
      EXPECT_NEAR(r.seconds, std::max(r.executed_flops / p.roof.peak_flops, r.bytes / 27.8e9),
                  r.seconds * 2e-3)
          << r.layer;
      EXPECT_GT(r.seconds, r.bound_seconds) << r.layer;
    }
  }
  EXPECT_GT(other_ops, 10);
  options.model = TimeModel::roofline;
  for (const PlacedPass& r : place(net, cpu, options).rows) {
    EXPECT_DOUBLE_EQ(r.seconds, r.bound_seconds) << r.layer;
  }
}

TEST(AchievableModelRows, KeplerBorrowsMaxwellAndSaysSo) {
  const AchievableContext c =
      achievable_context(catalogue().find("K80"), AchievableModel::builtin(),
                         LibraryGeneration::cudnn5, RoofOptions{});
  EXPECT_TRUE(c.borrowed);
  EXPECT_EQ(c.family->architecture, "Maxwell");
  EXPECT_NE(c.describe().find("borrowed"), std::string::npos);
}

}  // namespace
}  // namespace roof
