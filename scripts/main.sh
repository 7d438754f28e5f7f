#!/usr/bin/env bash
# The README's main job: dependencies, build, this machine's measured ceilings (bench_roofs)
# and layers (bench_layers), then the modelled per-layer tables of every network, the roofline
# explanations of the seeds' GPU comparisons, the measured iteration beside the model, and the
# report (out/report/index.html), all under out/ (or the folder given with --out).
#
#   scripts/main.sh [--out DIR] [--batch N] [--networks "vgg16 resnet50 ..."]
#                   [--bench-network NAME] [--bench-batch N] [--full]
#
# --batch and --networks choose the modelled tables; bench_layers measures --bench-network
# (googlenet) at --bench-batch (1); --full measures every network instead (long).
#
# What is measured and what is modelled is said in every file written.
set -euo pipefail
cd "$(dirname "$0")/.."

out=out
batch=32
networks=""
bench_network=googlenet
bench_batch=1
full=0
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --networks) networks=$2; shift 2 ;;
    --bench-network) bench_network=$2; shift 2 ;;
    --bench-batch) bench_batch=$2; shift 2 ;;
    --full) full=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "main.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Each step says which of how many it is and the time so far: "== [4/12, 3 min 5 s] ...".
# bench_comm's step exists only in a build with NCCL; the count follows once the build is done.
steps=12
step_number=0
step() {
  step_number=$((step_number + 1))
  local s=$SECONDS elapsed
  if ((s < 60)); then elapsed="$s s"; else elapsed="$((s / 60)) min $((s % 60)) s"; fi
  printf '\n== [%d/%d, %s] %s\n' "$step_number" "$steps" "$elapsed" "$*"
}

step "dependencies"
scripts/install-deps.sh
step "configure and build (build/default)"
cmake --preset default >/dev/null
cmake --build --preset default --parallel
bin=build/default
roofline=$bin/cli/roofline
[[ -x $bin/bench/comm/bench_comm ]] && steps=13
[[ -n $networks ]] || networks=$("$roofline" networks --format json |
                                  sed -n 's/.*"name": "\(.*\)",/\1/p')

mkdir -p "$out/layers" "$out/bench" "$out/model"
# Debian's libbenchmark is a debug build, so every benchmark program prints "***WARNING***
# Library was built as DEBUG. Timings may be affected." It times nothing itself (our cases are
# compiled with optimisation); the line is expected and harmless. Without a GPU the programs
# also say "GPU benchmarks skipped" in one line: expected too.
echo "(expected below: Google Benchmark's \"built as DEBUG\" warning, and without a GPU" \
  "\"GPU benchmarks skipped\")"
roofs=$out/bench/bench_roofs.json
step "measured: this machine's ceilings (bench_roofs, about a minute) -> $roofs"
"$bin/bench/roofs/bench_roofs" --benchmark_out="$roofs" --benchmark_out_format=json

layers_json=$out/bench/bench_layers.json
if ((full)); then
  step "measured: every network's layer-passes and update at batch $bench_batch (long)" \
    "-> $layers_json"
  which=(--all-networks)
else
  step "measured: $bench_network's layer-passes and update at batch $bench_batch -> $layers_json"
  which=(--network "$bench_network")
fi
"$bin/bench/layers/bench_layers" "${which[@]}" --batch "$bench_batch" --roofs "$roofs" \
  --benchmark_out="$layers_json" --benchmark_out_format=json

step "measured: the cost of the model itself (bench_catalogue)"
"$bin/bench/catalogue/bench_catalogue" --benchmark_out="$out/bench/bench_catalogue.json" \
  --benchmark_out_format=json

step "modelled layer tables, batch $batch, fp32 -> $out/layers/"
for net in $networks; do
  for dataset in imagenet cifar10; do
    base=$out/layers/${net}.${dataset}
    if ! err=$("$roofline" layers --network "$net" --dataset "$dataset" --batch "$batch" \
                 --format json 2>&1 >"$base.json"); then
      rm -f "$base.json"
      echo "  skipped: $err"
      continue
    fi
    "$roofline" layers --network "$net" --dataset "$dataset" --batch "$batch" >"$base.txt"
    "$roofline" layers --network "$net" --dataset "$dataset" --batch "$batch" \
      --format benchdnn >"$base.benchdnn"
    echo "  $net ($dataset): $(grep '^totals:' "$base.txt" | cut -c9-)"
  done
done

step "summary -> $out/summary.md"
{
  echo "# Layer catalogue at batch $batch"
  for dataset in imagenet cifar10; do
    printf '\n## %s\n\n' "$dataset"
    "$roofline" networks --totals --batch "$batch" --dataset "$dataset"
  done
} >"$out/summary.md"
step "measured against the model: $bench_network on this machine's roofline -> $out/model/"
"$roofline" train --network "$bench_network" --batch "$bench_batch" --device this-cpu \
  --roofs "$roofs" --measured "$layers_json" --images 1000 \
  | tee "$out/model/train_measured_${bench_network}.txt" | sed -n '/^iteration composed/,$p'

step "modelled: the devices, and why P100 beats K40m and K80 (the seeds' runs) -> $out/model/"
"$roofline" devices --roofs "$roofs" >"$out/model/devices.txt"
"$roofline" explain --network vgg16 --dataset cifar10 --batch 100 --devices P100,K40m \
  | tee "$out/model/explain_vgg16_cifar10_P100_K40m.txt" \
  | grep -E "^(iteration \(ms\)|peak \(TFLOP|DRAM bandwidth|A = |B = )"
"$roofline" explain --network googlenet --batch 10 --devices P100,K80 \
  >"$out/model/explain_googlenet_P100_K80.txt"
for device in P100 K40m K80; do
  "$roofline" train --network vgg16 --dataset cifar10 --batch 100 --epochs 200 \
    --device "$device" >"$out/model/train_vgg16_cifar10_${device}.txt"
done
step "modelled: several GPUs, the seeds' multi-GPU runs (docs/cluster.md) -> $out/model/"
for strategy in owt data; do
  "$roofline" train --network alexnet_owt --batch 128 --device K20 --gpus 8 --epochs 90 \
    --strategy "$strategy" --sweep >"$out/model/sweep_alexnet_owt_K20_${strategy}.txt"
done
grep -E "^ +1 +8 " "$out/model/sweep_alexnet_owt_K20_owt.txt" |
  awk '{print "  OWT on 8 x K20: speedup " $11 " (Krizhevsky 2014 measured 6.25x)"}'
"$roofline" train --network resnet152 --batch 32 --device K40m --gpus 2 --nodes 8 \
  --node-link ib-fdr --sweep >"$out/model/sweep_resnet152_K40m_ib-fdr.txt"
"$roofline" explain --network alexnet_owt --devices P100 --gpus 2 --global-batch 32 \
  --allreduce host --images 100000 \
  --measured-epochs 1gpu=281.7,data=304.7,model=287.0,owt=296.7 \
  >"$out/model/explain_two_p100_tiny_imagenet.txt"

comm=()
if [[ -x $bin/bench/comm/bench_comm ]]; then
  step "measured: NCCL collectives between this node's GPUs (bench_comm) -> $out/bench/"
  rm -f "$out/bench/bench_comm.json"
  "$bin/bench/comm/bench_comm" --benchmark_out="$out/bench/bench_comm.json" \
    --benchmark_out_format=json
  [[ -s $out/bench/bench_comm.json ]] && comm=(--comm "$out/bench/bench_comm.json")
fi

step "the report: rooflines, breakdowns, measured points, scaling, the explanation -> $out/report/"
"$roofline" report --out "$out/report" --roofs "$roofs" --bench "$layers_json" "${comm[@]}" \
  --networks vgg16,googlenet,resnet50 --dataset cifar10 --batch 100 --devices P100,K40m,K80

step "done: open $out/report/index.html (also $out/report/report.md, $out/summary.md,"
echo "   $out/layers/, $out/model/, $out/bench/)"
