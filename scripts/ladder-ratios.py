#!/usr/bin/env python3
"""Speed ratios of our own CPU kernels against the libraries, from bench_layers JSON.

Reads one or more Google Benchmark JSON files written by bench_layers in one session (use
--benchmark_repetitions to get medians), and prints, as Markdown, for every layer-pass the time
of each implementation, the ratio of the candidate's speed to the baseline's (above 1: ours is
faster) and the candidate's fraction of the FP32 FMA ceiling recorded in the file's context;
then the median ratio per group of layers and pass, the number the goals of docs/bench.md are
stated in.

  scripts/ladder-ratios.py vgg16.json resnet50.json \\
      --group 'VGG-16 conv3-5=vgg16:conv[345]_' --group 'VGG-16 fc=vgg16:fc' \\
      --candidate packed_sgemm --baseline onednn

Only the standard library: it runs wherever bench_layers does.
"""

import argparse
import json
import re
import statistics
import sys

NAME = re.compile(r"^(?P<op>[^/]+)/(?P<layer>[^/]+)/(?P<pass>[^/]+)/mb:(?P<batch>\d+)/"
                  r"impl:(?P<impl>[^/]+)/")
TO_MS = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}


def fail(message):
    print(f"ladder-ratios: {message}", file=sys.stderr)
    sys.exit(1)


def fma_ceiling(context):
    """The FP32 FMA ceiling (FLOP/s) bench_layers measured or loaded, from its context."""
    try:
        value = float(context.get("roof_measured_fma_fp32_flops", "nan"))
    except ValueError:
        return None
    return value if value > 0 else None


def read_rows(paths):
    """{(layer, pass): {impl: (ms, flops_per_second)}}, medians where the file has them."""
    rows, ceilings = {}, []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as error:
            fail(f"{path}: {error}")
        ceiling = fma_ceiling(document.get("context", {}))
        if ceiling:
            ceilings.append(ceiling)
        benchmarks = document.get("benchmarks", [])
        has_medians = any(b.get("aggregate_name") == "median" for b in benchmarks)
        for b in benchmarks:
            if b.get("error_occurred"):
                continue
            if has_medians and b.get("aggregate_name") != "median":
                continue
            if not has_medians and b.get("run_type") == "aggregate":
                continue
            match = NAME.match(b.get("run_name", b.get("name", "")))
            if not match or b.get("time_unit") not in TO_MS:
                continue
            ms = float(b["real_time"]) * TO_MS[b["time_unit"]]
            key = (match["layer"], match["pass"])
            rows.setdefault(key, {})[match["impl"]] = (ms, float(b.get("flops", 0.0)))
    return rows, (min(ceilings) if ceilings else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", help="bench_layers JSON files")
    parser.add_argument("--candidate", default="packed_sgemm", help="our implementation")
    parser.add_argument("--baseline", default="onednn", help="the library to compare with")
    parser.add_argument("--group", action="append", default=[],
                        help="LABEL=REGEX over network:layer names; repeatable")
    parser.add_argument("--fma", type=float, help="FP32 FMA ceiling in GFLOP/s "
                        "(default: the one in the files' context)")
    args = parser.parse_args()
    groups = []
    for spec in args.group or ["all=."]:
        label, sep, pattern = spec.partition("=")
        if not sep or not label:
            fail(f"--group '{spec}' is not LABEL=REGEX")
        try:
            groups.append((label, re.compile(pattern)))
        except re.error as error:
            fail(f"--group '{spec}': {error}")

    rows, ceiling = read_rows(args.files)
    if args.fma is not None:
        if not args.fma > 0:
            fail("--fma must be a positive number of GFLOP/s")
        ceiling = args.fma * 1e9
    passes = ["fwd", "bwd_data", "bwd_weights"]
    cand, base = args.candidate, args.baseline
    print(f"| group | layer | pass | {cand} ms | {base} ms | speed {cand}/{base} "
          f"| {cand} of FMA roof |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    medians = []
    for label, pattern in groups:
        per_pass = {p: [] for p in passes}
        fractions = {p: [] for p in passes}
        for (layer, pass_), impls in sorted(rows.items(), key=lambda r: (r[0][0], passes.index(
                r[0][1]) if r[0][1] in passes else 9)):
            if not pattern.search(layer) or cand not in impls or base not in impls:
                continue
            (c_ms, c_flops), (b_ms, _) = impls[cand], impls[base]
            ratio = b_ms / c_ms
            fraction = c_flops / ceiling if ceiling else None
            per_pass.setdefault(pass_, []).append(ratio)
            if fraction is not None:
                fractions.setdefault(pass_, []).append(fraction)
            shown = f"{100 * fraction:.0f}%" if fraction is not None else "n/a"
            print(f"| {label} | {layer} | {pass_} | {c_ms:.3g} | {b_ms:.3g} | {ratio:.2f} "
                  f"| {shown} |")
        for pass_, ratios in per_pass.items():
            if ratios:
                frac = fractions.get(pass_) or []
                medians.append((label, pass_, len(ratios), statistics.median(ratios),
                                statistics.median(frac) if frac else None))
    if not medians:
        fail(f"no layer-pass measured by both {cand} and {base} in the groups given")
    print()
    print(f"| group | pass | layers | median speed {cand}/{base} | median of FMA roof |")
    print("| --- | --- | ---: | ---: | ---: |")
    for label, pass_, count, ratio, fraction in medians:
        shown = f"{100 * fraction:.0f}%" if fraction is not None else "n/a"
        print(f"| {label} | {pass_} | {count} | {ratio:.2f} | {shown} |")
    if ceiling:
        print(f"\nFMA roof: {ceiling / 1e9:.1f} GFLOP/s (FP32, from the files' context or --fma).")


if __name__ == "__main__":
    main()
