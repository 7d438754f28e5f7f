// The command line a run records is the one a shell reads back word for word.
#include "bench/common/run_context.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace roof::bench {
namespace {

std::string words(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return shell_words(static_cast<int>(argv.size()), argv.data());
}

TEST(RunContext, CommandLineIsQuotedAsAShellReadsIt) {
  EXPECT_EQ(words({"bench_layers", "--network", "vgg16", "--benchmark_filter=conv1x1"}),
            "bench_layers --network vgg16 --benchmark_filter=conv1x1");
  // A regular expression with '|', '*' or a space is one word again only in quotes.
  EXPECT_EQ(words({"bench_roofs", "--benchmark_filter=roof/(fma|stream).*", "a b"}),
            "bench_roofs '--benchmark_filter=roof/(fma|stream).*' 'a b'");
  EXPECT_EQ(words({"x", "it's", ""}), "x 'it'\\''s' ''");
}

TEST(RunContext, GitRevisionIsTheBuiltTreesWithItsDirtyMark) {
  const std::string revision = probe_run_context().git_revision;
  // 12 hex digits, "-dirty" after them for uncommitted changes, or "unknown" outside git.
  EXPECT_TRUE(revision == "unknown" ||
              (revision.size() >= 12 && revision.find_first_not_of("0123456789abcdef") >= 12 &&
               (revision.size() == 12 || revision.substr(12) == "-dirty")))
      << revision;
}

}  // namespace
}  // namespace roof::bench
