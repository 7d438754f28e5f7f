// bench_comm's cases as host logic: names, sizes, nccl-tests' factors and the values a run
// fills and checks. None of it needs a GPU.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <stdexcept>

#include "bench/comm/comm_cases.hpp"

namespace roof::bench::comm {
namespace {

TEST(CommCases, TheLargestMessageIsVgg19sGradientsRoundedUp) {
  const GradientSet gradients = largest_gradient_set();
  EXPECT_EQ(gradients.network, "vgg19");
  // 143,667,240 parameters (torchvision's vgg19), 4 bytes each.
  EXPECT_EQ(gradients.bytes, std::int64_t{143667240} * 4);
  EXPECT_EQ(round_up_to_power_of_two(static_cast<std::size_t>(gradients.bytes)),
            std::size_t{1} << 30);
}

TEST(CommCases, SizesDoubleFrom8KiBTo1GiB) {
  const std::vector<std::size_t> sizes = message_sizes(std::size_t{1} << 30);
  ASSERT_EQ(sizes.size(), 18u);
  EXPECT_EQ(sizes.front(), 8192u);
  EXPECT_EQ(sizes.back(), std::size_t{1} << 30);
  for (std::size_t i = 1; i < sizes.size(); ++i) EXPECT_EQ(sizes[i], 2 * sizes[i - 1]);
  EXPECT_EQ(round_up_to_power_of_two(8192), 8192u);
  EXPECT_EQ(round_up_to_power_of_two(8193), 16384u);
}

TEST(CommCases, NamesFollowTheDocumentedPattern) {
  EXPECT_EQ(case_name(Collective::all_reduce, 8192, 8), "comm/all_reduce/bytes:8192/ranks:8");
  EXPECT_EQ(case_name(Collective::broadcast, 1 << 20, 2), "comm/broadcast/bytes:1048576/ranks:2");
  EXPECT_EQ(case_name(Collective::all_gather, 16384, 4), "comm/all_gather/bytes:16384/ranks:4");
  EXPECT_EQ(case_name(Collective::reduce_scatter, 8192, 2),
            "comm/reduce_scatter/bytes:8192/ranks:2");
  // --benchmark_filter=all_reduce selects the all-reduces alone.
  const std::regex filter("all_reduce");
  for (Collective c : all_collectives) {
    EXPECT_EQ(std::regex_search(case_name(c, 8192, 2), filter), c == Collective::all_reduce);
  }
}

TEST(CommCases, BusFactorsAreNcclTests) {
  EXPECT_DOUBLE_EQ(bus_factor(Collective::all_reduce, 8), 2.0 * 7 / 8);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::all_gather, 8), 7.0 / 8);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::broadcast, 8), 1.0);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::all_reduce, 2), 1.0);
  EXPECT_DOUBLE_EQ(bus_factor(Collective::reduce_scatter, 4), 3.0 / 4);
}

TEST(CommCases, CountsAreNcclTestsSizes) {
  const Counts reduce = counts(Collective::all_reduce, 8192, 4);
  EXPECT_EQ(reduce.send, 2048u);
  EXPECT_EQ(reduce.receive, 2048u);
  EXPECT_EQ(reduce.bytes, 8192u);
  const Counts gather = counts(Collective::all_gather, 8192, 4);
  EXPECT_EQ(gather.send, 512u);
  EXPECT_EQ(gather.receive, 2048u);
  EXPECT_EQ(gather.bytes, 8192u);
  // Three ranks do not divide 2048 floats: each sends 682, and 8184 bytes are gathered.
  const Counts uneven = counts(Collective::all_gather, 8192, 3);
  EXPECT_EQ(uneven.send, 682u);
  EXPECT_EQ(uneven.receive, 2046u);
  EXPECT_EQ(uneven.bytes, 8184u);
  // Reduce-scatter: nccl-tests' size is the whole input, each rank keeps a quarter of it.
  const Counts scatter = counts(Collective::reduce_scatter, 8192, 4);
  EXPECT_EQ(scatter.send, 2048u);
  EXPECT_EQ(scatter.receive, 512u);
  EXPECT_EQ(scatter.bytes, 8192u);
}

TEST(CommCases, ExpectedValuesAreExactSumsGathersAndBroadcasts) {
  for (int ranks : {2, 3, 8, 61, 62, 200, 15000}) {
    for (std::size_t i : {0u, 1u, 16u, 17u, 1000u}) {
      double sum = 0;
      for (int r = 0; r < ranks; ++r) sum += fill_value(r, i);
      EXPECT_LT(sum, 16777216.0);  // 2^24: every partial sum is exact in float
      EXPECT_EQ(expected_value(Collective::all_reduce, ranks, 100, 0, i), static_cast<float>(sum))
          << ranks << " ranks, element " << i;
    }
  }
  EXPECT_EQ(expected_value(Collective::broadcast, 4, 100, 3, 5), fill_value(0, 5));
  // Element 250 of a gather of 100 floats per rank is rank 2's element 50.
  EXPECT_EQ(expected_value(Collective::all_gather, 4, 100, 1, 250), fill_value(2, 50));
  // A reduce-scatter of 100 floats per rank over 4 ranks: rank 2 gets elements 50..74 of the
  // sum, so its element 3 is the sum of every rank's element 53.
  double sum53 = 0;
  for (int r = 0; r < 4; ++r) sum53 += fill_value(r, 53);
  EXPECT_EQ(expected_value(Collective::reduce_scatter, 4, 100, 2, 3), static_cast<float>(sum53));
  // Neighbouring ranks differ at every element, so a gather in the wrong order shows.
  for (std::size_t i = 0; i < 40; ++i) EXPECT_NE(fill_value(1, i), fill_value(2, i));
  EXPECT_NE(fill_value(0, 3), fill_value(0, 4));
}

TEST(CommCases, TheClosedFormSumMatchesTheBruteForceOneAcrossBlocks) {
  // Partial and complete blocks of 61 ranks, and past 61^2, where the third digit starts.
  for (int ranks : {1, 60, 122, 123, 3720, 3721, 3782, 4000}) {
    for (std::size_t i : {0u, 1u, 2u, 59u, 60u, 61u, 62u, 200u, 3000u}) {
      double sum = 0;
      for (int r = 0; r < ranks; ++r) sum += fill_value(r, i);
      EXPECT_EQ(expected_value(Collective::all_reduce, ranks, 100, 0, i), static_cast<float>(sum))
          << ranks << " ranks, element " << i;
    }
  }
}

TEST(CommCases, RanksBeyond61StillDifferSoAGatherInTheWrongOrderShows) {
  // Two ranks below 61^3 agree at no more than 2 of any 61 consecutive elements; the old scheme
  // (rank mod 61) made ranks r and r + 61 identical everywhere.
  const auto agreements = [](int a, int b) {
    int same = 0;
    for (std::size_t i = 0; i < 61; ++i) same += fill_value(a, i) == fill_value(b, i) ? 1 : 0;
    return same;
  };
  for (int r : {0, 1, 5, 60, 61, 100, 3720, 3721, 10000}) {
    for (int offset : {1, 61, 122, 3721, 7442, 61 * 61 * 2 + 5}) {
      EXPECT_LE(agreements(r, r + offset), 2) << r << " and " << r + offset;
    }
  }
  // Broadcast from the wrong root: any root up to 15,000 differs from rank 0 almost everywhere.
  for (int root = 1; root < 15000; root += 7) EXPECT_LE(agreements(0, root), 2) << root;
  // Every value stays below 1,100, so sums over 15,000 ranks stay exact.
  for (int r : {0, 60, 3720, 14999, 226980}) {
    for (std::size_t i = 0; i < 200; ++i) EXPECT_LT(fill_value(r, i), 1100.0f);
  }
}

TEST(CommCases, SmallMessagesAreTimedTwentyPerIteration) {
  EXPECT_EQ(collectives_per_iteration(8192), 20);
  EXPECT_EQ(collectives_per_iteration(std::size_t{1} << 20), 20);
  EXPECT_EQ(collectives_per_iteration(std::size_t{2} << 20), 1);
  EXPECT_EQ(collectives_per_iteration(std::size_t{1} << 30), 1);
}

TEST(CommCases, TheTimeoutComesFromTheEnvironmentOrIsFiveMinutes) {
  EXPECT_EQ(comm_timeout_seconds(nullptr), 300.0);
  EXPECT_EQ(comm_timeout_seconds(""), 300.0);
  EXPECT_EQ(comm_timeout_seconds("60"), 60.0);
  EXPECT_EQ(comm_timeout_seconds("0.5"), 0.5);
  EXPECT_EQ(comm_timeout_seconds("0"), 0.0);  // no limit
  for (const char* wrong : {"-1", "ten", "10s", "inf", "nan"}) {
    EXPECT_THROW(comm_timeout_seconds(wrong), std::invalid_argument) << wrong;
  }
}

}  // namespace
}  // namespace roof::bench::comm
