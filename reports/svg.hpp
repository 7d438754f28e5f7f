#pragma once

#include <string>
#include <string_view>

// The few pieces of SVG the charts need, written by hand: no plotting runtime, and the same bytes
// for the same input on every run.
namespace roof::svg {

// Text and attribute values for XML: & < > " ' become entities, so layer names with any
// characters ("inception_3a.1x1", "resnet50:layer1.0.conv2", "a<b") stay well-formed.
std::string escape(std::string_view text);

// A coordinate or length with one decimal: finer than a screen pixel, independent of the locale,
// never in exponent form and never "-0.0".
std::string number(double value);

// ` name="value"`, the value escaped or written with number().
std::string attr(std::string_view name, std::string_view value);
std::string attr(std::string_view name, double value);

// One SVG document, built in drawing order (later elements are drawn on top). Attribute text
// is passed through as given, so callers build it with attr().
class Document {
 public:
  // `title` and `description` become the root's <title> and <desc>, which screen readers and
  // file browsers show.
  Document(double width, double height, std::string_view title, std::string_view description);

  void open_group(std::string_view attributes);
  void close_group();
  // <name attributes/>, or with a tooltip <name attributes><title>tooltip</title></name>.
  void element(std::string_view name, std::string_view attributes, std::string_view tooltip = {});
  void text(std::string_view attributes, std::string_view content);
  // <title>text</title> of the group just opened: the tooltip browsers show for it.
  void title(std::string_view text);
  // The document, closed. The builder is spent afterwards.
  std::string finish();

 private:
  std::string out_;
  int open_groups_ = 0;
};

}  // namespace roof::svg
