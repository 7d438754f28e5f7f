#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "networks/dtype.hpp"
#include "networks/layer.hpp"
#include "roofline/library_algorithm.hpp"

namespace roof {

// The published GPU times the achievable model is fitted on and checked against
// (tests/data/calibration/README.md says where each file comes from).

// DeepBench's training convolutions: one layer shape, timed on several GPUs.
struct KernelTiming {
  std::string device;  // catalogue name of the GPU
  LibraryGeneration library = LibraryGeneration::cudnn5;
  std::array<std::optional<double>, 3> seconds{};  // by Pass; empty where not timed
  std::string fwd_algo;                            // what cudnnFind* picked for fwd
  DType dtype = DType::fp32;  // fp16: DeepBench's mixed-precision sheets (tensor cores)
  bool held_out = false;      // a column no fit may read (the held-out GPUs and sheets)
};
struct PublishedKernel {
  Layer layer;  // a conv named after its DeepBench shape
  std::vector<KernelTiming> timings;
};

// Reads deepbench_conv_kernels.csv, or a file of the same columns for other GPUs (each GPU the
// reader knows whose columns the header has). Throws InputError naming the line of anything
// malformed, and for a file with no known GPU's columns.
std::vector<PublishedKernel> read_deepbench(const std::string& path);

// Reads deepbench_gemm_kernels.csv (or a held-out file of its columns): each cuBLAS SGEMM as the
// fc layer whose forward pass is that GEMM (batch N, K inputs, M outputs; C = M x N), with its
// forward time on each GPU whose `<GPU>_ms` column the header has. Throws InputError as above.
std::vector<PublishedKernel> read_deepbench_gemms(const std::string& path);

// Caffe's per-layer times of one catalogue network, matched to its layers: each op without
// MACs, in order of kind, with its forward and backward milliseconds.
struct PublishedLayerTime {
  std::string network;  // catalogue name
  std::int64_t batch = 0;
  Layer layer;  // the catalogue layer the Caffe row was matched to
  std::string caffe_name;
  double fwd_s = 0;
  double bwd_s = 0;
};
// Reads caffe_titanx_per_layer_times.csv and matches AlexNet-OWT, VGG-A and GoogLeNet-v1 to
// alexnet_owt, vgg11 and googlenet; OverFeat, which the catalogue lacks, is skipped.
std::vector<PublishedLayerTime> read_caffe_memory_ops(const std::string& path);

}  // namespace roof
