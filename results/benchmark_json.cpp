#include "results/benchmark_json.hpp"

#include <string>

namespace roof {

nlohmann::json parse_benchmark_json(std::string_view text) {
  static constexpr std::string_view tokens[] = {"-Infinity", "Infinity", "-NaN", "NaN"};
  std::string cleaned;
  cleaned.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      cleaned += c;
      if (c == '\\' && i + 1 < text.size()) {
        cleaned += text[++i];  // an escaped character, a quote among them
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    bool replaced = false;
    for (std::string_view token : tokens) {
      if (text.substr(i).starts_with(token)) {
        cleaned += "null";
        i += token.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) cleaned += c;
  }
  return nlohmann::json::parse(cleaned);
}

}  // namespace roof
