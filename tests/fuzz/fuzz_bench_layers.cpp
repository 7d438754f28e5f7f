// bench_layers JSON as train --measured reads it, composed into an iteration of each network it
// measured.
#include "networks/catalogue.hpp"
#include "roofline/device_catalogue.hpp"
#include "roofline/measured_layers.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const roof::DeviceCatalogue devices = roof::DeviceCatalogue::builtin();
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    const roof::MeasuredLayerTimes times = roof::read_measured_layers(text, "fuzz.json");
    for (const auto& [name, batch] : times.batch_of_network) {
      const roof::Network network =
          roof::build_network(name, {roof::Dataset::imagenet, batch, false});
      roof::TrainingOptions options;
      options.images_per_epoch = batch;
      roof::compose_measured(network,
                             roof::predict_training(network, devices.find("P100"), options), times);
    }
  });
}
