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
)
# Wanted, not needed: without them the tests that use them are skipped, and CMake says so.
optional=(
  chromium   # headless, for the report's screenshot tests (tests/reports/screenshot_check.py)
)

missing_of() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_optional < <(missing_of "${optional[@]}")
if ((${#missing[@]} == 0 && ${#missing_optional[@]} == 0)); then
  echo "install-deps: all $((${#packages[@]} + ${#optional[@]})) packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
install() {
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@"
}
"${sudo[@]}" apt-get update -qq
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  install "${missing[@]}"
fi
if ((${#missing_optional[@]})); then
  echo "install-deps: installing ${missing_optional[*]} (optional)"
  install "${missing_optional[@]}" || echo "install-deps: warning: could not install" \
    "${missing_optional[*]}; the tests that need it are skipped" >&2
fi
