#include "tests/reports/xml_tree.hpp"

#include <cctype>
#include <sstream>

namespace roof::test {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::unique_ptr<XmlNode> document() {
    skip_space();
    if (starts("<?xml")) skip_past("?>");
    skip_space();
    if (starts("<!DOCTYPE")) skip_past(">");
    skip_misc();
    auto root = element(nullptr);
    skip_misc();
    if (pos_ != text_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    std::ostringstream message;
    message << "not well-formed XML at offset " << pos_ << ": " << why << " near '"
            << text_.substr(pos_, 40) << "'";
    throw std::runtime_error(message.str());
  }
  bool starts(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  void skip_past(std::string_view end) {
    const auto at = text_.find(end, pos_);
    if (at == std::string_view::npos) fail("unterminated construct");
    pos_ = at + end.size();
  }
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts("<!--")) {
        skip_past("-->");
      } else {
        return;
      }
    }
  }
  static bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
           c == '.';
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && name_char(text_[pos_])) ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string decode(std::string_view raw) const {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("'<' in text or an attribute");
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const auto semi = raw.find(';', i);
      if (semi == std::string_view::npos) fail("'&' without ';'");
      const std::string_view entity = raw.substr(i + 1, semi - i - 1);
      if (entity == "amp") {
        out += '&';
      } else if (entity == "lt") {
        out += '<';
      } else if (entity == "gt") {
        out += '>';
      } else if (entity == "quot") {
        out += '"';
      } else if (entity == "apos") {
        out += '\'';
      } else if (entity.size() > 1 && entity[0] == '#') {
        out += '?';  // numeric references are well-formed; their character does not matter here
      } else {
        fail("unknown entity &" + std::string(entity) + ";");
      }
      i = semi;
    }
    return out;
  }
  std::unique_ptr<XmlNode> element(const XmlNode* parent) {
    if (!starts("<")) fail("expected '<'");
    ++pos_;
    auto node = std::make_unique<XmlNode>();
    node->parent = parent;
    node->name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) {
        pos_ += 2;
        return node;
      }
      if (starts(">")) {
        ++pos_;
        break;
      }
      const std::string key = name();
      skip_space();
      if (!starts("=")) fail("attribute without '='");
      ++pos_;
      skip_space();
      const char quote = pos_ < text_.size() ? text_[pos_] : '\0';
      if (quote != '"' && quote != '\'') fail("attribute value without quotes");
      const auto end = text_.find(quote, pos_ + 1);
      if (end == std::string_view::npos) fail("unterminated attribute value");
      if (node->attributes.count(key)) fail("attribute " + key + " given twice");
      node->attributes[key] = decode(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
    }
    for (;;) {
      const auto next = text_.find('<', pos_);
      if (next == std::string_view::npos) fail("element " + node->name + " is never closed");
      node->text += decode(text_.substr(pos_, next - pos_));
      pos_ = next;
      if (starts("<!--")) {
        skip_past("-->");
      } else if (starts("</")) {
        pos_ += 2;
        const std::string closing = name();
        if (closing != node->name) fail("</" + closing + "> closes <" + node->name + ">");
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++pos_;
        return node;
      } else {
        node->children.push_back(element(node.get()));
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool XmlNode::has_class(std::string_view cls) const {
  std::istringstream words(attribute("class"));
  for (std::string word; words >> word;) {
    if (word == cls) return true;
  }
  return false;
}

std::string XmlNode::attribute(const std::string& key) const {
  const auto it = attributes.find(key);
  return it == attributes.end() ? "" : it->second;
}

std::vector<const XmlNode*> XmlNode::by_name(std::string_view wanted) const {
  std::vector<const XmlNode*> out;
  collect([&](const XmlNode& n) { return n.name == wanted; }, out);
  return out;
}

std::vector<const XmlNode*> XmlNode::by_class(std::string_view cls) const {
  std::vector<const XmlNode*> out;
  collect([&](const XmlNode& n) { return n.has_class(cls); }, out);
  return out;
}

const XmlNode* XmlNode::child(std::string_view wanted) const {
  for (const auto& c : children) {
    if (c->name == wanted) return c.get();
  }
  return nullptr;
}

std::unique_ptr<XmlNode> parse_xml(std::string_view text) {
  return Parser(text).document();
}

}  // namespace roof::test
