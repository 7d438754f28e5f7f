// bench_comm JSON as roofline (--interconnects-file) and the report (--comm) read it.
#include "reports/measured_collectives.hpp"
#include "roofline/interconnect_catalogue.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    roof::InterconnectCatalogue::parse(text, "fuzz.json");
    roof::report::read_comm_run(text, "fuzz.json");
  });
}
