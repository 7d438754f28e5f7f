# Required libraries come from the system (Debian packages; see scripts/install-deps.sh).
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.0 REQUIRED)
if(ROOF_BUILD_BENCHMARKS)
  find_package(benchmark 1.7 REQUIRED)
endif()
if(ROOF_BUILD_TESTS)
  find_package(GTest 1.11 REQUIRED)
endif()

include(RoofCuda)
include(RoofComm)
include(RoofOneDnn)
include(RoofBlas)
