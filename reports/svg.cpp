#include "reports/svg.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace roof::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value) {
  if (!std::isfinite(value)) throw std::logic_error("svg::number of a value that is not finite");
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (text == "-0.0") text = "0.0";
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

// Built by appending throughout: GCC 12's -Wrestrict misfires on " " + std::string.
std::string attr(std::string_view name, std::string_view value) {
  std::string out = " ";
  out += name;
  out += "=\"";
  out += escape(value);
  out += '"';
  return out;
}

std::string attr(std::string_view name, double value) {
  return attr(name, number(value));
}

Document::Document(double width, double height, std::string_view title,
                   std::string_view description) {
  // Sizes in user units with a viewBox, so the chart scales to its container in a page and
  // keeps its size as a file. Fonts are generic families every renderer has.
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\"" + attr("width", width) +
         attr("height", height) + attr("viewBox", "0 0 " + number(width) + " " + number(height)) +
         " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  out_ += "<title>" + escape(title) + "</title>\n";
  out_ += "<desc>" + escape(description) + "</desc>\n";
  out_ += "<rect" + attr("width", width) + attr("height", height) + " fill=\"#ffffff\"/>\n";
}

void Document::open_group(std::string_view attributes) {
  out_ += "<g";
  out_ += attributes;
  out_ += ">\n";
  ++open_groups_;
}

void Document::close_group() {
  if (open_groups_ == 0) throw std::logic_error("svg::Document: close_group without a group");
  out_ += "</g>\n";
  --open_groups_;
}

void Document::element(std::string_view name, std::string_view attributes,
                       std::string_view tooltip) {
  out_ += '<';
  out_ += name;
  out_ += attributes;
  if (tooltip.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += "><title>";
  out_ += escape(tooltip);
  out_ += "</title></";
  out_ += name;
  out_ += ">\n";
}

void Document::text(std::string_view attributes, std::string_view content) {
  out_ += "<text";
  out_ += attributes;
  out_ += '>';
  out_ += escape(content);
  out_ += "</text>\n";
}

void Document::title(std::string_view text) {
  out_ += "<title>";
  out_ += escape(text);
  out_ += "</title>\n";
}

std::string Document::finish() {
  while (open_groups_ > 0) close_group();
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace roof::svg
