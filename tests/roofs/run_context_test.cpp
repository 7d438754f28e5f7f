// The command line a run records is the one a shell reads back word for word.
#include "bench/common/run_context.hpp"
#include "bench/common/percent_display.hpp"

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

#include "bench/common/progress_reporter.hpp"

namespace roof::bench {
namespace {

TEST(Progress, CountsTheCasesAFilterSelects) {
  const std::vector<std::string> names = {"conv/a:c1/fwd/mb:1/impl:direct/real_time",
                                          "conv1x1/a:c2/fwd/mb:1/impl:direct/real_time",
                                          "fc/a:f1/fwd/mb:1/impl:onednn/real_time"};
  EXPECT_EQ(cases_selected(names, ""), 3);
  EXPECT_EQ(cases_selected(names, "conv1x1"), 1);
  EXPECT_EQ(cases_selected(names, "^conv"), 2);
  EXPECT_EQ(cases_selected(names, "-impl:direct"), 1);  // Google Benchmark's negation
  EXPECT_EQ(cases_selected(names, "(fc|conv1x1)/"), 2);
}

TEST(Progress, DurationsReadAsAPersonWritesThem) {
  EXPECT_EQ(duration_text(45.4), "45 s");
  EXPECT_EQ(duration_text(190), "3 min 10 s");
  EXPECT_EQ(duration_text(4800), "1 h 20 min");
}

// Fractions print as percentages on the console, under a name that says so; other counters and
// the flags of a fraction are left as they are (the JSON's reporter never sees the renamed runs).
TEST(PercentDisplay, FractionCountersBecomePercentagesOnTheConsole) {
  EXPECT_EQ(console_counter_name("fraction_of_roof"), "%_of_roof");
  EXPECT_EQ(console_counter_name("fraction_of_theoretical"), "%_of_theoretical");
  EXPECT_EQ(console_counter_name("flops"), "flops");
  EXPECT_EQ(console_counter_name("other_load"), "%_other_load");
  EXPECT_EQ(console_counter_name("steal"), "%_steal");
  EXPECT_EQ(console_counter_name("other_load_x"), "other_load_x");
  benchmark::BenchmarkReporter::Run run;
  run.counters["fraction_of_roof"] = benchmark::Counter(0.628);
  run.counters["flops"] = benchmark::Counter(2e9, benchmark::Counter::kIsRate);
  run.counters["other_load"] = benchmark::Counter(0.00938);
  const auto shown = with_percentages({run});
  ASSERT_EQ(shown.size(), 1u);
  ASSERT_EQ(shown[0].counters.size(), 3u);
  EXPECT_NEAR(shown[0].counters.at("%_other_load").value, 0.938, 1e-9);
  EXPECT_NEAR(shown[0].counters.at("%_of_roof").value, 62.8, 1e-9);
  EXPECT_EQ(shown[0].counters.at("flops").value, 2e9);
  EXPECT_EQ(shown[0].counters.at("flops").flags, benchmark::Counter::kIsRate);
  EXPECT_FALSE(shown[0].counters.contains("fraction_of_roof"));
}

}  // namespace
}  // namespace roof::bench
