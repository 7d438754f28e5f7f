// The benchdnn descriptor parser and descriptor files (roofline layers --file), then the cost of
// every layer they accept (a shape the parser lets through must be countable without overflow),
// and each layer printed again: the suite must read its print as the same layer, and so must
// benchdnn's rules (tests/benchdnn_reference.hpp), for any layer, not only the catalogue's.
#include <stdexcept>

#include "networks/cost.hpp"
#include "networks/descriptor.hpp"
#include "tests/benchdnn_reference.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

void expect(bool condition, const std::string& what) {
  if (!condition) throw std::logic_error(what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return roof::fuzz::refuse_only_with_input_error(data, size, [](std::string_view text) {
    const roof::Network network = roof::parse_descriptor_file(text, "fuzz");
    roof::totals_of(network, roof::DType::fp32);
    for (const roof::Layer& layer : network.layers) {
      const std::string printed = roof::to_descriptor(layer, network.name);
      const roof::Layer back = roof::parse_descriptor(printed).layer;
      expect(back.shape == layer.shape && back.op == layer.op, "reread differs: " + printed);
      if (layer.op != roof::Op::conv) continue;
      const roof::benchdnn_reference::Desc d = roof::benchdnn_reference::read(printed);
      const roof::Shape& s = layer.shape;
      expect(d.ok && d.mb == s.N && d.ic == s.C && d.oc == s.K && d.g == s.groups && d.ih == s.H &&
                 d.iw == s.W && d.kh == s.R && d.kw == s.S && d.oh == s.P && d.ow == s.Q &&
                 d.sh == s.stride_h && d.sw == s.stride_w && d.ph == s.pad_h && d.pw == s.pad_w &&
                 d.dh == s.dilation_h && d.dw == s.dilation_w,
             "benchdnn reads another shape from " + printed);
    }
  });
}
