#pragma once

#include <string>

#include "networks/network.hpp"

// The builders behind the catalogue, one file per family (docs/networks.md says which paper
// table or public implementation each follows). Use build_network() from catalogue.hpp.
namespace roof::families {

Network alexnet(const BuildOptions& options);         // two-tower original, grouped conv2/4/5
Network alexnet_owt(const BuildOptions& options);     // "One weird trick", torchvision's AlexNet
Network alexnet_tf(const BuildOptions& options);      // tf_cnn_benchmarks': conv4 of 384
Network vgg(int depth, const BuildOptions& options);  // 11, 13, 16, 19 = configurations A B D E
Network googlenet(const BuildOptions& options);
Network inception_v3(const BuildOptions& options);  // tf_cnn_benchmarks' inception3, 299x299

// Where a downsampling bottleneck strides: the paper's first 1x1, or torchvision's 3x3 ("v1.5").
enum class BottleneckStride { first_1x1, on_3x3 };
Network resnet(int depth, BottleneckStride stride, const std::string& name,
               const BuildOptions& options);

}  // namespace roof::families
