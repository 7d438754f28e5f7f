#!/usr/bin/env bash
# The README's test command: dependencies, configure, build, then every test through CTest.
# CUDA code is built whenever a CUDA toolkit is found (ROOF_WITH_CUDA=AUTO); GPU tests skip
# themselves on machines without a GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${ROOF_PRESET:-default}

scripts/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset" --parallel
ctest --preset "$preset" --parallel "$(nproc)"
