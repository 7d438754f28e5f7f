#!/usr/bin/env bash
# Fetches, on a machine with network, the Debian packages the GPU check builds against that a
# GPU machine without network may lack, so scripts/gpu-check.sh can unpack them there instead
# of calling apt-get (docs/gpu.md, "A machine without network").
#
#   scripts/gpu-deps.sh [--out DIR]
#
# DIR (default .gpu-deps, ignored by git) gets the .deb files of Google Benchmark, GoogleTest,
# nlohmann/json, CLI11 and Ninja (about 1 MB together); CMake 3.25+, CUDA, cuDNN, cuBLAS and
# CUPTI come from the GPU machine's own image. Copy DIR to the GPU machine beside the checkout.
set -euo pipefail
caller=$PWD  # --out is the caller's folder; the default is the repository's
cd "$(dirname "$0")/.."

out=.gpu-deps
while (($#)); do
  case "$1" in
    --out)
      [[ -n ${2:-} && $2 != --* ]] || { echo "gpu-deps.sh: --out needs a folder" >&2; exit 2; }
      [[ $2 == /* ]] && out=$2 || out=$caller/$2
      shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-deps.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# What RoofDependencies.cmake requires (find_package ... REQUIRED) and a CUDA image may lack:
# header-only libraries, GoogleTest's static libraries, Google Benchmark's shared one, and Ninja,
# the preset's generator (one binary). CMake itself (3.25 or newer) must be there. oneDNN and
# OpenBLAS are optional (AUTO) and the GPU check does not need them.
packages=(libbenchmark-dev libbenchmark1debian libgtest-dev nlohmann-json3-dev libcli11-dev
          ninja-build)

command -v apt-get >/dev/null || { echo "gpu-deps.sh: needs apt-get (Debian 12)" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.deb
# apt-get download writes into the current folder.
(cd "$out" && apt-get download "${packages[@]}" 2>&1 | grep -v "unsandboxed as root" || true)
count=$(find "$out" -maxdepth 1 -name '*.deb' | wc -l)
if ((count != ${#packages[@]})); then
  echo "gpu-deps.sh: got $count of ${#packages[@]} packages in $out" >&2
  exit 1
fi
echo "gpu-deps.sh: ${#packages[@]} packages in $out ($(du -sh "$out" | cut -f1)):" \
  "scripts/gpu-check.sh unpacks them with --deps-from $out"
