#!/usr/bin/env bash
# The README's test command: dependencies, configure, build, then every test through CTest.
# CUDA code is built whenever a CUDA toolkit is found (ROOF_WITH_CUDA=AUTO); GPU tests skip
# themselves on machines without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${ROOF_PRESET:-default}

scripts/install-deps.sh
# The tests build two CUDA architectures (Turing and Hopper) to stay fast; CUDAARCHS, the
# variable CMake itself reads, chooses others.
cmake --preset "$preset" -DCMAKE_CUDA_ARCHITECTURES="${CUDAARCHS:-75;90}"
cmake --build --preset "$preset" --parallel
ctest --preset "$preset" --parallel "$(nproc)"
