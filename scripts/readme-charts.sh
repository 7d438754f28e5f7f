#!/usr/bin/env bash
# Regenerates the charts committed under docs/ (docs/report.md shows them): the modelled ones
# from the device catalogue alone, the measured one from a main job's bench JSON.
#
#   scripts/readme-charts.sh [BENCH_ROOFS_JSON BENCH_LAYERS_JSON]
#
# The two files default to the main job's out/bench/bench_roofs.json and bench_layers.json;
# without them the measured chart is left as it is. Needs build/default/cli/roofline.
set -euo pipefail
case ${1:-} in
  -h|--help)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    echo "It overwrites the committed charts."
    exit 0 ;;
  -*) echo "readme-charts.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

roofline=build/default/cli/roofline
roofs=${1:-out/bench/bench_roofs.json}
layers=${2:-out/bench/bench_layers.json}
[[ -x $roofline ]] || { echo "readme-charts.sh: build $roofline first" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=(--networks vgg16,googlenet,resnet50 --dataset cifar10 --batch 100 --devices P100,K40m,K80)
measured=0
if [[ -f $roofs && -f $layers ]]; then
  args+=(--roofs "$roofs" --bench "$layers")
  measured=1
fi
"$roofline" report --out "$tmp" "${args[@]}"

cp "$tmp/roofline-p100-pcie-16gb-vs-k40m.svg" docs/report-p100-k40m.svg
cp "$tmp/roofline-p100-pcie-16gb.svg" docs/report-p100.svg
cp "$tmp/breakdown-googlenet.svg" docs/report-breakdown-googlenet.svg
cp "$tmp/scaling-alexnet-owt-k20.svg" docs/report-scaling.svg
if ((measured)); then
  for chart in "$tmp"/measured-1-*.svg; do
    [[ $chart == *-breakdown.svg ]] || cp "$chart" docs/report-measured.svg
  done
fi
ls -l docs/report-*.svg
