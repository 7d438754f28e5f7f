// cuDNN's view of every convolution of the catalogue: descriptors built from our Layer must give
// cuDNN the output extent the layer states (cudnnGetConvolution2dForwardOutputDim). Descriptors
// need no GPU, so this runs everywhere, and it catches a wrong padding, stride, dilation (cuDNN
// counts it from 1, benchdnn from 0) or group count before any GPU sees the layer.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "kernels/cudnn/cudnn_descriptors.hpp"
#include "networks/catalogue.hpp"
#include "tests/kernels/test_layers.hpp"

namespace roof::cuda {
namespace {

TEST(CudnnOutputDims, EqualOursForEveryCatalogueConvolution) {
  int checked = 0;
  for (const CatalogueEntry& entry : catalogue()) {
    for (Dataset dataset : {Dataset::imagenet, Dataset::cifar10}) {
      if (dataset == Dataset::cifar10 && !entry.has_cifar10) continue;
      // GoogLeNet's auxiliary classifiers hold convolutions of their own.
      const bool aux = entry.name == "googlenet" && dataset == Dataset::imagenet;
      const Network net = build_network(entry.name, {dataset, 2, aux});
      for (const Layer& layer : net.layers) {
        if (layer.op != Op::conv) continue;
        ASSERT_TRUE(cudnn_can_describe(layer)) << net.name << ":" << layer.name;
        const std::array<int, 4> nkpq = cudnn_forward_output_dims(layer);
        const Shape& s = layer.shape;
        EXPECT_EQ(nkpq, (std::array<int, 4>{static_cast<int>(s.N), static_cast<int>(s.K),
                                            static_cast<int>(s.P), static_cast<int>(s.Q)}))
            << entry.name << " " << to_string(dataset) << ":" << layer.name;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 300);  // every family, both datasets
}

// What the catalogue lacks: dilation, asymmetric windows and strides, groups.
TEST(CudnnOutputDims, CountDilationAndGroupsAsCudnnDoes) {
  using kernels::testing::layer_from;
  for (const char* descriptor :
       {"mb1ic3ih9iw10oc4kh3kw3ph2pw2dh1dw1n\"dilation1\"",
        "mb1ic2ih8iw6oc3kh3kw2sh2sw1ph1pw0dh0dw1n\"non_square\"",
        "g3mb1ic6ih7oc9kh3sh2n\"groups3_stride2\"", "mb2ic4ih17oc8kh5sh3ph2dh2n\"dilation2\""}) {
    const Layer layer = layer_from(descriptor);
    const std::array<int, 4> nkpq = cudnn_forward_output_dims(layer);
    EXPECT_EQ(nkpq[2], layer.shape.P) << descriptor;
    EXPECT_EQ(nkpq[3], layer.shape.Q) << descriptor;
  }
}

TEST(CudnnDescriptors, FcLayersAreNotConvolutionsForCudnn) {
  EXPECT_FALSE(cudnn_can_describe(kernels::testing::layer_from("mb2ic64oc10n\"fc\"")));
}

}  // namespace
}  // namespace roof::cuda
