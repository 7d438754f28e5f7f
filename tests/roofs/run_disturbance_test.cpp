// When a bench_roofs row says the machine was disturbed, and the words that say so: one rule for
// bench_roofs (at the end of its run) and for everything that loads its file.
#include "roofline/run_disturbance.hpp"

#include <gtest/gtest.h>

namespace roof {
namespace {

CeilingRow row(std::string name, std::string aggregate, std::map<std::string, double> counters) {
  return {std::move(name), std::move(aggregate), std::move(counters)};
}

TEST(RunDisturbance, AnUndisturbedRowSaysNothing) {
  EXPECT_TRUE(row_disturbances(row("roof/fma_fp32/manual_time", "",
                                   {{"other_load", 0.02}, {"fraction_of_theoretical", 0.97}}))
                  .empty());
  EXPECT_TRUE(
      row_disturbances(row("roof/stream_triad/manual_time", "cv", {{"bytes_per_second", 0.01}}))
          .empty());
  EXPECT_TRUE(disturbance_warnings({}).empty());
  // A GPU's rows describe another device: no CPU advice for them.
  EXPECT_TRUE(row_disturbances(row("roof/gpu0/fma_fp32/manual_time", "",
                                   {{"fraction_of_theoretical", 0.3}, {"other_load", 0.5}}))
                  .empty());
}

TEST(RunDisturbance, OtherLoadAboveTenPercentOfTheCpusIsNamedWithItsRows) {
  std::vector<Disturbance> found;
  for (const auto& [name, load] :
       std::vector<std::pair<std::string, double>>{{"roof/dram/read/real_time", 0.39},
                                                   {"roof/stream_triad/manual_time", 0.32},
                                                   {"roof/cache/16384/real_time", 0.11},
                                                   {"roof/cache/32768/real_time", 0.25},
                                                   {"roof/stream_copy/real_time", 0.09}}) {
    for (Disturbance& d : row_disturbances(row(name, "", {{"other_load", load}}))) {
      found.push_back(d);
    }
  }
  ASSERT_EQ(found.size(), 4u);                // 9% of the CPUs is within the limit
  EXPECT_EQ(found[0].row, "roof/dram/read");  // the time suffix is dropped
  const auto lines = disturbance_warnings(found);
  ASSERT_EQ(lines.size(), 1u);
  // The worst three, worst first, then a count of the others.
  EXPECT_NE(lines[0].find("during 4 rows (roof/dram/read 39%, roof/stream_triad 32%, "
                          "roof/cache/32768 25% and 1 more)"),
            std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find("idle machine"), std::string::npos);
}

TEST(RunDisturbance, SpreadComesFromTheCvAggregateOfTheRate) {
  const auto found =
      row_disturbances(row("roof/dram/read/real_time", "cv", {{"bytes_per_second", 0.28}}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, DisturbanceKind::spread);
  EXPECT_DOUBLE_EQ(found[0].value, 0.28);
  const auto fma = row_disturbances(row("roof/fma_fp32/manual_time", "cv", {{"flops", 0.06}}));
  ASSERT_EQ(fma.size(), 1u);
  // A stddev or cv of other counters is no spread of the ceiling.
  EXPECT_TRUE(row_disturbances(row("roof/x", "cv", {{"other_load", 0.9}})).empty());
  EXPECT_TRUE(row_disturbances(row("roof/x", "stddev", {{"bytes_per_second", 9e9}})).empty());
  const auto lines = disturbance_warnings(found);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("1 row varies by more than 5.0% between repetitions"), std::string::npos)
      << lines[0];
}

TEST(RunDisturbance, AnFmaCeilingFarBelowItsPeakSaysWhyItMightBe) {
  const auto found =
      row_disturbances(row("roof/fma_fp32/manual_time", "", {{"fraction_of_theoretical", 0.24}}));
  ASSERT_EQ(found.size(), 1u);
  const auto lines = disturbance_warnings(found);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("roof/fma_fp32 reached 24% of its theoretical peak"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find("ROOF_FMA_UNITS=1"), std::string::npos);
}

// A run reported as aggregates only has its counters in the mean and median; a row seen in a
// repetition and in its aggregates is one row, at its worst reading (its best fraction of peak).
TEST(RunDisturbance, EachRowCountsOnceWhateverRowsOfItTheRunReported) {
  std::vector<Disturbance> found;
  for (const char* aggregate : {"", "", "mean", "median"}) {
    for (Disturbance& d : row_disturbances(
             row("roof/fma_fp32/manual_time", aggregate,
                 {{"other_load", 0.2}, {"flops", 1e11}, {"fraction_of_theoretical", 0.5}}))) {
      found.push_back(d);
    }
  }
  for (Disturbance& d :
       row_disturbances(row("roof/fma_fp32/manual_time", "",
                            {{"other_load", 0.3}, {"fraction_of_theoretical", 0.7}}))) {
    found.push_back(d);
  }
  const auto lines = disturbance_warnings(found);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("during 1 row (roof/fma_fp32 30%)"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("reached 70%"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace roof
