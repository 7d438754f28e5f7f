#!/usr/bin/env bash
# The README's test command: dependencies, configure, build, then every test through CTest, in
# two stages:
#   1. the release build (GCC) with warnings as errors; CUDA code is built whenever a CUDA
#      toolkit is found (ROOF_WITH_CUDA=AUTO), and GPU tests skip themselves without a GPU;
#   2. the `sanitize` preset (clang, AddressSanitizer + UndefinedBehaviorSanitizer, no CUDA):
#      the unit, command-line and hostile-input tests again, and each fuzz target for a short
#      while from its seed corpus (docs/hostile-input.md).
# ROOF_SANITIZE=0 skips stage 2; ROOF_WARNINGS_AS_ERRORS=OFF lets an untested compiler's new
# warnings through stage 1.
set -euo pipefail
case ${1:-} in
  -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  ?*) echo "test.sh: takes no arguments, only the variables above (see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
preset=${ROOF_PRESET:-default}

scripts/install-deps.sh
# The tests build two CUDA architectures (Turing and Hopper) to stay fast; CUDAARCHS, the
# variable CMake itself reads, chooses others.
cmake --preset "$preset" -DCMAKE_CUDA_ARCHITECTURES="${CUDAARCHS:-75;90}" \
  -DROOF_WARNINGS_AS_ERRORS="${ROOF_WARNINGS_AS_ERRORS:-ON}"
cmake --build --preset "$preset" --parallel
ctest --preset "$preset" --parallel "$(nproc)"

if [[ ${ROOF_SANITIZE:-1} == 0 ]]; then
  echo "test.sh: ROOF_SANITIZE=0: the sanitizer and fuzz stage is skipped"
  exit 0
fi
cmake --preset sanitize
cmake --build --preset sanitize --parallel
# Every test of the CPU build again, the fuzz targets among them; leaks count as failures.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset sanitize --parallel "$(nproc)"
