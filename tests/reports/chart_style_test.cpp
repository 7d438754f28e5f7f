// Chart colours: an implementation keeps its colour whichever others a run holds (a chart of
// direct and onednn draws onednn as a chart of all four does), and the CPU rungs and libraries
// a measured chart can hold are told apart.
#include "reports/chart_style.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace roof::chart {
namespace {

TEST(ImplementationColour, IsFixedPerNameAndDistinctAcrossTheSuitesImplementations) {
  const char* names[] = {
      "direct", "blocked_direct", "brgemm_direct", "packed_sgemm", "winograd_f2x3",
      "blas",   "onednn",         "cudnn",         "cublas",       "cuda"};
  std::set<std::string> colours;
  for (const char* name : names) colours.insert(std::string(implementation_colour(name)));
  EXPECT_EQ(colours.size(), std::size(names));
  EXPECT_EQ(implementation_colour("onednn"), "#e69f00");  // orange in every chart
  EXPECT_EQ(implementation_colour("onednn"), implementation_colour(std::string("onednn")));
  // An unknown name gets a colour none of the suite's implementations has.
  EXPECT_EQ(colours.count(std::string(implementation_colour("someone_elses"))), 0u);
  // Points stand apart from the roof lines (ink) and the model's grey points.
  EXPECT_EQ(colours.count(std::string(kInkColour)), 0u);
  EXPECT_EQ(colours.count(std::string(kModelColour)), 0u);
  EXPECT_EQ(colours.count("#000000"), 0u);
}

}  // namespace
}  // namespace roof::chart
