#include "networks/benchmark_name.hpp"

#include <charconv>
#include <vector>

#include "support/input_error.hpp"

namespace roof {

std::string benchmark_name(std::string_view network, const Layer& layer, Pass pass,
                           std::string_view impl, std::string_view cache) {
  const std::string_view kind = compute_kind(layer);
  return std::string(kind.empty() ? to_string(layer.op) : kind) + "/" + std::string(network) + ":" +
         layer.name + "/" + std::string(to_string(pass)) + "/mb:" + std::to_string(layer.shape.N) +
         "/impl:" + std::string(impl) +
         (cache.empty() ? std::string() : "/cache:" + std::string(cache));
}

std::string update_benchmark_name(std::string_view network, std::int64_t batch,
                                  std::string_view impl) {
  return "sgd_update/" + std::string(network) + ":parameters/update/mb:" + std::to_string(batch) +
         "/impl:" + std::string(impl);
}

ParsedBenchmarkName parse_benchmark_name(const std::string& name) {
  // Aggregates ("..._mean") and Google Benchmark's own suffixes ("/real_time") are cut first.
  std::string text = name;
  for (const char* suffix : {"/real_time", "/manual_time"}) {
    if (const auto at = text.find(suffix); at != std::string::npos) text.erase(at);
  }
  std::vector<std::string> parts;
  std::string parsed_cache;
  std::size_t start = 0;
  while (true) {
    const auto slash = text.find('/', start);
    parts.push_back(text.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  const auto bad = [&](const std::string& why) {
    return InputError(
        "benchmark name '" + name + "' " + why +
        " (expected <op>/<network>:<layer>/<pass>/mb:<batch>/impl:<impl>[/cache:<state>])");
  };
  if (parts.size() == 6 && parts[5].rfind("cache:", 0) == 0) {
    parsed_cache = parts[5].substr(6);
    parts.pop_back();
  }
  if (parts.size() != 5) throw bad("has " + std::to_string(parts.size()) + " parts, not 5");
  ParsedBenchmarkName parsed;
  parsed.cache = parsed_cache;
  parsed.op = parts[0];
  bool known_op = parsed.op == "conv1x1" || parsed.op == "sgd_update";
  for (Op op : kAllOps) known_op = known_op || parsed.op == to_string(op);
  if (!known_op) throw bad("has no op");
  const auto colon = parts[1].find(':');
  if (colon == std::string::npos) throw bad("has no network:layer");
  parsed.network = parts[1].substr(0, colon);
  parsed.layer = parts[1].substr(colon + 1);
  parsed.update = parsed.op == "sgd_update";
  if (parsed.update != (parts[2] == "update")) {
    throw bad("pairs op '" + parsed.op + "' with pass '" + parts[2] + "'");
  }
  bool known_pass = parsed.update;
  for (Pass p : kAllPasses) {
    if (parts[2] == to_string(p)) {
      parsed.pass = p;
      known_pass = true;
    }
  }
  if (!known_pass) throw bad("has an unknown pass '" + parts[2] + "'");
  if (parts[3].rfind("mb:", 0) != 0) throw bad("has no mb:");
  const std::string mb = parts[3].substr(3);
  const auto [end, ec] = std::from_chars(mb.data(), mb.data() + mb.size(), parsed.batch);
  if (ec != std::errc() || end != mb.data() + mb.size() || parsed.batch <= 0) {
    throw bad("has a bad batch");
  }
  if (parts[4].rfind("impl:", 0) != 0) throw bad("has no impl:");
  parsed.impl = parts[4].substr(5);
  return parsed;
}

}  // namespace roof
