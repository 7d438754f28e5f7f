// Training on several GPUs (roofline/parallel_training.hpp, docs/cluster.md): the strategies'
// compute, communication and batches on cases that can be checked by hand or against the
// one-GPU prediction.

#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "networks/catalogue.hpp"
#include "networks/cost.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/parallel_explanation.hpp"
#include "roofline/parallel_training.hpp"
#include "test_helpers.hpp"

namespace roof {
namespace {

using testing_helpers::expect_input_error;

Fabric pcie(int gpus, int nodes = 1) {
  Fabric f;
  f.gpus_per_node = gpus;
  f.nodes = nodes;
  f.gpu_link = {"pcie3", 15.75e9, 5.7e-6, "PCIe 3.0 x16"};
  f.node_link = {"ib-edr", 12.5e9, 14e-6, "EDR"};
  f.host_link = f.gpu_link;
  return f;
}

ParallelOptions options_for(int gpus, Strategy strategy, int nodes = 1) {
  ParallelOptions o;
  o.training.images_per_epoch = 1281167;
  o.gpus_per_node = gpus;
  o.nodes = nodes;
  o.strategy = strategy;
  return o;
}

Network net(const std::string& name, std::int64_t batch) {
  return build_network(name, {.batch = batch});
}

const Device& p100() {
  static const DeviceCatalogue catalogue = DeviceCatalogue::builtin();
  return catalogue.find("P100");
}

TEST(ParallelTraining, OneGpuIsTheOneGpuPredictionForEveryStrategy) {
  const Network n = net("alexnet_owt", 128);
  const TrainingPrediction alone =
      predict_training(n, p100(), options_for(1, Strategy::data).training);
  for (Strategy s : {Strategy::data, Strategy::model, Strategy::owt}) {
    const ParallelPrediction p = predict_parallel(n, p100(), pcie(1), options_for(1, s));
    EXPECT_NEAR(p.iteration_s, alone.iteration_s, 1e-12 * alone.iteration_s) << to_string(s);
    EXPECT_EQ(p.comm_s, 0) << to_string(s);
    EXPECT_NEAR(p.speedup, 1.0, 1e-12) << to_string(s);
  }
}

// The same under the achievable model and PyTorch 1.x's recipe, whose host timeline and gradient
// bookkeeping are part of one GPU's compute: one GPU is exactly one GPU's iteration, owt too
// (split into a conv part and an fc part, each would pay its own update and host timeline).
TEST(ParallelTraining, OneGpuKeepsTheHostWaitAndTheGradientBookkeeping) {
  for (Strategy s : {Strategy::data, Strategy::model, Strategy::owt}) {
    const Network n = net("alexnet_owt", 1);
    ParallelOptions options = options_for(1, s);
    options.training.placement.model = TimeModel::achievable;
    options.training.placement.framework = "pytorch1";
    const TrainingPrediction alone = predict_training(n, p100(), options.training);
    ASSERT_GT(alone.grad_bookkeeping_s, 0);
    ASSERT_GT(alone.host_idle_s, 0);
    const ParallelPrediction p = predict_parallel(n, p100(), pcie(1), options);
    EXPECT_DOUBLE_EQ(p.grad_bookkeeping_s, alone.grad_bookkeeping_s) << to_string(s);
    EXPECT_DOUBLE_EQ(p.host_idle_s, alone.host_idle_s) << to_string(s);
    EXPECT_NEAR(p.compute_s, alone.iteration_s, 1e-12 * alone.iteration_s) << to_string(s);
    EXPECT_NEAR(p.speedup, 1.0, 1e-12) << to_string(s);
  }
}

TEST(ParallelTraining, DataParallelIsOneGpuComputePlusTheGradientAllReduce) {
  // Weak scaling: each of 4 GPUs runs batch 64; without overlap the iteration is one GPU's
  // iteration at 64 plus one ring all-reduce of every fp32 gradient.
  const Network n = net("resnet50", 64);
  const ParallelOptions o = options_for(4, Strategy::data);
  const ParallelPrediction p = predict_parallel(n, p100(), pcie(4), o);
  const TrainingPrediction alone = predict_training(n, p100(), o.training);
  const double gradients = 4.0 * static_cast<double>(totals_of(n, DType::fp32).params);
  EXPECT_DOUBLE_EQ(p.gradient_bytes, gradients);
  const double ring = 2 * 3 * 5.7e-6 + 2 * 3.0 / 4 * gradients / 15.75e9;
  EXPECT_NEAR(p.exposed_comm_s, ring, 1e-12);
  EXPECT_NEAR(p.iteration_s, alone.iteration_s + ring, 1e-9);
  EXPECT_EQ(p.per_gpu_batch, 64);
  EXPECT_EQ(p.global_batch, 256);
  // Speedup = 4 x one GPU's time / the iteration, as images per second.
  EXPECT_NEAR(p.speedup, 4 * alone.iteration_s / p.iteration_s, 1e-9);
  EXPECT_NEAR(p.efficiency, p.speedup / 4, 1e-12);
  EXPECT_EQ(p.iterations_per_epoch, (1281167 + 255) / 256);
}

TEST(ParallelTraining, OverlapHidesPartOfTheAllReduceBehindBackward) {
  const Network n = net("resnet50", 64);
  ParallelOptions o = options_for(8, Strategy::data);
  const ParallelPrediction serial = predict_parallel(n, p100(), pcie(8), o);
  o.overlap = true;
  const ParallelPrediction overlapped = predict_parallel(n, p100(), pcie(8), o);
  EXPECT_GT(overlapped.comm.size(), 1u);  // ResNet-50's 102 MB are several 25 MiB buckets
  EXPECT_LT(overlapped.exposed_comm_s, serial.exposed_comm_s);
  EXPECT_GT(overlapped.exposed_comm_s, 0);  // the last bucket is ready only as backward ends
  EXPECT_NEAR(overlapped.compute_s, serial.compute_s, 1e-12);
  EXPECT_GE(overlapped.comm_s, serial.comm_s);  // more messages, more latency
}

TEST(ParallelTraining, StrongScalingSplitsTheGlobalBatch) {
  const Network n = net("alexnet_owt", 32);
  ParallelOptions o = options_for(2, Strategy::data);
  o.global_batch = 32;
  const ParallelPrediction p = predict_parallel(n, p100(), pcie(2), o);
  EXPECT_EQ(p.per_gpu_batch, 16);
  EXPECT_EQ(p.global_batch, 32);
  EXPECT_EQ(p.baseline_batch, 32);
  o.gpus_per_node = 3;
  expect_input_error([&] { predict_parallel(n, p100(), pcie(3), o); },
                     "--global-batch 32 does not split evenly over 3 GPUs");
}

TEST(ParallelTraining, ChannelSliceSplitsTheWorkEvenly) {
  const Network n = net("alexnet", 8);
  bool gathers = false;
  // conv2 has two groups: on two GPUs each takes one tower, with no communication.
  const Layer& conv2 = testing_helpers::find_layer(n, "conv2");
  const Layer tower = channel_slice(conv2, 2, gathers);
  EXPECT_FALSE(gathers);
  EXPECT_EQ(tower.shape.groups, 1);
  EXPECT_EQ(2 * cost_of(tower, DType::fp32).fwd().macs, cost_of(conv2, DType::fp32).fwd().macs);
  // fc6 on 4 GPUs: 1024 outputs each, all 9216 inputs gathered.
  const Layer fc6 = channel_slice(testing_helpers::find_layer(n, "fc6"), 4, gathers);
  EXPECT_TRUE(gathers);
  EXPECT_EQ(fc6.shape.K, 1024);
  EXPECT_EQ(fc6.shape.C, 9216);
  // conv1 reads the image, which every GPU holds.
  channel_slice(testing_helpers::find_layer(n, "conv1"), 2, gathers);
  EXPECT_FALSE(gathers);
}

TEST(ParallelTraining, TwoTowerAlexNetCommunicatesWhereThePaperSays) {
  // Krizhevsky et al. 2012, section 3.2: "the GPUs communicate only in certain layers": conv3
  // and the fully connected layers read both towers; conv2, conv4 and conv5 stay on their GPU.
  const Network n = net("alexnet", 128);
  const ParallelPrediction p =
      predict_parallel(n, p100(), pcie(2), options_for(2, Strategy::model));
  std::set<std::string> layers;
  for (const CommStep& s : p.comm) layers.insert(s.what.substr(0, s.what.find(' ')));
  EXPECT_EQ(layers, (std::set<std::string>{"conv3", "fc6", "fc7", "fc8"}));
  EXPECT_EQ(p.comm.size(), 8u);  // a gather forward and a scatter backward each
  EXPECT_EQ(p.gradient_bytes, 0);
  EXPECT_EQ(p.global_batch, 128);
}

TEST(ParallelTraining, OneWeirdTrickMovesActivationsInsteadOfFcWeights) {
  // alexnet_owt: 2.5 M conv parameters, 58.6 M fc ones. OWT all-reduces only the former and
  // gathers the fc layers' inputs over the whole global batch.
  const Network n = net("alexnet_owt", 128);
  const ParallelPrediction owt =
      predict_parallel(n, p100(), pcie(8), options_for(8, Strategy::owt));
  const ParallelPrediction data =
      predict_parallel(n, p100(), pcie(8), options_for(8, Strategy::data));
  std::int64_t conv_params = 0;
  for (const Layer& l : n.layers) {
    if (l.op == Op::conv) conv_params += cost_of(l, DType::fp32).params;
  }
  EXPECT_DOUBLE_EQ(owt.gradient_bytes, 4.0 * static_cast<double>(conv_params));
  // The fc6 input gathered: 1024 images x 9216 values x 4 bytes.
  bool found = false;
  for (const CommStep& s : owt.comm) {
    if (s.what == "fc6 input (fwd)") {
      found = true;
      EXPECT_DOUBLE_EQ(s.cost.bytes, 1024.0 * 9216 * 4);
      EXPECT_EQ(s.cost.collective, Collective::all_gather);
    }
  }
  EXPECT_TRUE(found);
  // The trick's point: on PCIe, 8 GPUs scale better than with data parallelism.
  EXPECT_LT(owt.iteration_s, data.iteration_s);
  EXPECT_GT(owt.speedup, data.speedup);
}

TEST(ParallelTraining, ATensorReadByManyLayersIsGatheredOnce) {
  // inception_3a's 1x1, 3x3_reduce and 5x5_reduce read the module's input: one gather for the
  // three. The 3x3, the 5x5 and pool_proj read tensors of their own: one gather each.
  const Network n = net("googlenet", 32);
  const ParallelPrediction p =
      predict_parallel(n, p100(), pcie(2), options_for(2, Strategy::model));
  std::set<std::string> gathered;
  for (const CommStep& s : p.comm) {
    if (s.what.starts_with("inception_3a.") && s.what.ends_with(" input (fwd)")) {
      gathered.insert(s.what.substr(0, s.what.find(' ')));
    }
  }
  EXPECT_EQ(gathered, (std::set<std::string>{"inception_3a.1x1", "inception_3a.3x3",
                                             "inception_3a.5x5", "inception_3a.pool_proj"}));
  // Layers read from descriptors carry no graph: every reader gathers.
  Network flat = n;
  flat.input_of.clear();
  const ParallelPrediction no_graph =
      predict_parallel(flat, p100(), pcie(2), options_for(2, Strategy::model));
  EXPECT_GT(no_graph.activation_bytes, p.activation_bytes);
}

TEST(ParallelTraining, OwtSplitsAfterTheLastConvolution) {
  // GoogLeNet's auxiliary classifiers hold fc layers between convolutions; they stay data
  // parallel, and only the final classifier is model parallel.
  const Network n = build_network("googlenet", {.batch = 32, .googlenet_aux = true});
  const ParallelPrediction p = predict_parallel(n, p100(), pcie(8), options_for(8, Strategy::owt));
  for (const CommStep& s : p.comm) {
    EXPECT_FALSE(s.what.starts_with("aux")) << s.what;
  }
  EXPECT_GT(p.speedup, 6.5);
  // A network without fc layers after its convolutions has nothing for owt to split.
  Network convs = net("vgg11", 8);
  convs.layers.resize(3);
  convs.input_of.resize(3);
  expect_input_error(
      [&] { predict_parallel(convs, p100(), pcie(2), options_for(2, Strategy::owt)); },
      "has none; use --strategy data");
}

TEST(ParallelExplanation, CarriesOnlyAPositiveTimeOutsideTheModel) {
  const Network n = net("alexnet_owt", 32);
  ParallelOptions o = options_for(2, Strategy::data);
  o.training.images_per_epoch = 100000;
  // The model's one-GPU epoch is 51.9 s; a measured 281.7 s leaves 229.8 s outside it.
  const ParallelExplanation carried =
      explain_parallel(n, p100(), pcie(2), o, {{"1gpu", 281.7}, {"data", 300.0}});
  ASSERT_TRUE(carried.outcomes[1].predicted_epoch_s.has_value());
  EXPECT_NEAR(*carried.outcomes[1].predicted_epoch_s,
              carried.outcomes[1].prediction.epoch_s + *carried.unmodelled_epoch_s, 1e-9);
  // A measured epoch shorter than the modelled GPU time: nothing to carry, no predictions.
  const ParallelExplanation shorter =
      explain_parallel(n, p100(), pcie(2), o, {{"1gpu", 5.0}, {"data", 4.0}});
  for (const StrategyOutcome& outcome : shorter.outcomes) {
    EXPECT_FALSE(outcome.predicted_epoch_s.has_value()) << outcome.name;
  }
  EXPECT_NE(shorter.paragraph.find("the strategies' epochs are not predicted"), std::string::npos);
  // Strategies measured without the one-GPU epoch are set beside the model, not compared.
  const ParallelExplanation alone = explain_parallel(n, p100(), pcie(2), o, {{"owt", 200.0}});
  EXPECT_NE(alone.paragraph.find("that needs the measured one-GPU epoch"), std::string::npos);
  expect_input_error(
      [&] {
        explain_parallel(n, p100(), pcie(2), o,
                         {{"1gpu", std::numeric_limits<double>::infinity()}});
      },
      "must be a positive number of seconds");
  expect_input_error(
      [&] { explain_parallel(n, p100(), pcie(1), options_for(1, Strategy::data), {}); },
      "two or more GPUs");
}

TEST(ParallelTraining, RefusesImpossibleSetups) {
  const Network n = net("alexnet_owt", 32);
  ParallelOptions o = options_for(2, Strategy::data);
  expect_input_error([&] { predict_parallel(n, p100(), pcie(4), o); },
                     "the fabric spans a different number of GPUs");
  expect_input_error([] { parse_strategy("pipeline"); }, "unknown strategy 'pipeline'");
  o.bucket_mib = 0;
  expect_input_error([&] { predict_parallel(n, p100(), pcie(2), o); }, "--bucket-mib");
  // More GPUs than a layer has output channels to split.
  expect_input_error(
      [&] { predict_parallel(n, p100(), pcie(128), options_for(128, Strategy::model)); },
      "conv1 has only 64: at most 64 GPUs");
  // An iteration larger than the epoch.
  ParallelOptions big = options_for(8, Strategy::data);
  big.global_batch = 2 * 1281168;
  expect_input_error([&] { predict_parallel(n, p100(), pcie(8), big); },
                     "is more than an epoch of 1281167");
}

}  // namespace
}  // namespace roof
