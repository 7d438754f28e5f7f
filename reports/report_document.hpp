#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

// The content of `roofline report`, independent of its format: index.html and report.md are
// two renderings of one ReportDocument, so they cannot say different things.
namespace roof::report {

// Plain text; the renderers escape it. A span between backticks is code.
struct Paragraph {
  std::string text;
};

struct Preformatted {
  std::string text;
};

struct BulletList {
  std::vector<std::string> items;  // plain text, as Paragraph
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // by column: right-aligned; missing columns are text
};

// A chart: written beside the pages as `file` and drawn inline in the HTML.
struct Figure {
  std::string id;    // the anchor of the figure in index.html
  std::string file;  // e.g. "roofline-P100-PCIe-16GB.svg"
  std::string svg;
  std::string caption;
  std::string data_csv;  // what the chart draws (reports/chart_data.hpp); written as data_file()
  // The CSV's name: the SVG's with .csv for .svg ("roofline-k80.csv").
  std::string data_file() const;
};

using Block = std::variant<Paragraph, Preformatted, BulletList, Table, Figure>;

struct Section {
  std::string id;  // anchor: lower case letters, digits and '-'
  std::string title;
  int level = 2;  // 2 for a section, 3 for a subsection
  std::vector<Block> blocks;
};

struct ReportDocument {
  std::string title;
  std::vector<Block> preamble;  // before the contents
  std::vector<Section> sections;
};

// An anchor or file name made from free text: letters and digits kept (lower-cased for
// anchors), everything else a single '-'.
std::string slug(const std::string& text);

// index.html: one page, inline SVG and CSS, no scripts, nothing fetched; well-formed XML, so
// any XML parser can check it.
std::string render_html(const ReportDocument& doc);
// report.md: the same content for a repository; figures are images of the SVG files beside it.
std::string render_markdown(const ReportDocument& doc);

// Every file of the report by name: index.html, report.md and one SVG per figure.
std::map<std::string, std::string> report_files(const ReportDocument& doc);

}  // namespace roof::report
