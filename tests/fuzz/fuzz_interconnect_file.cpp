// An interconnect file (--interconnects-file): the catalogue's own format or bench_comm's JSON.
#include "roofline/interconnect_catalogue.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    roof::InterconnectCatalogue::parse(text, "fuzz.json");
  });
}
