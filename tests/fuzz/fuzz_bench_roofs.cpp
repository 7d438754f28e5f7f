// bench_roofs JSON as roofline (--roofs) and the report read it.
#include "reports/measured_run.hpp"
#include "roofline/measured_device.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    roof::measured_gpu_devices_from_bench_json(text, "fuzz.json");
    roof::report::read_measured_machine(text, "fuzz.json");
  });
}
