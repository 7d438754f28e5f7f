#!/usr/bin/env bash
# The README's main job: dependencies, build, the benchmarks this revision has, then the
# modelled per-layer tables of every network and the roofline explanations of the seeds' GPU
# comparisons, all under out/ (or the folder given with --out).
#
#   scripts/main.sh [--out DIR] [--batch N] [--networks "vgg16 resnet50 ..."]
#
# What is measured and what is modelled is said in every file written.
set -euo pipefail
cd "$(dirname "$0")/.."

out=out
batch=32
networks=""
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --networks) networks=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "main.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
scripts/install-deps.sh
step "configure and build (build/default)"
cmake --preset default >/dev/null
cmake --build --preset default --parallel
bin=build/default
roofline=$bin/cli/roofline
[[ -n $networks ]] || networks=$("$roofline" networks --format json |
                                  sed -n 's/.*"name": "\(.*\)",/\1/p')

mkdir -p "$out/layers" "$out/bench"
step "benchmark: cost of modelling the catalogue (measured on this machine's CPU)"
"$bin/bench/bench_catalogue" --benchmark_out="$out/bench/bench_catalogue.json" \
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
step "modelled: the devices, and why P100 beats K40m and K80 (the seeds' runs) -> $out/model/"
mkdir -p "$out/model"
"$roofline" devices >"$out/model/devices.txt"
"$roofline" explain --network vgg16 --dataset cifar10 --batch 100 --devices P100,K40m \
  | tee "$out/model/explain_vgg16_cifar10_P100_K40m.txt" | grep -E "^ +P100|^iteration|^peak|^DRAM"
"$roofline" explain --network googlenet --batch 10 --devices P100,K80 \
  >"$out/model/explain_googlenet_P100_K80.txt"
for device in P100 K40m K80; do
  "$roofline" train --network vgg16 --dataset cifar10 --batch 100 --epochs 200 \
    --device "$device" >"$out/model/train_vgg16_cifar10_${device}.txt"
done
step "done: $out/summary.md, $out/layers/, $out/model/, $out/bench/"
