#include "networks/descriptor.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <sstream>

#include "support/input_error.hpp"
#include "support/printable.hpp"

namespace roof {

std::string to_descriptor(const Layer& layer, std::string_view network_name) {
  const Shape& s = layer.shape;
  std::ostringstream out;
  const std::string name = std::string(network_name) + ":" + layer.name;
  if (layer.op == Op::fc) {
    out << "mb" << s.N << "ic" << s.C << "oc" << s.K << "n\"" << name << '"';
    return out.str();
  }
  if (layer.op != Op::conv) {
    throw InputError("layer '" + layer.name + "' is a " + std::string(to_string(layer.op)) +
                     "; only conv and fc layers have benchdnn descriptors here");
  }
  if (s.groups != 1) out << 'g' << s.groups;
  out << "mb" << s.N << "ic" << s.C << "ih" << s.H;
  if (s.W != s.H) out << "iw" << s.W;
  out << "oc" << s.K << "oh" << s.P;
  if (s.Q != s.P) out << "ow" << s.Q;
  out << "kh" << s.R;
  if (s.S != s.R) out << "kw" << s.S;
  if (s.stride_h != 1 || s.stride_w != s.stride_h) out << "sh" << s.stride_h;
  if (s.stride_w != s.stride_h) out << "sw" << s.stride_w;
  if (s.pad_h != 0 || s.pad_w != s.pad_h) out << "ph" << s.pad_h;
  if (s.pad_w != s.pad_h) out << "pw" << s.pad_w;
  if (s.dilation_h != 0 || s.dilation_w != s.dilation_h) out << "dh" << s.dilation_h;
  if (s.dilation_w != s.dilation_h) out << "dw" << s.dilation_w;
  out << "n\"" << name << '"';
  return out.str();
}

std::string benchdnn_arguments(const Layer& layer, std::string_view network_name, Pass pass) {
  const std::string descriptor = to_descriptor(layer, network_name);  // refuses other ops
  const char* direction = pass == Pass::fwd        ? (layer.bias ? "FWD_B" : "FWD_D")
                          : pass == Pass::bwd_data ? "BWD_D"
                                                   : (layer.bias ? "BWD_WB" : "BWD_W");
  return std::string(layer.op == Op::fc ? "--ip" : "--conv") + " --dir=" + direction + " " +
         descriptor;
}

std::string to_descriptor_file(const Network& network) {
  std::ostringstream out;
  std::string_view driver;
  std::optional<bool> bias;
  for (const Layer& layer : network.layers) {
    if (layer.op != Op::conv && layer.op != Op::fc) continue;
    const std::string_view wanted = layer.op == Op::conv ? "--conv" : "--ip";
    if (driver != wanted) {
      out << wanted << '\n';
      driver = wanted;
      bias.reset();
    }
    if (bias != layer.bias) {
      out << (layer.bias ? "--dir=FWD_B" : "--dir=FWD_D") << '\n';
      bias = layer.bias;
    }
    out << to_descriptor(layer, network.name) << '\n';
  }
  return out.str();
}

namespace {

[[noreturn]] void fail(std::string_view text, const std::string& why) {
  throw InputError("malformed descriptor '" + std::string(text) + "': " + why);
}

// A layer's name must survive every form it is printed in: benchdnn splits a batch-file line
// at whitespace and starts a comment at '#', and JSON cannot hold bytes that are not UTF-8.
void check_name(std::string_view text, std::string_view name) {
  if (!is_printable(name)) fail(text, "the name holds a control character or invalid UTF-8");
  if (name.find_first_of(" #") != std::string_view::npos) {
    fail(text, "the name holds a space or '#', which benchdnn would read as the end of the line");
  }
}

struct Fields {
  std::map<std::string, std::int64_t> values;
  std::optional<std::string> name;
};

// Splits "g2mb1ic64ih56...n"name"" into key -> value; '_' separators are ignored.
Fields tokenize(std::string_view text) {
  static const std::vector<std::string> kKeys = {"g",  "mb", "ic", "id", "ih", "iw", "oc", "od",
                                                 "oh", "ow", "kd", "kh", "kw", "sd", "sh", "sw",
                                                 "pd", "ph", "pw", "dd", "dh", "dw"};
  Fields fields;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '_') {
      ++i;
      continue;
    }
    if (text[i] == 'n' && (i + 1 == text.size() || !std::isdigit(text[i + 1]))) {
      std::string_view rest = text.substr(i + 1);
      if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
        rest = rest.substr(1, rest.size() - 2);
      }
      if (rest.find('"') != std::string_view::npos) fail(text, "unbalanced quotes in the name");
      check_name(text, rest);
      fields.name = std::string(rest);
      break;
    }
    std::string key;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) key += text[i++];
    bool known = false;
    for (const std::string& k : kKeys) known = known || k == key;
    if (!known) {
      fail(text, key.empty() ? "expected a field name at '" + std::string(text.substr(i)) + "'"
                             : "unknown field '" + key + "'");
    }
    const std::size_t start = i;
    if (i < text.size() && text[i] == '-') ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data() + start, text.data() + i, value);
    if (ec != std::errc() || end != text.data() + i || start == i) {
      fail(text, "field '" + key + "' needs an integer value");
    }
    if (fields.values.count(key)) fail(text, "field '" + key + "' appears twice");
    fields.values[key] = value;
  }
  return fields;
}

std::optional<std::int64_t> get(const Fields& f, const std::string& key) {
  const auto it = f.values.find(key);
  if (it == f.values.end()) return std::nullopt;
  return it->second;
}

// The field names of one spatial axis, and where its values go.
struct Axis {
  const char* out_key;
  const char* kernel_key;
  const char* stride_key;
  const char* pad_key;
  const char* dilation_key;
  std::int64_t input;
  std::int64_t kernel;
};

struct AxisValues {
  std::int64_t output, stride, pad, dilation;
};

// Deduces a missing output or padding as benchdnn does: a missing pad with a given output is
// the smallest pad that yields it; a missing output follows from the pad (0 by default).
AxisValues resolve_axis(std::string_view text, const Fields& f, const Axis& axis) {
  AxisValues v{};
  v.stride = get(f, axis.stride_key).value_or(1);
  v.dilation = get(f, axis.dilation_key).value_or(0);
  if (axis.kernel <= 0) fail(text, std::string(axis.kernel_key) + " must be positive");
  if (v.stride <= 0) fail(text, std::string(axis.stride_key) + " must be positive");
  const std::int64_t extent = window_extent(axis.kernel, v.dilation);
  const auto given_out = get(f, axis.out_key);
  if (const auto pad = get(f, axis.pad_key)) {
    v.pad = *pad;
  } else if (given_out) {
    std::int64_t need = 0;  // 2 x pad: (out - 1) stride - input + extent
    if (*given_out < 1 || __builtin_mul_overflow(*given_out - 1, v.stride, &need) ||
        __builtin_sub_overflow(need, axis.input, &need) ||
        __builtin_add_overflow(need, extent, &need)) {
      fail(text, std::string(axis.out_key) + std::to_string(*given_out) +
                     " needs a padding that does not fit in 64 bits, or is not positive");
    }
    v.pad = need > 0 ? need / 2 + need % 2 : 0;  // ceil(need / 2), which need + 1 could wrap
    // benchdnn puts an odd total padding's extra pixel on the right; the model keeps one pad
    // per axis, so such a layer is refused with the reason rather than costed wrongly.
    if (need > 0 && need % 2 == 1 &&
        window_output(axis.input, axis.kernel, v.stride, v.pad, v.dilation) != *given_out) {
      fail(text,
           std::string(axis.out_key) + std::to_string(*given_out) + " needs asymmetric padding (" +
               std::to_string(need / 2) + " and " + std::to_string(need / 2 + 1) +
               "), which the cost model does not represent; give " + axis.pad_key + " explicitly");
    }
  }
  v.output =
      given_out ? *given_out : window_output(axis.input, axis.kernel, v.stride, v.pad, v.dilation);
  return v;
}

}  // namespace

ParsedDescriptor parse_descriptor(std::string_view text, DescriptorDriver driver) {
  const Fields f = tokenize(text);
  for (const char* key : {"id", "od", "kd", "sd", "pd", "dd"}) {
    if (get(f, key)) fail(text, "3-D descriptors (" + std::string(key) + ") are not supported");
  }
  if (driver == DescriptorDriver::infer) {
    bool conv_only = false;
    for (const char* key : {"g", "oh", "ow", "kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw"}) {
      conv_only = conv_only || get(f, key).has_value();
    }
    driver = conv_only ? DescriptorDriver::conv : DescriptorDriver::ip;
  }
  const auto ic = get(f, "ic");
  const auto oc = get(f, "oc");
  if (!ic) fail(text, "ic (input channels) is required");
  if (!oc) fail(text, "oc (output channels) is required");

  ParsedDescriptor parsed;
  const std::string full_name = f.name.value_or("");
  if (const auto colon = full_name.find(':'); colon != std::string::npos) {
    parsed.network = full_name.substr(0, colon);
    parsed.layer.name = full_name.substr(colon + 1);
  } else {
    parsed.layer.name = full_name;
  }
  Layer& layer = parsed.layer;
  Shape& s = layer.shape;
  s.N = get(f, "mb").value_or(2);  // benchdnn's default minibatch
  auto ih = get(f, "ih");
  auto iw = get(f, "iw");
  if (!ih) ih = iw;
  if (!iw) iw = ih;

  if (driver == DescriptorDriver::ip) {
    for (const char* key : {"g", "oh", "ow", "kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw"}) {
      if (get(f, key)) fail(text, "field '" + std::string(key) + "' does not belong to an fc");
    }
    // benchdnn's ip reads a C x H x W input; the fc sees it flattened.
    layer.op = Op::fc;
    layer.bias = true;
    s.C = *ic * ih.value_or(1) * iw.value_or(1);
    s.K = *oc;
  } else {
    if (!ih) fail(text, "ih (input height) is required for a convolution");
    auto kh = get(f, "kh");
    auto kw = get(f, "kw");
    if (!kh) kh = kw;
    if (!kw) kw = kh;
    if (!kh) fail(text, "kh (kernel height) is required for a convolution");
    layer.op = Op::conv;
    layer.bias = true;
    s.groups = get(f, "g").value_or(1);
    s.C = *ic;
    s.K = *oc;
    s.H = *ih;
    s.W = *iw;
    s.R = *kh;
    s.S = *kw;
    // Square defaults: a missing w-field equals its h-field and the other way round.
    Fields square = f;
    for (const auto& [h, w] : {std::pair{"oh", "ow"}, {"sh", "sw"}, {"ph", "pw"}, {"dh", "dw"}}) {
      if (get(f, h) && !get(f, w)) square.values[w] = *get(f, h);
      if (get(f, w) && !get(f, h)) square.values[h] = *get(f, w);
    }
    const AxisValues vh = resolve_axis(text, square, {"oh", "kh", "sh", "ph", "dh", s.H, s.R});
    const AxisValues vw = resolve_axis(text, square, {"ow", "kw", "sw", "pw", "dw", s.W, s.S});
    s.P = vh.output;
    s.Q = vw.output;
    s.stride_h = vh.stride;
    s.stride_w = vw.stride;
    s.pad_h = vh.pad;
    s.pad_w = vw.pad;
    s.dilation_h = vh.dilation;
    s.dilation_w = vw.dilation;
  }
  try {
    validate(layer);
  } catch (const InputError& e) {
    fail(text, e.what());
  }
  return parsed;
}

Network parse_descriptor_file(std::string_view contents, const std::string& fallback_name,
                              std::int64_t batch_override) {
  Network network;
  network.name = fallback_name;
  DescriptorDriver driver = DescriptorDriver::infer;
  bool bias = true;
  std::istringstream lines{std::string(contents)};
  std::string line;
  int line_number = 0;
  bool named = false;
  while (std::getline(lines, line)) {
    ++line_number;
    // A comment starts at a '#' outside the quotes of a name (one inside is refused as such).
    bool quoted = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '"') quoted = !quoted;
      if (line[k] == '#' && !quoted) {
        line.erase(k);
        break;
      }
    }
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    if (line == "--conv") {
      driver = DescriptorDriver::conv;
      continue;
    }
    if (line == "--ip") {
      driver = DescriptorDriver::ip;
      continue;
    }
    if (line.rfind("--dir=", 0) == 0) {
      // benchdnn's directions; FWD_D alone leaves the bias out.
      static constexpr std::string_view directions[] = {"FWD_B", "FWD_D", "FWD_I",
                                                        "BWD_D", "BWD_W", "BWD_WB"};
      const std::string_view direction = std::string_view(line).substr(6);
      if (std::find(std::begin(directions), std::end(directions), direction) ==
          std::end(directions)) {
        throw InputError("line " + std::to_string(line_number) + ": unknown direction '" + line +
                         "' (benchdnn's are FWD_B, FWD_D, FWD_I, BWD_D, BWD_W and BWD_WB)");
      }
      bias = direction != "FWD_D";
      continue;
    }
    if (line.rfind("--", 0) == 0) {
      throw InputError("line " + std::to_string(line_number) + ": unsupported option '" + line +
                       "' (only --conv and --ip switch drivers)");
    }
    ParsedDescriptor parsed;
    try {
      parsed = parse_descriptor(line, driver);
    } catch (const InputError& e) {
      throw InputError("line " + std::to_string(line_number) + ": " + e.what());
    }
    parsed.layer.bias = bias;
    if (batch_override > 0) parsed.layer.shape.N = batch_override;
    if (parsed.layer.name.empty()) parsed.layer.name = "layer" + std::to_string(line_number);
    if (!parsed.network.empty() && !named) {
      network.name = parsed.network;
      named = true;
    }
    if (network.layers.empty()) {
      network.batch = parsed.layer.shape.N;
    } else if (parsed.layer.shape.N != network.batch) {
      throw InputError("line " + std::to_string(line_number) + ": mb" +
                       std::to_string(parsed.layer.shape.N) + " differs from mb" +
                       std::to_string(network.batch) + " above; pass --batch to set one");
    }
    network.layers.push_back(std::move(parsed.layer));
  }
  if (network.layers.empty()) throw InputError("no descriptors found in '" + fallback_name + "'");
  return network;
}

}  // namespace roof
