#include "networks/catalogue.hpp"

#include <functional>

#include "networks/families.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof {
namespace {

using Builder = std::function<Network(const BuildOptions&)>;

struct Entry {
  CatalogueEntry info;
  Builder build;
};

const std::vector<Entry>& entries() {
  using families::BottleneckStride;
  auto resnet = [](int depth, BottleneckStride stride, std::string name) {
    return [=](const BuildOptions& o) { return families::resnet(depth, stride, name, o); };
  };
  auto vgg = [](int depth) {
    return [=](const BuildOptions& o) { return families::vgg(depth, o); };
  };
  const std::string paper_resnet =
      "ResNet-%, paper design (stride on the first 1x1 of a "
      "downsampling bottleneck), He et al. 2016";
  auto describe = [](std::string text, const std::string& depth) {
    text.replace(text.find('%'), 1, depth);
    return text;
  };
  static const std::vector<Entry> table = {
      {{"alexnet", "AlexNet, two towers (grouped conv2/4/5), LRN, 227x227, Krizhevsky 2012", false},
       families::alexnet},
      {{"alexnet_owt",
        "AlexNet 64-192-384-256-256, one tower, \"One weird trick\" 2014 "
        "(torchvision)",
        false},
       families::alexnet_owt},
      {{"alexnet_tf",
        "AlexNet 64-192-384-384-256, one tower, 227x227, 1001 classes (tf_cnn_benchmarks)", false},
       families::alexnet_tf},
      {{"vgg11", "VGG-11, configuration A, Simonyan & Zisserman 2015"}, vgg(11)},
      {{"vgg13", "VGG-13, configuration B"}, vgg(13)},
      {{"vgg16", "VGG-16, configuration D"}, vgg(16)},
      {{"vgg19", "VGG-19, configuration E"}, vgg(19)},
      {{"googlenet", "GoogLeNet (Inception v1), Table 1 of Szegedy et al. 2015, 5x5 branches"},
       families::googlenet},
      {{"inception_v3",
        "Inception v3, 299x299, batch norm, 1001 classes (tf_cnn_benchmarks), Szegedy et al. 2016",
        false},
       families::inception_v3},
      {{"resnet18", "ResNet-18, basic blocks, He et al. 2016"},
       resnet(18, BottleneckStride::first_1x1, "resnet18")},
      {{"resnet34", "ResNet-34, basic blocks, He et al. 2016"},
       resnet(34, BottleneckStride::first_1x1, "resnet34")},
      {{"resnet50", describe(paper_resnet, "50")},
       resnet(50, BottleneckStride::first_1x1, "resnet50")},
      {{"resnet101", describe(paper_resnet, "101")},
       resnet(101, BottleneckStride::first_1x1, "resnet101")},
      {{"resnet152", describe(paper_resnet, "152")},
       resnet(152, BottleneckStride::first_1x1, "resnet152")},
      {{"resnet50_v1_5", "ResNet-50 v1.5, stride on the 3x3 (torchvision)"},
       resnet(50, BottleneckStride::on_3x3, "resnet50_v1_5")},
      {{"resnet101_v1_5", "ResNet-101 v1.5, stride on the 3x3 (torchvision)"},
       resnet(101, BottleneckStride::on_3x3, "resnet101_v1_5")},
      {{"resnet152_v1_5", "ResNet-152 v1.5, stride on the 3x3 (torchvision)"},
       resnet(152, BottleneckStride::on_3x3, "resnet152_v1_5")},
  };
  return table;
}

}  // namespace

const std::vector<CatalogueEntry>& catalogue() {
  static const std::vector<CatalogueEntry> list = [] {
    std::vector<CatalogueEntry> infos;
    for (const Entry& entry : entries()) infos.push_back(entry.info);
    return infos;
  }();
  return list;
}

std::vector<std::string> network_names() {
  std::vector<std::string> names;
  for (const CatalogueEntry& entry : catalogue()) names.push_back(entry.name);
  return names;
}

Network build_network(std::string_view name, const BuildOptions& options) {
  // Any case, as device names: VGG16 is vgg16; the network keeps its catalogue spelling.
  for (const Entry& entry : entries()) {
    if (lower(entry.info.name) == lower(name)) {
      if (options.googlenet_aux && entry.info.name != "googlenet") {
        throw InputError("auxiliary classifiers exist only for googlenet, not " + entry.info.name);
      }
      return entry.build(options);
    }
  }
  std::string known;
  for (const std::string& n : network_names()) known += (known.empty() ? "" : ", ") + n;
  throw InputError("unknown network '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace roof
