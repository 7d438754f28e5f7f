// The benchdnn descriptor parser and descriptor files (roofline layers --file), then the cost of
// every layer they accept: a shape the parser lets through must be countable without overflow.
#include "networks/cost.hpp"
#include "networks/descriptor.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    const roof::Network network = roof::parse_descriptor_file(text, "fuzz");
    roof::totals_of(network, roof::DType::fp32);
    for (const roof::Layer& layer : network.layers) {
      roof::parse_descriptor(roof::to_descriptor(layer, network.name));
    }
  });
}
