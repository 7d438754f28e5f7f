#!/usr/bin/env python3
"""The measured part of gpu-check.sh's summary: every GPU ceiling bench_roofs measured and every
layer-pass bench_layers measured, each against the catalogue twin's theoretical roof.

    gpu_check_summary.py DEVICES_JSON TWIN OUT_DIR

DEVICES_JSON is `roofline devices --format json`; OUT_DIR holds roofs.json and layers.json.
A missing or unreadable file is one line of the summary, not a failure of the script."""
import json
import sys


def iterations(path):
    try:
        with open(path, encoding="utf-8") as f:
            rows = json.load(f)["benchmarks"]
    except (OSError, ValueError, KeyError) as e:
        print(f"  {path}: no results ({e.__class__.__name__})")
        return []
    return [r for r in rows if r.get("run_type", "iteration") == "iteration"]


def reported_against_catalogue(out, device):
    """What the GPU reports of itself (bench_roofs' context, from cudaDeviceProp and
    cudaDeviceGetAttribute) beside the twin's catalogue entry: the first run on a GPU settles
    the entry's unconfirmed figures (clock, L2, bus width) this way."""
    try:
        with open(f"{out}/roofs.json", encoding="utf-8") as f:
            context = json.load(f).get("context", {})
    except (OSError, ValueError):
        return
    def reported(field):
        value = context.get(f"roof_gpu0_{field}")
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    if reported("sm_count") is None:
        return
    memory = device.get("memory", {})
    clock, bus, mem_clock = reported("sm_clock_mhz"), reported("memory_bus_bits"), \
        reported("memory_clock_mhz")
    rows = [
        ("SMs", reported("sm_count"), device.get("sm_count"), "{:.0f}"),
        ("SM clock (MHz; catalogue: boost)", clock,
         device.get("clock_mhz", {}).get("boost"), "{:.0f}"),
        ("L2 (KiB)", None if reported("l2_bytes") is None else reported("l2_bytes") / 1024,
         device.get("l2_kib", {}).get("value"), "{:.0f}"),
        ("memory bus (bits)", bus, memory.get("bus_bits"), "{:.0f}"),
        ("DRAM (GB/s; reported: 2 x memory clock x bus)",
         None if bus is None or mem_clock is None else 2 * mem_clock * 1e6 * bus / 8 / 1e9,
         memory.get("bandwidth_gbs"), "{:.0f}"),
        # The vendor's "80 GB" and "141 GB" are what CUDA reports in GiB (81559 and 143771 MiB).
        ("memory (GiB; entry: the vendor's GB)",
         None if reported("memory_bytes") is None else reported("memory_bytes") / 2**30,
         memory.get("size_gb"), "{:.1f}"),
    ]
    print(f"the GPU as it reports itself ({context.get('roof_gpu0_name', '?')}) against the entry:")
    for label, got, entry, fmt in rows:
        if got is None:
            continue
        text = fmt.format(got)
        if entry:
            off = 100 * (got - entry) / entry
            # 3%: vendors round rated figures (an H200's 3201 MHz x 6144 bits is 4917 GB/s,
            # quoted as 4.8 TB/s); a wrong entry is further off than that.
            flag = "" if abs(off) < 3 else "   <- differs: check the entry"
            text += f"   (entry {fmt.format(entry)}, {off:+.1f}%){flag}"
        print(f"  {label:48s} {text}")


def main():
    devices_json, twin, out = sys.argv[1:4]
    with open(devices_json, encoding="utf-8") as f:
        device = next(d for d in json.load(f)["devices"] if d["name"] == twin)
    peak = device["peak_tflops"]["fp32"]["boost"] * 1e12
    bandwidth = device["memory"]["bandwidth_gbs"] * 1e9
    print(f"{twin} in the catalogue: FP32 {peak / 1e12:.1f} TFLOP/s, "
          f"DRAM {bandwidth / 1e9:.0f} GB/s (theoretical)")

    reported_against_catalogue(out, device)

    print("ceilings (bench_roofs):")
    for r in iterations(f"{out}/roofs.json"):
        name = r["name"]
        if r.get("error_occurred"):
            print(f"  {name:44s} ERROR {r.get('error_message', '')}")
        elif "bytes_per_second" in r and not any(k in name for k in ("/fma", "/gemm")):
            gbs = r["bytes_per_second"] / 1e9
            print(f"  {name:44s} {gbs:8.0f} GB/s    = {100 * gbs * 1e9 / bandwidth:5.1f}% of DRAM")
        elif "flops" in r:
            tf = r["flops"] / 1e12
            print(f"  {name:44s} {tf:8.2f} TFLOP/s = {100 * tf * 1e12 / peak:5.1f}% of FP32")

    print("layer-passes (bench_layers), against min(FP32 peak, ai x DRAM):")
    for r in iterations(f"{out}/layers.json"):
        name = r["name"]
        if r.get("error_occurred"):
            print(f"  {name:64s} ERROR {r.get('error_message', '')}")
            continue
        flops, ai = r.get("flops", 0.0), r.get("ai", 0.0)
        bound = min(peak, ai * bandwidth) if ai > 0 else peak
        print(f"  {name:64s} {flops / 1e12:7.2f} TFLOP/s = {100 * flops / bound:5.1f}% of roof")


if __name__ == "__main__":
    main()
