// A device file (--devices-file), and a training prediction on every device it accepts: a
// device the reader lets through must give finite numbers or a clear refusal.
#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/training.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <cmath>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const roof::Network network =
      roof::build_network("alexnet_owt", {roof::Dataset::imagenet, 8, false});
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    for (const roof::Device& device : roof::DeviceCatalogue::parse(text, "fuzz.json")) {
      roof::TrainingOptions options;
      options.images_per_epoch = 8;
      const roof::TrainingPrediction p = roof::predict_training(network, device, options);
      if (!std::isfinite(p.iteration_s) || !(p.iteration_s > 0)) {
        throw std::logic_error("a non-finite or non-positive iteration time was predicted");
      }
    }
  });
}
