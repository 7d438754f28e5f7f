#include "reports/report_document.hpp"

#include <cctype>
#include <stdexcept>

#include "reports/svg.hpp"
#include "support/input_error.hpp"

namespace roof::report {
namespace {

using svg::escape;

// Text with `code` spans, for HTML.
std::string inline_html(const std::string& text) {
  std::string out;
  bool code = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t tick = text.find('`', start);
    const std::size_t end = tick == std::string::npos ? text.size() : tick;
    out += escape(std::string_view(text).substr(start, end - start));
    if (tick == std::string::npos) break;
    out += code ? "</code>" : "<code>";
    code = !code;
    start = tick + 1;
  }
  if (code) out += "</code>";
  return out;
}

// Text with `code` spans, for Markdown: outside code, the characters Markdown would read as
// emphasis, links or HTML are escaped (layer names such as conv1_1 have underscores).
std::string inline_markdown(const std::string& text, bool in_table) {
  std::string out;
  bool code = false;
  for (const char c : text) {
    if (c == '`') {
      code = !code;
      out += c;
      continue;
    }
    if (in_table && c == '|') {
      out += "\\|";
    } else if (!code && std::string_view("\\*_[]<>").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       max-width: 1020px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { margin-top: 1.6em; }
nav ul { padding-left: 1.2em; } nav li { margin: 0.1em 0; }
table { border-collapse: collapse; font-size: 0.88em; margin: 0.8em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.78em;
      line-height: 1.3; }
code { background: #f3f3f3; padding: 0 0.2em; }
figure { margin: 1.2em 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; }
@media print { body { max-width: none; } figure { break-inside: avoid; } }
)";

void html_block(std::string& out, const Block& block) {
  if (const auto* p = std::get_if<Paragraph>(&block)) {
    out += "<p>" + inline_html(p->text) + "</p>\n";
  } else if (const auto* pre = std::get_if<Preformatted>(&block)) {
    out += "<pre>" + escape(pre->text) + "</pre>\n";
  } else if (const auto* list = std::get_if<BulletList>(&block)) {
    out += "<ul>\n";
    for (const std::string& item : list->items) out += "<li>" + inline_html(item) + "</li>\n";
    out += "</ul>\n";
  } else if (const auto* table = std::get_if<Table>(&block)) {
    auto cls = [&](std::size_t column) {
      return column < table->numeric.size() && table->numeric[column] ? " class=\"num\"" : "";
    };
    out += "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < table->header.size(); ++c) {
      out += std::string("<th") + cls(c) + ">" + inline_html(table->header[c]) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table->rows) {
      out += "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out += std::string("<td") + cls(c) + ">" + inline_html(row[c]) + "</td>";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  } else if (const auto* figure = std::get_if<Figure>(&block)) {
    out += "<figure id=\"" + escape(figure->id) + "\">\n" + figure->svg + "<figcaption>" +
           inline_html(figure->caption) + " (<a href=\"" + escape(figure->file) + "\">" +
           escape(figure->file) + "</a>";
    if (!figure->data_csv.empty()) {
      out += "; data: <a href=\"" + escape(figure->data_file()) + "\">" +
             escape(figure->data_file()) + "</a>";
    }
    out += ")</figcaption>\n</figure>\n";
  }
}

void markdown_block(std::string& out, const Block& block) {
  if (const auto* p = std::get_if<Paragraph>(&block)) {
    out += inline_markdown(p->text, false) + "\n\n";
  } else if (const auto* pre = std::get_if<Preformatted>(&block)) {
    out += "```\n" + pre->text + (pre->text.ends_with('\n') ? "" : "\n") + "```\n\n";
  } else if (const auto* list = std::get_if<BulletList>(&block)) {
    for (const std::string& item : list->items) out += "- " + inline_markdown(item, false) + "\n";
    out += "\n";
  } else if (const auto* table = std::get_if<Table>(&block)) {
    out += "|";
    for (const std::string& h : table->header) out += ' ' + inline_markdown(h, true) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < table->header.size(); ++c) {
      const bool numeric = c < table->numeric.size() && table->numeric[c];
      out += numeric ? " ---: |" : " --- |";
    }
    out += "\n";
    for (const auto& row : table->rows) {
      out += "|";
      for (const std::string& cell : row) out += ' ' + inline_markdown(cell, true) + " |";
      out += "\n";
    }
    out += "\n";
  } else if (const auto* figure = std::get_if<Figure>(&block)) {
    out += "<a id=\"" + figure->id + "\"></a>\n\n![" + figure->file + "](" + figure->file +
           ")\n\n" + inline_markdown(figure->caption, false);
    if (!figure->data_csv.empty()) {
      out += " Data: [" + figure->data_file() + "](" + figure->data_file() + ").";
    }
    out += "\n\n";
  }
}

}  // namespace

std::string Figure::data_file() const {
  const std::string stem = file.ends_with(".svg") ? file.substr(0, file.size() - 4) : file;
  return stem + ".csv";
}

std::string slug(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string render_html(const ReportDocument& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += "<title>" + escape(doc.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n";
  out += "<body>\n<h1>" + escape(doc.title) + "</h1>\n";
  for (const Block& block : doc.preamble) html_block(out, block);
  out += "<nav id=\"contents\">\n<h2>Contents</h2>\n<ul>\n";
  bool nested = false;
  for (const Section& s : doc.sections) {
    if (s.level == 3 && !nested) {
      out += "<ul>\n";
      nested = true;
    } else if (s.level == 2 && nested) {
      out += "</ul>\n";
      nested = false;
    }
    out += "<li><a href=\"#" + escape(s.id) + "\">" + inline_html(s.title) + "</a></li>\n";
  }
  if (nested) out += "</ul>\n";
  out += "</ul>\n</nav>\n";
  for (const Section& s : doc.sections) {
    std::string h = "h";  // appended: GCC 12's -Wrestrict misfires on "h" + std::string
    h += std::to_string(s.level);
    out += "<" + h + " id=\"" + escape(s.id) + "\">" + inline_html(s.title) + "</" + h + ">\n";
    for (const Block& block : s.blocks) html_block(out, block);
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string render_markdown(const ReportDocument& doc) {
  std::string out = "# " + inline_markdown(doc.title, false) + "\n\n";
  for (const Block& block : doc.preamble) markdown_block(out, block);
  out += "## Contents\n\n";
  for (const Section& s : doc.sections) {
    out += std::string(s.level == 3 ? "  " : "") + "- [" + inline_markdown(s.title, false) + "](#" +
           s.id + ")\n";
  }
  out += "\n";
  for (const Section& s : doc.sections) {
    // An explicit anchor: heading anchors differ between Markdown renderers.
    out += "<a id=\"" + s.id + "\"></a>\n\n" + std::string(static_cast<std::size_t>(s.level), '#') +
           " " + inline_markdown(s.title, false) + "\n\n";
    for (const Block& block : s.blocks) markdown_block(out, block);
  }
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

std::map<std::string, std::string> report_files(const ReportDocument& doc) {
  std::map<std::string, std::string> files;
  auto add_figures = [&](const std::vector<Block>& blocks) {
    for (const Block& block : blocks) {
      if (const auto* f = std::get_if<Figure>(&block)) {
        if (!files.emplace(f->file, f->svg).second ||
            (!f->data_csv.empty() && !files.emplace(f->data_file(), f->data_csv).second)) {
          // File names are slugs of device and network names (lower case, punctuation as
          // '-'), so two names that differ only there would overwrite each other's figure.
          throw InputError("two figures of the report would both be named " + f->file +
                           ": give devices and networks whose names differ in more than case "
                           "and punctuation");
        }
      }
    }
  };
  add_figures(doc.preamble);
  for (const Section& s : doc.sections) add_figures(s.blocks);
  files["index.html"] = render_html(doc);
  files["report.md"] = render_markdown(doc);
  return files;
}

}  // namespace roof::report
