#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// A strict reader of the XML the report writes (SVG, and its HTML, which is written as
// well-formed XML): elements, attributes in double or single quotes, text, the five named
// entities and numeric ones, comments, a leading <?xml ...?> and <!DOCTYPE html>. Anything
// else, or a tag closed out of order, throws: that is the well-formedness check.
namespace roof::test {

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<XmlNode>> children;
  std::string text;  // the text directly inside, entities decoded
  const XmlNode* parent = nullptr;

  bool has_class(std::string_view cls) const;
  std::string attribute(const std::string& key) const;  // "" when absent
  // Every descendant (not this node) for which `match` is true, in document order.
  template <typename Match>
  void collect(Match match, std::vector<const XmlNode*>& out) const {
    for (const auto& child : children) {
      if (match(*child)) out.push_back(child.get());
      child->collect(match, out);
    }
  }
  std::vector<const XmlNode*> by_name(std::string_view name) const;
  std::vector<const XmlNode*> by_class(std::string_view cls) const;
  const XmlNode* child(std::string_view name) const;  // the first child of that name
};

// Throws std::runtime_error with the offset of the first problem.
std::unique_ptr<XmlNode> parse_xml(std::string_view text);

}  // namespace roof::test
