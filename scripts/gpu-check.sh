#!/usr/bin/env bash
# The GPU check: one command for a fresh machine with an NVIDIA GPU (issue 16, docs/gpu.md).
#
#   scripts/gpu-check.sh [--out DIR] [--jobs N] [--deps-from DIR] [--phases LIST] [--deadline S]
#                        [--build DIR]
#
# Phases, each under its own time limit; a phase that fails or runs out of time is recorded and
# the next one runs: deps (scripts/install-deps.sh, or with --deps-from the .deb files that
# scripts/gpu-deps.sh fetched, unpacked beside the build folder: for a machine without network;
# ROOF_SKIP_DEPS=1 skips the phase), probe (nvidia-smi: the GPU and its compute capability),
# build (build/gpu-check, CUDA code for that architecture only), tests (ctest -L gpu), roofs
# (bench_roofs' GPU ceilings), layers (bench_layers: ResNet-50 and VGG-16 1x1, 3x3 and fc layers,
# all passes, cuDNN, cuBLAS and our kernels, CUPTI counters where permitted), report (the
# measured GPU roofline beside the modelled one), then a summary of what passed and how far each
# ceiling and layer is from the catalogue's roof. Everything goes to DIR (default
# out/gpu-check): the JSON, one log per phase, summary.txt and report/. --phases runs only the
# named ones (comma-separated, e.g. roofs,layers,report after a build); --deadline S ends every
# phase in time for the summary S seconds after the start (for a machine lent for one command
# under a time limit); --build names the build folder (default build/gpu-check). Without a GPU
# it says so in one line and exits 0.
set -uo pipefail
# Folders on the command line are the caller's; the script works from the repository's root.
caller=$PWD
cd "$(dirname "$0")/.."

out=
jobs=$(nproc 2>/dev/null || echo 2)
deps_from=
all_phases=deps,build,tests,roofs,layers,report
phases=$all_phases
deadline=
build=
# value FLAG VALUE: a flag's value, refused (exit 2) when missing or another flag.
value() {
  if [[ -z ${2:-} || $2 == --* ]]; then
    echo "gpu-check.sh: $1 needs a value (see --help)" >&2
    exit 2
  fi
  printf '%s' "$2"
}
while (($#)); do
  case "$1" in
    --out) out=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    --jobs) jobs=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    --deps-from) deps_from=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    --phases) phases=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    --deadline) deadline=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    --build) build=$(value "$1" "${2:-}") || exit 2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
# Bad values are refused before anything runs, GPU or not.
if [[ ! $jobs =~ ^[1-9][0-9]*$ ]]; then
  echo "gpu-check.sh: --jobs must be a whole number, got '$jobs'" >&2
  exit 2
fi
if [[ -n $deadline && ! $deadline =~ ^[1-9][0-9]*$ ]]; then
  echo "gpu-check.sh: --deadline must be whole seconds, got '$deadline'" >&2
  exit 2
fi
IFS=, read -r -a selected <<<"$phases"
for p in "${selected[@]}"; do
  [[ ,$all_phases, == *,"$p",* ]] || {
    echo "gpu-check.sh: unknown phase '$p' in --phases (the phases: $all_phases)" >&2
    exit 2
  }
done
# A folder given on the command line is the caller's; the defaults are the repository's.
absolute() { [[ $1 == /* ]] && printf '%s' "$1" || printf '%s' "$caller/$1"; }
[[ -z $deps_from ]] || deps_from=$(absolute "$deps_from")
if [[ -n $out ]]; then out=$(absolute "$out"); else out=out/gpu-check; fi
if [[ -n $build ]]; then build=$(absolute "$build"); else build=build/gpu-check; fi
if [[ -n $deps_from ]] && ! compgen -G "$deps_from/*.deb" >/dev/null; then
  echo "gpu-check.sh: --deps-from '$deps_from' holds no .deb files (scripts/gpu-deps.sh)" >&2
  exit 2
fi

# The probe comes first: without a GPU there is nothing to check, and a CPU machine (CI, a
# laptop) must not spend minutes on a build to learn that.
# ROOF_NVIDIA_SMI names another nvidia-smi (the tests point it at none).
smi=${ROOF_NVIDIA_SMI:-nvidia-smi}
if ! command -v "$smi" >/dev/null 2>&1 ||
   ! gpu_line=$("$smi" --query-gpu=name,compute_cap,driver_version --format=csv,noheader \
                2>/dev/null |
                head -1) || [[ -z $gpu_line ]]; then
  echo "gpu-check.sh: no NVIDIA GPU here (nvidia-smi finds none); nothing to check"
  exit 0
fi
IFS=, read -r gpu_name compute_cap driver <<<"$gpu_line"
compute_cap=$(echo "$compute_cap" | tr -d ' .')
driver=$(echo "${driver:-}" | tr -d ' ')

mkdir -p "$out" || { echo "gpu-check.sh: cannot create $out" >&2; exit 2; }
out=$(cd "$out" && pwd)
bin=$build
results=()

# The summary needs about this long after the last phase.
summary_reserve=20

# phase NAME SECONDS COMMAND...: runs it with its output in $out/NAME.log, records the outcome.
# A phase not in --phases is recorded as such; under --deadline its limit shrinks to what is left.
phase() {
  local name=$1 limit=$2
  shift 2
  if [[ ,$phases, != *,"$name",* ]]; then
    results+=("$(printf '%-7s %-28s' "$name" "not selected (--phases)")")
    return
  fi
  if [[ -n $deadline ]]; then
    local left=$((deadline - SECONDS - summary_reserve))
    if ((left < 5)); then
      echo "gpu-check: $name    ... not run: the deadline (${deadline} s) is reached"
      results+=("$(printf '%-7s %-28s' "$name" "not run: deadline reached")")
      return
    fi
    ((left < limit)) && limit=$left
  fi
  # What an earlier run left of this phase's results is not this run's.
  case $name in
    roofs) rm -f "$out/roofs.json" ;;
    layers) rm -f "$out/layers.json" ;;
    report) rm -rf "$out/report" ;;
  esac
  local start=$SECONDS status
  printf 'gpu-check: %-7s ... ' "$name"
  timeout --kill-after=10 "$limit" "$@" >"$out/$name.log" 2>&1
  status=$?
  local took=$((SECONDS - start))
  local outcome=passed
  if ((status == 124 || status == 137)); then
    outcome="timed out after ${limit} s"
  elif ((status != 0)); then
    outcome="failed (exit $status)"
  fi
  echo "$outcome in ${took} s (log: $out/$name.log)"
  results+=("$(printf '%-7s %-28s %4d s' "$name" "$outcome" "$took")")
}

echo "gpu-check: $gpu_name, compute capability $compute_cap, driver ${driver:-unknown};" \
  "results in $out"
# Each CUDA major version's runtime needs a driver of at least this branch (CUDA's release
# notes, minor version compatibility): an older one fails every GPU call with
# cudaErrorInsufficientDriver, so say so before the phases do.
cuda_major=$(nvcc --version 2>/dev/null | sed -n 's/.*release \([0-9]*\)\..*/\1/p')
case $cuda_major in
  11) min_driver=450 ;; 12) min_driver=525 ;; 13) min_driver=580 ;; *) min_driver= ;;
esac
if [[ -n $min_driver && $driver =~ ^([0-9]+)\. ]] && ((BASH_REMATCH[1] < min_driver)); then
  echo "gpu-check: warning: driver $driver is older than CUDA $cuda_major needs ($min_driver);" \
    "the GPU phases will fail with cudaErrorInsufficientDriver"
fi

# With --deps-from the packages are unpacked beside the build folder (<build>-deps), not
# installed: nothing outside it changes, and CMake finds them through CMAKE_PREFIX_PATH.
prefix_args=()
if [[ -n $deps_from ]]; then
  deps_prefix=$build-deps
  [[ $deps_prefix == /* ]] || deps_prefix=$(pwd)/$deps_prefix
  prefix_args=(-DCMAKE_PREFIX_PATH="$deps_prefix/usr")
fi
# cuDNN beside the toolkit is what CMake looks for; an image that has it only as PyTorch's wheel
# (nvidia-cudnn-cu13: include/cudnn.h, lib/libcudnn.so.9 without the unversioned link) is
# named to CMake directly, so the cudnn runner is built there too.
# Not where CUDNN_ROOT names one or a system include directory has one (NVIDIA's cuDNN
# packages), and only the wheel for this CUDA major version (nvidia-cudnn-cu13 for CUDA 13).
nvcc_path=$(command -v nvcc || true)
if [[ -n $nvcc_path && -z ${CUDNN_ROOT:-} && ! -f $(dirname "$nvcc_path")/../include/cudnn.h &&
      ! -f /usr/include/cudnn.h && ! -f /usr/include/x86_64-linux-gnu/cudnn.h &&
      -n $cuda_major ]]; then
  wheel=$(python3 -c '
import importlib.metadata, sys
importlib.metadata.version("nvidia-cudnn-cu" + sys.argv[1])  # raises without this build
import nvidia.cudnn
print(list(nvidia.cudnn.__path__)[0])' "$cuda_major" 2>/dev/null || true)
  if [[ -n $wheel && -f $wheel/include/cudnn.h ]] && compgen -G "$wheel/lib/libcudnn.so*" >/dev/null
  then
    cudnn_lib=$(ls "$wheel"/lib/libcudnn.so* | head -1)
    prefix_args+=(-DROOF_CUDNN_INCLUDE_DIR="$wheel/include" -DROOF_CUDNN_LIBRARY="$cudnn_lib")
    echo "gpu-check: cuDNN from the Python wheel in $wheel (none beside the toolkit)"
  fi
fi
if [[ ${ROOF_SKIP_DEPS:-0} == 1 ]]; then
  results+=("deps    skipped (ROOF_SKIP_DEPS=1)")
elif [[ -n $deps_from ]]; then
  phase deps 60 scripts/unpack-debs.sh "$deps_from" "$deps_prefix"
  PATH=$PATH:$deps_prefix/usr/bin  # the bundle's ninja, where the machine has none of its own
else
  phase deps 240 scripts/install-deps.sh
fi

# Configured for the probed architecture only; everything is built (tests and benchmarks). The
# preset needs CMake 3.25 and Ninja (the bundle brings Ninja, not CMake): without them the phase
# fails at once with a line that says which.
missing_build_tools() {
  local v major minor
  v=$(cmake --version 2>/dev/null | sed -n 's/cmake version \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
  read -r major minor <<<"$v"
  if [[ -z $v ]] || ((major < 3 || (major == 3 && minor < 25))); then
    echo "needs CMake 3.25 or newer (found: $([[ -n $v ]] && echo "$major.$minor" || echo none))"
  elif ! command -v ninja >/dev/null; then
    echo "needs ninja (the preset's generator)"
  fi
}
configure=$(printf '%q ' cmake --preset default -B "$build" \
  -DCMAKE_CUDA_ARCHITECTURES="$compute_cap" "${prefix_args[@]}")
tools=$(missing_build_tools)
if [[ -n $tools && ,$phases, == *,build,* ]]; then
  echo "gpu-check: build   ... failed: the build $tools"
  results+=("$(printf '%-7s %-28s' build "failed: $tools")")
else
  phase build 420 bash -c "$configure && cmake --build $(printf '%q' "$build") --parallel $jobs"
fi

# --no-tests=error: a build without the GPU tests (no CUDA found) must not pass as tested.
phase tests 180 ctest --test-dir "$build" -L gpu --no-tests=error --output-on-failure -j "$jobs"

# bench_roofs exits 0 when its filter matched nothing (no GPU ceiling registered: the CUDA
# runtime found no usable device), so the phase also needs a GPU row in the file.
roofs_cmd=$(printf '%q ' "$bin/bench/roofs/bench_roofs" --benchmark_filter='^roof/gpu' \
  --benchmark_min_time=0.05 --benchmark_out="$out/roofs.json" --benchmark_out_format=json)
phase roofs 150 bash -c "$roofs_cmd && { grep -q '\"name\": \"roof/gpu' $(printf '%q' \
  "$out/roofs.json") || { echo 'gpu-check: no GPU ceiling was measured'; exit 1; }; }"

# A few layers of each kind: ResNet-50's first 1x1 and 3x3 (56x56), a 3x3 at 14x14 and 256
# channels and the stride-2 1x1 that opens layer3 (ResNet-50 v1 strides in the 1x1), VGG-16's
# conv4_1 and fc7, every pass, each GPU implementation; CUPTI counters add one profiled pass per
# case where the machine permits them (the label says why not, and the case goes on).
layers='resnet50:layer1\.0\.conv[12]/|resnet50:layer3\.0\.conv[12]/|vgg16:conv4_1/|vgg16:fc7/'
phase layers 240 env ROOF_CUPTI_COUNTERS=1 "$bin/bench/layers/bench_layers" \
  --network resnet50,vgg16 --batch 16 --impl cudnn,cublas,cuda \
  --benchmark_filter="$layers" --benchmark_min_time=0.05 \
  --benchmark_out="$out/layers.json" --benchmark_out_format=json

# The catalogue's entry for this GPU (CUDA's name is an alias of one: "NVIDIA H200"), else the
# H100 SXM as the nearest modelled device.
twin=$("$bin/cli/roofline" devices --format json 2>/dev/null | python3 -c '
import json, sys
name = sys.argv[1].strip().lower()
for d in json.load(sys.stdin)["devices"]:
    if name in [d["name"].lower()] + [a.lower() for a in d.get("aliases", [])]:
        print(d["name"]); break
' "$gpu_name" 2>/dev/null)
[[ -n $twin ]] || twin=H100-SXM5
# this-gpu0 is the GPU as bench_roofs measured it (its GPU rows alone make a device, without the
# CPU's ceilings), drawn first so each pair chart sets its measured roof beside a modelled one.
phase report 120 "$bin/cli/roofline" report --out "$out/report" --roofs "$out/roofs.json" \
  --bench "$out/layers.json" --networks resnet50,vgg16 --batch 16 \
  --devices "this-gpu0,$twin,P100,K80"

# The summary: each phase, then each measured ceiling and layer-pass against the twin's roof.
{
  echo "gpu-check of $gpu_name (compute capability $compute_cap), modelled twin $twin"
  echo
  printf '%s\n' "${results[@]}"
  # Without a usable device the GPU tests skip rather than fail: on a GPU machine a skip count
  # near the whole is the sign that the device was not reached.
  if [[ -f $out/tests.log ]]; then
    echo "tests: $(grep -c '(Skipped)' "$out/tests.log") skipped;" \
      "$(grep -m1 'tests passed' "$out/tests.log" || echo 'no ctest summary')"
  fi
  for p in roofs layers; do
    if [[ ,$phases, != *,$p,* && -f $out/$p.json ]]; then
      echo "($p.json below is an earlier run's: --phases left the $p phase out)"
    fi
  done
  echo
  "$bin/cli/roofline" devices --format json >"$out/devices.json" 2>/dev/null &&
    python3 scripts/gpu_check_summary.py "$out/devices.json" "$twin" "$out" 2>&1 ||
    echo "(no summary of the measurements: the build or the catalogue is missing)"
} | tee "$out/summary.txt"

failed=$(printf '%s\n' "${results[@]}" | grep -c -E 'failed|timed out|not run')
# A benchmark program exits 0 when some of its rows failed (SkipWithError): those rows count
# too, from the files this run wrote (a phase left out by --phases keeps an earlier file, which
# the summary reads but this run's verdict does not).
errors=0
for p in roofs layers; do
  if [[ ,$phases, == *,$p,* && -f $out/$p.json ]]; then
    n=$(python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])).get("benchmarks", [])
print(sum(1 for r in rows if r.get("error_occurred")))' "$out/$p.json" 2>/dev/null || echo 0)
    errors=$((errors + n))
  fi
done
echo "gpu-check: $failed phase(s) failed, $errors benchmark row(s) in error; summary in" \
  "$out/summary.txt"
((failed == 0 && errors == 0))
