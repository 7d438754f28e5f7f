#!/usr/bin/env bash
# Installs what the suite builds against, from Debian 12's packages. Skips apt-get entirely
# when everything is already there, so repeated runs are fast and need no network.
set -euo pipefail

case "${1:-}" in
  -h|--help)
    echo "usage: scripts/install-deps.sh"
    echo "Installs the Debian 12 packages the suite builds against (apt-get, as root or with"
    echo "sudo), or says in one line that all are present. No options."
    exit 0 ;;
  "") ;;
  *) echo "install-deps: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

packages=(
  cmake ninja-build g++ pkg-config
  clang libomp-dev python3   # the sanitizer and fuzz stage of scripts/test.sh; hostile inputs
  libbenchmark-dev libgtest-dev nlohmann-json3-dev libcli11-dev
  libdnnl-dev ocl-icd-opencl-dev   # oneDNN; its CMake config needs the OpenCL loader
  libopenblas-dev
  libopenmpi-dev openmpi-bin   # MPI: bench_comm across processes and nodes (optional)
  chromium   # headless, for the report's screenshot tests (tests/reports/screenshot_check.py)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"
