#include "networks/descriptor.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>

#include "support/input_error.hpp"
#include "support/printable.hpp"

namespace roof {

namespace {

// The pad benchdnn deduces for an axis whose descriptor gives no pad: ((o - 1) s - i + extent)
// / 2, in C's truncating division (benchdnn's compute_pad).
std::int64_t deduced_pad(std::int64_t out, std::int64_t in, std::int64_t kernel,
                         std::int64_t stride, std::int64_t dilation) {
  return ((out - 1) * stride - in + (kernel - 1) * (dilation + 1) + 1) / 2;
}

}  // namespace

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
  // benchdnn copies a w axis left out from the h axis, so it is printed only where it differs,
  // and then whole (benchdnn refuses an iw without its kw).
  const bool w_axis = s.W != s.H || s.S != s.R || s.Q != s.P || s.stride_w != s.stride_h ||
                      s.pad_w != s.pad_h || s.dilation_w != s.dilation_h;
  if (s.groups != 1) out << 'g' << s.groups;
  out << "mb" << s.N << "ic" << s.C << "ih" << s.H;
  if (w_axis) out << "iw" << s.W;
  out << "oc" << s.K << "oh" << s.P;
  if (w_axis) out << "ow" << s.Q;
  out << "kh" << s.R;
  if (w_axis) out << "kw" << s.S;
  if (s.stride_h != 1) out << "sh" << s.stride_h;
  if (w_axis && s.stride_w != 1) out << "sw" << s.stride_w;
  // A pad is printed when it is not 0, and also when benchdnn would deduce another one from the
  // printed output (a strided 11x11 on a 230 input: -1), which oneDNN would refuse.
  if (s.pad_h != 0 || deduced_pad(s.P, s.H, s.R, s.stride_h, s.dilation_h) != s.pad_h) {
    out << "ph" << s.pad_h;
  }
  if (w_axis && (s.pad_w != 0 || deduced_pad(s.Q, s.W, s.S, s.stride_w, s.dilation_w) != s.pad_w)) {
    out << "pw" << s.pad_w;
  }
  if (s.dilation_h != 0) out << "dh" << s.dilation_h;
  if (w_axis && s.dilation_w != 0) out << "dw" << s.dilation_w;
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

std::string to_descriptor_file(const Network& network, std::optional<DescriptorDriver> only) {
  std::ostringstream out;
  std::string_view driver;
  bool bias = true;  // what the reader assumes, benchdnn's FWD_B
  for (const Layer& layer : network.layers) {
    if (layer.op != Op::conv && layer.op != Op::fc) continue;
    const bool conv = layer.op == Op::conv;
    if (only && (*only == DescriptorDriver::conv) != conv) continue;
    const std::string_view wanted = conv ? "--conv" : "--ip";
    if (!only && driver != wanted) out << wanted << '\n';
    driver = wanted;
    // A comment to benchdnn, so that the direction stays the command line's to choose.
    if (bias != layer.bias) {
      out << (layer.bias ? kBiasComment : kNoBiasComment) << '\n';
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

// Deduces a missing output or padding as benchdnn's str2desc does: a missing output follows
// from the pad (0 when missing too); a missing pad with a given output is ((o - 1) s - i +
// extent) / 2 in C's truncating division. What benchdnn would then run and the cost model
// cannot hold (a negative pad, padding whose two sides give another output) is refused with the
// reason.
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
    // A given output with a given pad: benchdnn pads the right side by what the output needs
    // (its right pad), which may differ from the left one; the model keeps one pad per axis.
    if (given_out &&
        window_output(axis.input, axis.kernel, v.stride, v.pad, v.dilation) != *given_out) {
      std::int64_t total = 0;
      if (!__builtin_mul_overflow(*given_out - 1, v.stride, &total) &&
          !__builtin_sub_overflow(total, axis.input, &total) &&
          !__builtin_add_overflow(total, extent, &total) &&
          !__builtin_sub_overflow(total, v.pad, &total)) {
        fail(text, std::string(axis.out_key) + std::to_string(*given_out) + " with " +
                       axis.pad_key + std::to_string(v.pad) + " needs asymmetric padding (" +
                       std::to_string(v.pad) + " left, " + std::to_string(total) +
                       " right, as benchdnn runs it), which the cost model does not represent");
      }
    }
  } else if (given_out) {
    std::int64_t need = 0;  // 2 x pad: (out - 1) stride - input + extent
    if (*given_out < 1 || __builtin_mul_overflow(*given_out - 1, v.stride, &need) ||
        __builtin_sub_overflow(need, axis.input, &need) ||
        __builtin_add_overflow(need, extent, &need)) {
      fail(text, std::string(axis.out_key) + std::to_string(*given_out) +
                     " needs a padding that does not fit in 64 bits, or is not positive");
    }
    // benchdnn's left pad is need / 2, truncating, and its right pad the rest; the model keeps
    // one pad per axis, the larger of the two for an odd total, which gives the same output
    // and the same counts.
    v.pad = need >= 0 ? need / 2 + need % 2 : need / 2;
    const std::string given = std::string(axis.out_key) + std::to_string(*given_out);
    if (v.pad < 0) {
      fail(text, given + " without " + axis.pad_key + " makes benchdnn deduce a padding of " +
                     std::to_string(v.pad) +
                     " ((o - 1) s - i + k) / 2, which oneDNN refuses; give " + axis.pad_key +
                     " explicitly (" + axis.pad_key + "0)");
    }
    // Where even the larger pad on both sides does not give the output, the layer is refused
    // rather than costed wrongly.
    if (window_output(axis.input, axis.kernel, v.stride, v.pad, v.dilation) != *given_out) {
      fail(text, given + " needs asymmetric padding (" + std::to_string(v.pad) + " and " +
                     std::to_string(need - v.pad) +
                     "), which the cost model does not represent; give " + axis.pad_key +
                     " explicitly");
    }
  }
  v.output =
      given_out ? *given_out : window_output(axis.input, axis.kernel, v.stride, v.pad, v.dilation);
  return v;
}

// An axis is in the descriptor as benchdnn decides it: any of its input, kernel, output or
// dilation given, a stride other than 1 or a pad of 1 or more.
bool axis_given(const Fields& f, const char* in, const char* k, const char* out, const char* d,
                const char* stride, const char* pad) {
  return get(f, in) || get(f, k) || get(f, out) || get(f, d) || get(f, stride).value_or(1) != 1 ||
         get(f, pad).value_or(0) >= 1;
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
    if (__builtin_mul_overflow(*ic, ih.value_or(1), &s.C) ||
        __builtin_mul_overflow(s.C, iw.value_or(1), &s.C)) {
      fail(text, "ic x ih x iw, the fc's inputs, does not fit in 64 bits");
    }
    s.K = *oc;
  } else {
    // benchdnn's rules (str2desc, sanitize_desc): each axis given is complete (input and
    // kernel); a w axis left out copies the h axis; an h axis left out makes the layer 1-D,
    // one row high; no axis at all is no convolution.
    const bool has_h = axis_given(f, "ih", "kh", "oh", "dh", "sh", "ph");
    const bool has_w = axis_given(f, "iw", "kw", "ow", "dw", "sw", "pw");
    if (!has_h && !has_w) fail(text, "a convolution needs ih and kh (or iw and kw for 1-D)");
    for (const auto& [given, in, k] : {std::tuple{has_h, "ih", "kh"}, {has_w, "iw", "kw"}}) {
      if (!given) continue;
      if (!get(f, in)) fail(text, std::string(in) + " is required (benchdnn: not specified)");
      if (!get(f, k)) fail(text, std::string(k) + " is required (benchdnn: not specified)");
    }
    layer.op = Op::conv;
    layer.bias = true;
    s.groups = get(f, "g").value_or(1);
    s.C = *ic;
    s.K = *oc;
    Fields axes = f;
    const std::pair<const char*, const char*> pairs[] = {{"ih", "iw"}, {"kh", "kw"}, {"oh", "ow"},
                                                         {"sh", "sw"}, {"ph", "pw"}, {"dh", "dw"}};
    for (const auto& [h, w] : pairs) {
      if (!has_w) {
        axes.values.erase(w);
        if (get(f, h)) axes.values[w] = *get(f, h);
      }
      // 1-D: one row, a one-tap kernel, no padding or dilation.
      if (!has_h)
        axes.values[h] = std::string_view(h) == "ph" || std::string_view(h) == "dh" ? 0 : 1;
    }
    s.H = *get(axes, "ih");
    s.W = *get(axes, "iw");
    s.R = *get(axes, "kh");
    s.S = *get(axes, "kw");
    const AxisValues vh = resolve_axis(text, axes, {"oh", "kh", "sh", "ph", "dh", s.H, s.R});
    const AxisValues vw = resolve_axis(text, axes, {"ow", "kw", "sw", "pw", "dw", s.W, s.S});
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
  std::map<std::string, int> uses;  // a name's count so far, for the repeats' suffixes
  while (std::getline(lines, line)) {
    ++line_number;
    // The bias comments of this tool's own files (to_descriptor_file), spaces around them aside.
    if (const auto first = line.find_first_not_of(" \t\r"); first != std::string::npos) {
      const std::string_view text =
          std::string_view(line).substr(first, line.find_last_not_of(" \t\r") - first + 1);
      if (text == kNoBiasComment || text == kBiasComment) {
        bias = text == kBiasComment;
        continue;
      }
    }
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
    if (const int seen = ++uses[parsed.layer.name]; seen > 1) {
      int n = seen;
      std::string unique;
      while (uses.contains(unique = parsed.layer.name + "~" + std::to_string(n))) ++n;
      uses[unique] = 1;
      parsed.layer.name = unique;
    }
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
