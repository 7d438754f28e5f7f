#pragma once

// What the activity recorder returns: the kernels a benchmark launched, as CUPTI saw them run.
// Plain C++, so benchmark programs and tests use it whether or not the build has CUPTI.

#include <cstdint>
#include <string>
#include <vector>

namespace roof::cupti {

struct Extent3 {
  int x = 0;
  int y = 0;
  int z = 0;
};

struct KernelRecord {
  std::string name;  // demangled where the name is a C++ symbol
  Extent3 grid;
  Extent3 block;
  std::uint64_t duration_ns = 0;  // end - start, GPU timestamps
};

// "void f<8>(float*, int)" for "_Z1fILi8EEvPfi"; a name that is not a mangled C++ symbol (cuBLAS
// and cuDNN kernels often are not) comes back unchanged. abi::__cxa_demangle: microseconds.
std::string demangle(const char* name);

// One line for a benchmark's label, in launch order: "fma_fp32_chains(float*, int, float, float)
// <<<(1056,1,1),(256,1,1)>>> 2.31 ms"; a run of identical launches is one entry with its total
// time and "in N launches". Empty records give "no kernels recorded".
std::string describe_kernels(const std::vector<KernelRecord>& records);

}  // namespace roof::cupti
