// How recorded kernels are named and summarised for a benchmark's label: plain C++, no GPU.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/cupti/kernel_records.hpp"

namespace roof::cupti {
namespace {

TEST(KernelRecords, CppSymbolsAreDemangledAndOtherNamesKept) {
  EXPECT_EQ(demangle("_Z15fma_fp32_chainsPfiff"), "fma_fp32_chains(float*, int, float, float)");
  // cuBLAS and cuDNN kernels are often plain C names.
  EXPECT_EQ(demangle("sm90_xmma_gemm_f16f16_f32_tn_n"), "sm90_xmma_gemm_f16f16_f32_tn_n");
  EXPECT_EQ(demangle(nullptr), "(unnamed kernel)");
}

TEST(KernelRecords, RepeatedLaunchesAreOneEntryWithACount) {
  const KernelRecord gemm{"gemm", {16, 8, 1}, {128, 1, 1}, 1500000};
  const KernelRecord bias{"add_bias", {4, 1, 1}, {256, 1, 1}, 2500};
  const std::string text = describe_kernels({gemm, gemm, bias});
  EXPECT_EQ(text,
            "gemm <<<(16,8,1),(128,1,1)>>> 3 ms in 2 launches; "
            "add_bias <<<(4,1,1),(256,1,1)>>> 2.5 us");
  EXPECT_EQ(describe_kernels({}), "no kernels recorded");
}

}  // namespace
}  // namespace roof::cupti
