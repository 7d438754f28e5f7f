#pragma once

#include <string>

namespace roof::cli {

// Warnings about an input (a bench_roofs file measured on a busy machine) are printed on stderr
// once the command has succeeded, after its output: a command that then refuses its input
// prints the one line of its error, not a warning above it.
void warn_later(const std::string& line);  // the line without "roofline: warning: "

// Prints the deferred warnings, each as "roofline: warning: <line>", and forgets them.
void print_deferred_warnings();

}  // namespace roof::cli
