// The optimizer step: PyTorch's SGD with momentum, checked by hand and by its own check.
#include "kernels/cpu/sgd_update.hpp"

#include <gtest/gtest.h>

namespace roof::kernels {
namespace {

TEST(SgdUpdate, OneStepIsMomentumThenWeight) {
  float w[3] = {1, 2, 3}, v[3] = {0.5f, 0, -1};
  const float g[3] = {0.25f, 1, 0};
  sgd_momentum_step(w, g, v, 3, 0.5f, 0.5f);
  // v = 0.5 v + g; w -= 0.5 v: exact in binary.
  EXPECT_EQ(v[0], 0.5f);
  EXPECT_EQ(w[0], 0.75f);
  EXPECT_EQ(v[1], 1.0f);
  EXPECT_EQ(w[1], 1.5f);
  EXPECT_EQ(v[2], -0.5f);
  EXPECT_EQ(w[2], 3.25f);
}

// The check counts the steps: two runs match two reference steps, not one or three.
TEST(SgdUpdate, TheReferenceCheckSeesAMissingOrExtraStep) {
  SgdUpdate update({1, 7, 1000, 4097});
  EXPECT_EQ(update.parameters(), 1 + 7 + 1000 + 4097);
  EXPECT_TRUE(update.matches_reference(0));
  update.run();
  update.run();
  EXPECT_TRUE(update.matches_reference(2));
  EXPECT_FALSE(update.matches_reference(1));
  EXPECT_FALSE(update.matches_reference(3));
}

}  // namespace
}  // namespace roof::kernels
