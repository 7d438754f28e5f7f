#pragma once

#include <stdexcept>
#include <string>

#include "support/printable.hpp"

namespace roof {

// Thrown for anything a user typed or supplied that the suite cannot accept: an unknown name, a
// malformed descriptor, an impossible shape. The command-line program prints what() as one line
// and exits non-zero; a logic error inside the suite is never reported with this type. The
// message is made printable here (support/printable.hpp), so that whatever bytes a user's input
// put in it, a NUL among them, it stays one whole line however it is shown.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(printable(what)) {}
};

}  // namespace roof
