#!/usr/bin/env python3
"""Hostile input, tried as a careless or hostile user would (docs/hostile-input.md).

Runs the suite's programs on a few hundred bad inputs, class by class, and checks each against
the contract: a refusal is exit 2 with exactly one line on stderr, "<program>: error: ...", with
no raw control bytes, no "internal error" and no library text; an accepted input exits 0 and
prints no non-finite number (inf, nan, JSON null where a number belongs). Prints one table row
per class (tried, clear refusals, accepted, and each kind of failure) and every failure; exits 1
if there is one.

    hostile_inputs.py --bin BUILD_DIR [--markdown]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

CLASSES = []  # (class, cases); a case: (words, expect, files) with expect "refuse" or "accept"


def case_class(name):
    cases = []
    CLASSES.append((name, cases))
    return lambda words, expect="refuse", files=None: cases.append((words, expect, files or {}))


def json_text(value):
    return json.dumps(value)


def gb_file(rows, context=None):
    return json_text({"context": context if context is not None else {}, "benchmarks": rows})


def build_cases(data):
    R = ["{roofline}"]
    recorded_roofs = open(os.path.join(data, "roofs/data/bench_roofs_recorded.json")).read()
    recorded_layers = open(os.path.join(data, "cli/data/bench_layers_recorded.json")).read()
    recorded_comm = open(os.path.join(data, "reports/data/bench_comm_1node.json")).read()
    my_device = open(os.path.join(data, "cli/data/my_device.json")).read()

    # --- descriptors -------------------------------------------------------------------------
    d = case_class("descriptor files (layers --file)")
    layers = R + ["layers", "--file", "{dir}/d.txt"]
    good = 'g1mb2ic16ih14oc32oh14kh3ph1n"net:conv"'
    d(layers, "accept", {"d.txt": good + "\n"})
    d(layers, "accept", {"d.txt": "--ip\nmb8ic4096oc1000n\"alexnet:fc8\"\n"})
    # Padding deduced from the output (benchdnn's rule): 3 on each side of a 5-row input.
    d(layers, "accept", {"d.txt": "ic3ih5oc4oh9kh3"})
    # One tap spans one element whatever its dilation.
    d(layers, "accept", {"d.txt": "mb1ic1ih5oc1kh1dh9223372036854775807"})
    # A name given to two shapes (as oneDNN's shapes_1d does): the second becomes a~2.
    d(layers, "accept", {"d.txt": 'mb1ic3ih5oc4kh3n"t:a"\nmb1ic4ih3oc4kh3n"t:a"\n'})
    for bad in ["", "\n\n# only a comment\n", "garbage", "mb", "mb-1ic3ih5oc4oh3kh3",
                "mb0ic3ih5oc4kh3", "ic0ih5oc4kh3", "ic3ih5oc0kh3", "ic3ih0oc4kh3",
                "ic3ih5oc4kh0", "ic3ih5oc4kh3sh0", "ic3ih5oc4kh3sh-1", "ic3ih5oc4kh3ph-1",
                "ic3ih5oc4kh7", "ic3ih5oc4kh3dh-2",
                "ic3ih5oc4kh3dh4611686018427387903", "ic3ih5oc4kh3dh9223372036854775807",
                "ic3ih1oc4kh2147483648", "ic9223372036854775807ih5oc4kh3",
                "mb9223372036854775807ic3ih5oc4kh3", "ic3ih5oc4kh3ph9223372036854775807",
                "ic3ih99999999999999999999oc4kh3", "g3ic4ih5oc6kh3", "g0ic4ih5oc6kh3",
                "ic3ih5oc4kh3mb", "ic3ih5oc4kh3zz7", "ic3ic4ih5oc4kh3", "ic3ih5oc4kh3n\"",
                "ic3ih5oc4kh3n\"a\"junk", "ic 3ih5oc4kh3", "ic3ih5oc4kh3\x00",
                "ic3ih5oc4kh3n\"\x1b[31mred\"x", "ic3ih5oc4kh3n\"\xff\xfe\"x",
                "--conv\n--dir=BWD_Q\n" + good, "--bogus\n" + good, "ic0x10ih5oc4kh3",
                "ic1e3ih5oc4kh3", "ic+3ih5oc4kh3", "ic3.5ih5oc4kh3",
                # a right-to-left override, a line separator in a name; a byte-order mark
                'ic3ih5oc4kh3n"a\u202eb"', 'ic3ih5oc4kh3n"a\u2028b"', "\ufeffic3ih5oc4kh3"]:
        d(layers, "refuse", {"d.txt": bad})
    d(R + ["layers", "--file", "{dir}"], "refuse")
    d(R + ["layers", "--file", "{dir}/missing.txt"], "refuse")
    d(R + ["layers", "--file", "/dev/zero"], "refuse")

    # --- device files ------------------------------------------------------------------------
    v = case_class("device files (--device-file)")
    devices = R + ["devices", "--device-file", "{dir}/dev.json"]
    v(devices, "accept", {"dev.json": my_device})
    base = json.loads(my_device)
    def with_device(change):
        doc = json.loads(my_device)
        change(doc["devices"][0])
        return json_text(doc)
    def set_path(path, value):
        def change(dev):
            obj = dev
            for key in path[:-1]:
                obj = obj[key]
            obj[path[-1]] = value
        return change
    first = base["devices"][0]
    numeric_paths = [["sm_count"], ["clock_mhz", "boost"], ["memory", "bandwidth_gbs"],
                     ["memory", "size_gb"]]
    numeric_paths = [p for p in numeric_paths
                     if p[0] in first and (len(p) == 1 or p[1] in first[p[0]])]
    for path in numeric_paths:
        for value in [0, -1, 1e300, 1e-300, "12", None, True, [1], {"v": 1}]:
            v(devices, "refuse", {"dev.json": with_device(set_path(path, value))})
    v(devices, "refuse", {"dev.json": with_device(set_path(["sm_count"], 56.5))})
    v(devices, "refuse", {"dev.json": with_device(set_path(["sm_count"], 3e9))})
    v(devices, "refuse", {"dev.json": with_device(set_path(["name"], 7))})
    v(devices, "refuse", {"dev.json": with_device(set_path(["default_clock"], "max"))})
    # Clocks from 1 MHz to 100 GHz, the base not above the boost, and no peak that the clock
    # ratio would scale outside 1e-6 to 1e9 TFLOP/s.
    for clocks in [{"base": 2000, "boost": 1000}, {"base": 1e-6, "boost": 1000},
                   {"boost": 1e9}, {"boost": 0.5}]:
        def change(dev, clocks=clocks):
            dev["clock_mhz"] = dict(clocks, source="s")
        v(devices, "refuse", {"dev.json": with_device(change)})
    def tiny_base(dev):
        dev["clock_mhz"] = {"base": 1, "boost": 100000, "source": "s"}
        dev["peak_tflops"]["fp32"] = {"base": 1e9, "source": "s"}
    v(devices, "refuse", {"dev.json": with_device(tiny_base)})
    # Text fields reach headings and table rows: an escape or a newline is refused.
    v(devices, "refuse", {"dev.json": with_device(set_path(["caveat"], "red \x1b[31m"))})
    v(devices, "refuse", {"dev.json": with_device(set_path(["name"], "two\nlines"))})
    v(devices, "refuse", {"dev.json": my_device.replace("}", "}}", 1)})
    v(devices, "refuse", {"dev.json": '{"devices": [{"n": 1e400}]}'})
    v(devices, "refuse", {"dev.json": ""})
    v(devices, "refuse", {"dev.json": "\x00\x01\x02binary"})
    v(devices, "refuse", {"dev.json": "[]"})
    v(devices, "refuse", {"dev.json": '{"devices": []}'})
    v(devices, "refuse", {"dev.json": '{"devices": [7]}'})
    v(R + ["devices", "--device-file", "{dir}"], "refuse")
    v(R + ["devices", "--device-file", "/dev/zero"], "refuse")
    v(R + ["devices", "--device-file", "{dir}/missing.json"], "refuse")
    v(R + ["train", "--network", "alexnet", "--device", first["name"], "--device-file",
           "{dir}/dev.json", "--images", "64"], "accept", {"dev.json": my_device})

    # --- bench_roofs files -------------------------------------------------------------------
    r = case_class("bench_roofs files (--roofs)")
    roofs = R + ["devices", "--roofs", "{dir}/r.json"]
    r(roofs, "accept", {"r.json": recorded_roofs})
    doc = json.loads(recorded_roofs)
    def roofs_with(change):
        d2 = json.loads(recorded_roofs)
        change(d2)
        return json_text(d2)
    for field, value in [("real_time", "fast"), ("real_time", -1), ("time_unit", "h"),
                         ("time_unit", 3), ("error_occurred", "no"), ("name", 5),
                         ("run_type", "x"), ("flops", "many"), ("bytes_per_second", [1]),
                         ("iterations", -5), ("label", {}), ("run_name", None)]:
        def change(d2, field=field, value=value):
            for row in d2["benchmarks"]:
                row[field] = value
        r(roofs, "refuse", {"r.json": roofs_with(change)})
    for key, value in [("roof_cores", "two"), ("roof_cores", "1.5"), ("roof_cores", "1e12"),
                       ("roof_cores", "0"), ("roof_clock_ghz", "fast"),
                       ("roof_clock_ghz", "1e999")]:
        def change(d2, key=key, value=value):
            d2["context"][key] = value
            d2["context"]["roof_physical_cores"] = value if key == "roof_cores" else "2"
        r(roofs, "refuse", {"r.json": roofs_with(change)})
    # Sizes, clocks and peaks a machine can have; text without escapes or line breaks.
    for key, value in [("roof_physical_memory_bytes", "-1"),
                       ("roof_physical_memory_bytes", "1e30"), ("roof_l2_bytes", "1e300"),
                       ("roof_clock_ghz", "1e300"), ("roof_clock_ghz", "1e-300"),
                       ("roof_device_name", "a\x1b[31m"), ("roof_cpu_model", "x\ny"),
                       ("roof_kernel_simd", "x\u202ey")]:
        def change(d2, key=key, value=value):
            d2["context"][key] = value
        r(roofs, "refuse", {"r.json": roofs_with(change)})
    for field, value in [("clock_ghz", 1e300), ("clock_ghz", 1e-300),
                         ("theoretical_flops", -5), ("theoretical_flops", 1e300)]:
        def change(d2, field=field, value=value):
            for row in d2["benchmarks"]:
                if row.get("name", "").startswith("roof/fma_fp32"):
                    row[field] = value
        r(roofs, "refuse", {"r.json": roofs_with(change)})
    for value in [-1, 0]:
        def change(d2, value=value):
            for row in d2["benchmarks"]:
                if row.get("name", "").startswith("roof/fma_fp64"):
                    row["flops"] = value
        r(roofs, "refuse", {"r.json": roofs_with(change)})
    r(roofs, "refuse", {"r.json": roofs_with(lambda d2: d2.update(context=[]))})
    r(roofs, "refuse", {"r.json": roofs_with(lambda d2: d2.update(benchmarks={}))})
    r(roofs, "refuse", {"r.json": roofs_with(lambda d2: d2.update(benchmarks=[7]))})
    r(roofs, "refuse", {"r.json": roofs_with(lambda d2: d2.update(benchmarks=[]))})
    r(roofs, "refuse", {"r.json": recorded_roofs.replace('"flops": ', '"flops": 1e400, "x": ', 1)})
    r(roofs, "refuse", {"r.json": recorded_roofs[: len(recorded_roofs) // 2]})
    r(roofs, "refuse", {"r.json": ""})
    def extreme(d2, flops, bandwidth):
        for row in d2["benchmarks"]:
            if "flops" in row:
                row["flops"] = flops
            if "bytes_per_second" in row:
                row["bytes_per_second"] = bandwidth
    for flops, bandwidth in [(1e-300, 1e10), (1e12, 1e300), (1e300, 1e10), (1e12, 1e-300)]:
        r(roofs, "refuse", {"r.json": roofs_with(lambda d2: extreme(d2, flops, bandwidth))})
        r(R + ["report", "--out", "{dir}/rep", "--networks", "alexnet", "--devices", "P100",
               "--roofs", "{dir}/r.json"], "refuse",
          {"r.json": roofs_with(lambda d2: extreme(d2, flops, bandwidth))})
    r(roofs, "refuse", {"r.json": recorded_layers})
    r(R + ["devices", "--roofs", "{dir}"], "refuse")
    r(R + ["devices", "--roofs", "/dev/zero"], "refuse")

    # --- bench_layers files ------------------------------------------------------------------
    l = case_class("bench_layers files (train --measured)")
    ldoc = json.loads(recorded_layers)
    first_name = ldoc["benchmarks"][0].get("run_name", ldoc["benchmarks"][0]["name"])
    network = first_name.split("/")[1].split(":")[0]
    batch = int(re.search(r"/mb:(\d+)/", first_name).group(1))
    train = R + ["train", "--network", network, "--batch", str(batch), "--measured",
                 "{dir}/l.json", "--images", str(batch)]
    train += ["--device", "P100"]
    l(train, "accept", {"l.json": recorded_layers})
    def layers_with(change):
        d2 = json.loads(recorded_layers)
        change(d2)
        return json_text(d2)
    for field, value in [("real_time", 0), ("real_time", -3), ("real_time", "1"),
                         ("real_time", None), ("time_unit", "fortnights"),
                         ("error_occurred", 1), ("run_name", 3), ("ai", "high")]:
        def change(d2, field=field, value=value):
            d2["benchmarks"][0][field] = value
        l(train, "refuse", {"l.json": layers_with(change)})
    def other_batch(d2):
        row = dict(d2["benchmarks"][0])
        row["name"] = row["name"].replace("/mb:%d/" % batch, "/mb:%d/" % (batch + 1))
        row["run_name"] = row.get("run_name", row["name"]).replace(
            "/mb:%d/" % batch, "/mb:%d/" % (batch + 1))
        d2["benchmarks"].append(row)
    l(train, "refuse", {"l.json": layers_with(other_batch)})
    def other_ai(d2):
        for row in d2["benchmarks"]:
            if "ai" in row:
                row["ai"] = row["ai"] * 3 + 1
    l(train, "refuse", {"l.json": layers_with(other_ai)})
    # A time no kernel takes (a rate of 1e300 FLOP/s follows), an implementation name with an
    # escape in it.
    for value in [1e-300, 1e300]:
        def change(d2, value=value):
            d2["benchmarks"][0]["real_time"] = value
        l(train, "refuse", {"l.json": layers_with(change)})
        l(R + ["report", "--out", "{dir}/rep", "--networks", network, "--devices", "P100",
               "--bench", "{dir}/l.json"], "refuse", {"l.json": layers_with(change)})
    def escaped_impl(d2):
        for row in d2["benchmarks"]:
            for key in ("name", "run_name"):
                if key in row:
                    row[key] = re.sub(r"/impl:[^/]*", "/impl:x\x1b[31m", row[key])
    l(train, "refuse", {"l.json": layers_with(escaped_impl)})
    # A layer the network lacks, a layer under another op, a measurement of no iteration.
    def renamed(pattern, replacement):
        def change(d2):
            row = d2["benchmarks"][0]
            for key in ("name", "run_name"):
                if key in row:
                    row[key] = re.sub(pattern, replacement, row[key], count=1)
        return change
    l(train, "refuse", {"l.json": layers_with(renamed(r":[a-z0-9_]+/", ":fc99/"))})
    l(train, "refuse", {"l.json": layers_with(renamed(r"^[a-z0-9_]+/", "conv/"))})
    l(train, "refuse", {"l.json": layers_with(lambda d2: d2["benchmarks"][0].update(
        iterations=0))})
    l(train, "refuse", {"l.json": layers_with(lambda d2: d2["benchmarks"][0].update(
        name="BM_other", run_name="BM_other"))})
    l(train, "refuse", {"l.json": recorded_roofs})
    l(train, "refuse", {"l.json": "{"})
    l(R + ["train", "--network", network, "--batch", str(batch + 1), "--measured",
           "{dir}/l.json", "--device", "P100"], "refuse", {"l.json": recorded_layers})

    # --- bench_comm and interconnect files ---------------------------------------------------
    c = case_class("interconnect and bench_comm files (--interconnect-file)")
    links = R + ["interconnects", "--interconnect-file", "{dir}/c.json"]
    c(links, "accept", {"c.json": recorded_comm})
    def comm_with(change):
        d2 = json.loads(recorded_comm)
        change(d2)
        return json_text(d2)
    for field, value in [("busbw", "fast"), ("busbw", -1), ("bytes", 0), ("real_time", "x"),
                         ("time_unit", "h"), ("ranks", 2.5), ("error_occurred", "x")]:
        def change(d2, field=field, value=value):
            for row in d2["benchmarks"]:
                row[field] = value
        c(links, "refuse", {"c.json": comm_with(change)})
    for key, value in [("roof_ranks", "many"), ("roof_nodes", "-1"), ("roof_ranks", "1"),
                       ("roof_interconnect_name", "x\x1b[31m"), ("roof_gpus", "x\ny"),
                       ("roof_hostname", "h\x1b[2J")]:
        def change(d2, key=key, value=value):
            d2["context"][key] = value
        c(links, "refuse", {"c.json": comm_with(change)})
    # report --comm tabulates the same files: it refuses what --interconnect-file refuses.
    report_comm = R + ["report", "--out", "{dir}/rep", "--networks", "alexnet", "--devices",
                       "P100", "--comm", "{dir}/c.json"]
    for field, value in [("busbw", 0), ("busbw", 1e-300), ("bytes", 1e300), ("bytes", 1.5),
                         ("ranks", 1), ("real_time", 1e300)]:
        def change(d2, field=field, value=value):
            for row in d2["benchmarks"]:
                row[field] = value
        c(report_comm, "refuse", {"c.json": comm_with(change)})
        if field == "bytes" and value == 1.5:
            c(links, "refuse", {"c.json": comm_with(change)})
    def fast_bus(d2):
        for row in d2["benchmarks"]:
            if "busbw" in row:
                row["busbw"] = row["busbw"] * 1e12
    c(links, "refuse", {"c.json": comm_with(fast_bus)})
    c(report_comm, "refuse", {"c.json": comm_with(fast_bus)})
    for key, value in [("roof_nodes", "1048576"), ("roof_ranks", "4")]:
        def change(d2, key=key, value=value):
            d2["context"][key] = value
        c(report_comm, "refuse", {"c.json": comm_with(change)})
    c(links, "refuse", {"c.json": '{"interconnects": [{"name": "x"}]}'})
    c(links, "refuse", {"c.json": '{"interconnects": [{"name": "x", "scope": "gpu", '
                                   '"shared_by": 1.5, "theoretical": {"gbs": 10, "source": "s"},'
                                   ' "achieved": {"gbs": 8, "source": "s"}, '
                                   '"latency": {"us": 5, "source": "s"}}]}'})
    c(links, "refuse", {"c.json": '{"interconnects": [{"name": "x", "scope": "gpu", '
                                   '"theoretical": {"gbs": 1e300, "source": "s"},'
                                   ' "achieved": {"gbs": 8, "source": "s"}, '
                                   '"latency": {"us": 5, "source": "s"}}]}'})
    c(links, "refuse", {"c.json": ""})
    c(R + ["report", "--out", "{dir}/rep", "--networks", "alexnet", "--devices", "P100",
           "--comm", "{dir}/c.json"], "refuse", {"c.json": recorded_roofs})

    # --- flags -------------------------------------------------------------------------------
    f = case_class("flags")
    # Leading zeros are decimal (010 is 10, never octal 8); the output says so.
    f(R + ["layers", "--network", "alexnet", "--batch", "010"], "accept")
    for words in [["layers", "--network", "alexnet", "--batch", "-1"],
                  ["layers", "--network", "alexnet", "--batch", "0"],
                  ["layers", "--network", "alexnet", "--batch", "1e3"],
                  ["layers", "--network", "alexnet", "--batch", "0x10"],
                  ["layers", "--network", "alexnet", "--batch", "99999999999999999999"],
                  ["layers", "--network", "alexnet", "--batch", "9223372036854775807"],
                  ["layers", "--network", "nonet"], ["layers", "--network", ""],
                  ["layers", "--network", "vgg\x1b[31m"], ["layers", "--dtype", "fp8"],
                  ["train", "--network", "alexnet", "--gpus", "0"],
                  ["train", "--network", "alexnet", "--gpus", "-2"],
                  ["train", "--network", "alexnet", "--nodes", "0"],
                  ["train", "--network", "alexnet", "--epochs", "0"],
                  ["train", "--network", "alexnet", "--images", "-5"],
                  ["train", "--network", "alexnet", "--images", "lots"],
                  ["train", "--network", "alexnet", "--bucket-mib", "-1", "--gpus", "2",
                   "--overlap"],
                  ["train", "--network", "alexnet", "--bucket-mib", "nan", "--gpus", "2",
                   "--overlap"],
                  ["train", "--network", "alexnet", "--bucket-mib", "inf", "--gpus", "2",
                   "--overlap"],
                  ["train", "--network", "alexnet", "--gpus", "9223372036854775807"],
                  ["train", "--network", "alexnet", "--device", "P100", "--batch", "1000",
                   "--images", "10"],
                  *[["explain", "--network", "alexnet_owt", "--devices", "P100", "--gpus", "2",
                     "--measured-epochs", "1gpu=" + t] for t in ["0x10", "1e-300", "1e300",
                                                               "inf", " 5", "+5"]],
                  ["train", "--network", "alexnet", "--device", "Z80"],
                  ["train", "--network", "alexnet", "--clock", "max"],
                  # --clock in MHz: only a finite clock from a tenth of to twice the boost.
                  *[["train", "--network", "alexnet", "--device", "T4", "--clock", c]
                    for c in ["nan", "inf", "-1", "0", "1e400", "1e-300", "970MHz", "15900"]],
                  ["train", "--network", "alexnet", "--device", "T4", "--clock", "970",
                   "--model", "roofline", "--ceilings", "sustained"],
                  ["train", "--network", "alexnet", "--model", "guess"],
                  ["explain", "--network", "alexnet", "--devices", "P100"],
                  ["report", "--out", "{dir}/rep", "--devices", "P100,P100"],
                  ["report", "--out", "{dir}/rep", "--devices", "P100",
                   "--networks", "alexnet,ALEXNET"],
                  ["report", "--out", "{dir}/rep", "--batch", "0"],
                  ["report", "--out", "{dir}/rep", "--batch", "2000000"],
                  ["train", "--network", "alexnet", "--nodes", "99999999999999999999"],
                  ["--bogus"], ["bogus"], ["layers", "--bogus"], [],
                  # --global-batch in decimal digits only (CLI11 read 0x10 as 16), at least 1
                  *[["train", "--network", "alexnet", "--gpus", "2", "--global-batch", v]
                    for v in ["0x10", "1e3", "-5", "0", "99999999999999999999", "16.0"]],
                  # flags the roofline model would drop, refused rather than ignored
                  ["train", "--network", "alexnet", "--device", "P100", "--model", "roofline",
                   "--framework", "pytorch1"],
                  ["train", "--network", "alexnet", "--device", "P100", "--model", "roofline",
                   "--library", "cudnn7"],
                  # a flag given twice, or without its value, in the suite's words
                  ["train", "--network", "alexnet", "--network", "vgg16"],
                  ["train", "--network", "alexnet", "--gpus"]]:
        f(R + words, "refuse")
    # 010 is ten images, as every count reads it (CLI11 alone would read octal 8).
    f(R + ["train", "--network", "alexnet", "--gpus", "2", "--global-batch", "010"], "accept")
    f(R + ["train", "--network", "alexnet", "--gpus", "1", "--strategy", "owt", "--framework",
           "pytorch1", "--format", "json"], "accept")
    f(R + ["train", "--network", "alexnet", "--images", "9223372036854775807", "--device",
           "P100"], "accept")
    # The same device twice compares it with itself: 1.00x, not an error.
    f(R + ["explain", "--network", "alexnet", "--devices", "P100,P100"], "accept")
    f(R + ["train", "--network", "alexnet", "--device", "T4", "--clock", "970"], "accept")
    f(R + ["layers", "--network", "alexnet", "--batch", "65536"], "accept")
    f(R + ["layers", "--network", "alexnet", "--format", "json"], "accept")

    # --- bench_layers' own flags and files ---------------------------------------------------
    b = case_class("bench_layers flags and --roofs files")
    bl = ["{bench_layers}", "--benchmark_list_tests"]
    for words in [["--batch", "0x10"], ["--batch", "-3"], ["--batch", "0"],
                  ["--batch", "99999999999999999999"], ["--batch", "1e2"],
                  ["--network", "nonet"], ["--dataset", "mnist"], ["--impl", "magic"],
                  ["--bogus"], ["--network"],
                  # counts that overflow 64 bits, refused before any case is registered
                  ["--network", "alexnet", "--batch", "9223372036854775807"],
                  ["--network", "alexnet", "--batch", "1099511627776"],
                  ["--network", "alexnet,AlexNet"], ["--all-networks", "--network", "alexnet"]]:
        b(bl + words, "refuse")
    # Google Benchmark's own refusals, named by the program rather than its path, and a
    # --benchmark_out that cannot be opened, refused before anything runs.
    for program in ["{bench_roofs}", "{bench_catalogue}", "{bench_comm}"]:
        b([program, "--bogus"], "refuse")
        b([program, "--benchmark_out={dir}/no/such/dir/o.json"], "refuse")
        b([program, "--benchmark_out={dir}"], "refuse")
    b(["{bench_layers}", "--network", "alexnet", "--benchmark_out={dir}/no/such/dir/o.json"],
      "refuse")
    # bench_roofs' environment: a STREAM size of digits and one K, M or G (whose four arrays fit in
    # the available memory), an FMA unit count of one digit.
    for value in ["-4096", "1e4", " 4096", "4096KB", "99999999999999999999", "100000000G", "0"]:
        b(["{bench_roofs}", "--benchmark_list_tests", "%ROOF_STREAM_BYTES=" + value], "refuse")
    for value in ["1e9", "1.5", "3x", " 3", "9", "0", "0x4"]:
        b(["{bench_roofs}", "--benchmark_list_tests", "%ROOF_FMA_UNITS=" + value], "refuse")
    b(["{bench_roofs}", "--benchmark_list_tests", "%ROOF_STREAM_BYTES=64M",
       "%ROOF_FMA_UNITS=4", ">/dev/null"], "accept")
    b(bl + ["--network", "alexnet", "--batch", "010"], "accept")
    for content in ['{"context": {}, "benchmarks": [{"name": "roof/fma_fp32", "flops": 1e400}]}',
                    "", "not json", recorded_layers,
                    recorded_roofs.replace('"flops"', '"flops": "x", "y"', 1)]:
        b(["{bench_layers}", "--network", "alexnet", "--benchmark_filter=fc8/fwd/.*direct",
           "--benchmark_min_time=0.01", "--roofs", "{dir}/r.json"], "refuse",
          {"r.json": content})

    # --- writes ------------------------------------------------------------------------------
    w = case_class("writes")
    for words in [["networks"], ["layers", "--network", "alexnet"], ["devices"],
                  ["interconnects"], ["place", "--network", "alexnet", "--device", "P100"],
                  ["train", "--network", "alexnet"],
                  ["explain", "--network", "alexnet", "--devices", "P100,K40m"]]:
        w(R + words + [">/dev/full"], "refuse")
    # Help and version text is output too: into a full disk it is an error.
    for words in [["--help"], ["train", "--help"], ["--version"]]:
        w(R + words + [">/dev/full"], "refuse")
    for program in ["{bench_roofs}", "{bench_layers}", "{bench_catalogue}"]:
        w([program, "--help", ">/dev/full"], "refuse")
        w([program, "--benchmark_list_tests", ">/dev/full"], "refuse")
    w(R + ["report", "--out", "{dir}/afile", "--networks", "alexnet", "--devices", "P100"],
      "refuse", {"afile": "a file, not a directory"})
    for program, extra in [("{bench_roofs}", ["--benchmark_filter=roof/stream_triad/"]),
                           ("{bench_catalogue}", ["--benchmark_filter=BM_AllNetworksLayers"])]:
        w([program] + extra + ["--benchmark_min_time=0.01", "--benchmark_out=/dev/full",
                               ">/dev/null"], "refuse")
        w([program] + extra + ["--benchmark_min_time=0.01", ">/dev/full"], "refuse")
    return CLASSES


def run_case(words, files, paths, workdir):
    for name, content in files.items():
        with open(os.path.join(workdir, name), "wb") as out:
            out.write(content.encode("utf-8", "surrogateescape"))
    stdout_target = None
    args = []
    env = dict(os.environ)
    for word in words:
        if word.startswith(">"):
            stdout_target = word[1:]
            continue
        if word.startswith("%"):  # %NAME=value: an environment variable of the run
            name, _, value = word[1:].partition("=")
            env[name] = value
            continue
        args.append(word.format(dir=workdir, **paths))
    out_file = open(stdout_target, "wb") if stdout_target else subprocess.PIPE
    try:
        proc = subprocess.run(args, stdout=out_file, stderr=subprocess.PIPE, timeout=120,
                              cwd=workdir, env=env)
    finally:
        if stdout_target:
            out_file.close()
    for name in files:
        path = os.path.join(workdir, name)
        if os.path.isfile(path):
            os.remove(path)
    return proc.returncode, proc.stdout or b"", proc.stderr


NONFINITE = re.compile(rb"(?<![A-Za-z_])(-?inf|-?nan|Infinity|NaN)(?![A-Za-z_])|: null[,}\n]")


def verdict(expect, code, out, err, program, named=()):
    lines = err.decode("utf-8", "replace").splitlines()
    if code < 0 or code > 128:
        return "crash"
    if b"internal error" in err or b"terminate called" in err or b"what():" in err:
        return "internal error"
    if expect == "accept":
        if code != 0:
            return "refused valid input"
        if NONFINITE.search(out):
            return "silently wrong"
        return "accepted"
    if code == 0:
        return "silently wrong"
    errors = [line for line in lines if line.startswith(program + ": error:")]
    if code != 2 or len(errors) != 1:
        return "unclear error"
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", errors[0]):
        return "unclear error"
    if named and not any(name in errors[0] for name in named):
        return "file not named"
    return "clear refusal"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the build directory")
    parser.add_argument("--tests", default=os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), help="the tests/ folder (its data files)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    paths = {"roofline": os.path.join(args.bin, "cli/roofline"),
             "bench_roofs": os.path.join(args.bin, "bench/roofs/bench_roofs"),
             "bench_catalogue": os.path.join(args.bin, "bench/catalogue/bench_catalogue"),
             "bench_layers": os.path.join(args.bin, "bench/layers/bench_layers"),
             "bench_comm": os.path.join(args.bin, "bench/comm/bench_comm")}
    kinds = ["clear refusal", "accepted", "crash", "internal error", "silently wrong",
             "unclear error", "file not named", "refused valid input"]
    rows = []
    failures = []
    with tempfile.TemporaryDirectory() as workdir:
        for name, cases in build_cases(args.tests):
            counts = dict.fromkeys(kinds, 0)
            for words, expect, files in cases:
                program = os.path.basename(words[0].strip("{}"))
                if not os.path.exists(paths.get(program, words[0])):
                    continue  # a build without benchmarks
                code, out, err = run_case(words, files, paths, workdir)
                # A refusal of a file's content names the file.
                named = [n for n in files if any(n in w for w in words)]
                if b"the counts of layer" in err:
                    named = []  # counted after reading: the layer is named instead
                kind = verdict(expect, code, out, err, program, named)
                counts[kind] += 1
                if kind not in ("clear refusal", "accepted"):
                    shown = " ".join(w.replace(workdir, "D") for w in words)
                    for content in files.values():
                        shown += " <<< " + ascii(content[:60])
                    failures.append("%s: %s (exit %d): %s | %s" % (
                        name, kind, code, shown[:160],
                        err.decode("utf-8", "replace").strip()[:200]))
            rows.append((name, sum(counts.values()), counts))
    header = ["input class", "tried"] + kinds
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + " --- |" * len(header))
        for name, tried, counts in rows:
            print("| " + " | ".join([name, str(tried)] + [str(counts[k]) for k in kinds]) + " |")
        total = [sum(r[2][k] for r in rows) for k in kinds]
        print("| **all** | " + " | ".join([str(sum(r[1] for r in rows))] +
                                        [str(t) for t in total]) + " |")
    else:
        for name, tried, counts in rows:
            print("%-58s %4d  %s" % (name, tried, "  ".join(
                "%s %d" % (k, counts[k]) for k in kinds if counts[k])))
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
