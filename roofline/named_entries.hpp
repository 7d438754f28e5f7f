#pragma once

// What the device and the interconnect catalogues share: entries found by name, then by alias,
// case insensitively; a user's entry replacing a built-in one of the same name; an alias that may
// not name two entries; an unknown name answered with the known ones.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "support/input_error.hpp"
#include "support/json_fields.hpp"
#include "support/text_format.hpp"

namespace roof {

// Entry has name, aliases and origin.
template <typename Entry>
bool answers_to(const Entry& entry, std::string_view name) {
  const std::string wanted = lower(name);
  if (lower(entry.name) == wanted) return true;
  return std::any_of(entry.aliases.begin(), entry.aliases.end(),
                     [&](const std::string& alias) { return lower(alias) == wanted; });
}

// `kind` names the entries in errors: "device", "interconnect".
template <typename Entry>
void add_named(std::vector<Entry>& entries, Entry entry, const std::string& kind) {
  std::erase_if(entries, [&](const Entry& e) { return lower(e.name) == lower(entry.name); });
  for (const Entry& other : entries) {
    for (const std::string& alias : entry.aliases) {
      if (answers_to(other, alias)) {
        throw InputError(kind + " '" + entry.name + "' (" + entry.origin + "): alias '" + alias +
                         "' already names " + kind + " '" + other.name + "'");
      }
    }
  }
  entries.push_back(std::move(entry));
}

// `listing` is the subcommand that lists them: "roofline devices".
// A name is looked up among the entries' names first, then among their aliases: a user's entry
// named "P100" is the one --device P100 selects, not the built-in whose alias "P100" is.
template <typename Entry>
const Entry& find_named(const std::vector<Entry>& entries, std::string_view name,
                        const std::string& kind, const std::string& listing) {
  const std::string wanted = lower(name);
  for (const Entry& entry : entries) {
    if (lower(entry.name) == wanted) return entry;
  }
  for (const Entry& entry : entries) {
    if (answers_to(entry, name)) return entry;
  }
  std::string known;
  for (const Entry& entry : entries) known += (known.empty() ? "" : ", ") + entry.name;
  throw InputError("unknown " + kind + " '" + std::string(name) + "' (known: " + known + "; see " +
                   listing + ")");
}

}  // namespace roof
