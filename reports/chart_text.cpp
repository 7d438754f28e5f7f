#include "reports/chart_text.hpp"

#include <sstream>

#include "reports/chart_style.hpp"
#include "support/text_format.hpp"

namespace roof::chart {

using svg::attr;

std::vector<std::string> lines_of(const std::string& text, std::size_t columns) {
  std::vector<std::string> lines;
  std::istringstream in(wrap(text, columns, ""));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_heading(svg::Document& doc, const std::string& title,
                   const std::vector<std::string>& subtitle_lines) {
  doc.text(attr("x", 16.0) + attr("y", 24.0) + " font-size=\"15\" font-weight=\"bold\"" +
               attr("fill", kInkColour),
           title);
  double y = 44;
  for (const std::string& line : subtitle_lines) {
    doc.text(attr("x", 16.0) + attr("y", y) + " font-size=\"11.5\" fill=\"#444444\"", line);
    y += kLineHeight;
  }
}

void write_legend_heading(svg::Document& doc, double x, double y, const std::string& text) {
  doc.text(attr("x", x) + attr("y", y) + " font-weight=\"bold\" fill=\"#222222\"", text);
}

void write_legend_text(svg::Document& doc, double x, double y, const std::string& text) {
  doc.text(attr("x", x) + attr("y", y + 4) + attr("font-size", 11.5) + attr("fill", kInkColour),
           text);
}

void write_notes(svg::Document& doc, const std::vector<std::string>& lines, double y) {
  doc.open_group(" class=\"notes\" font-size=\"11\" fill=\"#333333\"");
  for (const std::string& line : lines) {
    doc.text(attr("x", 16.0) + attr("y", y), line);
    y += kLineHeight;
  }
  doc.close_group();
}

}  // namespace roof::chart
