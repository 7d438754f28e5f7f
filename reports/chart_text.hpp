#pragma once

// The words around every chart, written alike: the title and wrapped subtitle at the top left,
// legend headings and entries, and the notes under the plot.

#include <cstddef>
#include <string>
#include <vector>

#include "reports/svg.hpp"

namespace roof::chart {

// The distance between two lines of chart text, in pixels.
inline constexpr double kLineHeight = 15;
// Of 11 px text across a 1000 px chart.
inline constexpr std::size_t kChartColumns = 150;

// `text` broken at spaces into lines of at most `columns` characters.
std::vector<std::string> lines_of(const std::string& text, std::size_t columns = kChartColumns);

// The title (15 px, bold) at y = 24 and the subtitle's lines under it from y = 44.
void write_heading(svg::Document& doc, const std::string& title,
                   const std::vector<std::string>& subtitle_lines);
// A bold legend heading ("lines: modelled") and one legend entry's words right of its mark.
void write_legend_heading(svg::Document& doc, double x, double y, const std::string& text);
void write_legend_text(svg::Document& doc, double x, double y, const std::string& text);
// The notes' lines under the plot from y down, in one group.
void write_notes(svg::Document& doc, const std::vector<std::string>& lines, double y);

}  // namespace roof::chart
