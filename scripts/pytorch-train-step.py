#!/usr/bin/env python3
"""A real framework's training step on this CPU, beside the suite's composed iteration.

Times PyTorch's CPU training step of the catalogue's alexnet_owt (torchvision's AlexNet, the
"one weird trick" form: the same layers, shapes and parameters as `roofline layers --network
alexnet_owt`) at a given batch, fp32, with PyTorch's SGD with momentum: zero_grad, forward,
cross-entropy, backward, optimizer step. The median of the timed steps after warm-up steps, and
the same for the forward pass alone and the optimizer step alone, so the difference from the
composition can be split. docs/validation.md sets the result beside `roofline train --measured`.

  /usr/bin/python3 scripts/pytorch-train-step.py --batch 8 --threads 2 --out step.json

Needs PyTorch (Debian: python3-torch, for /usr/bin/python3).
"""

import argparse
import json
import statistics
import sys
import time


def fail(message):
    print(f"pytorch-train-step: {message}", file=sys.stderr)
    sys.exit(2)


def alexnet_owt(torch):
    nn = torch.nn
    # conv1 .. pool5, avgpool (6x6 -> 6x6), drop6, fc6, relu6, drop7, fc7, relu7, fc8: the
    # catalogue's alexnet_owt in its order.
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.AdaptiveAvgPool2d((6, 6)), nn.Flatten(), nn.Dropout(0.5),
        nn.Linear(9216, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, 1000))


def median_seconds(step, warmup, steps):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


# PyTorch's operators grouped as the suite's composition groups its rows.
PARTS = [
    ("conv fwd", ("aten::mkldnn_convolution", "aten::_convolution")),
    ("conv bwd", ("aten::convolution_backward", "aten::mkldnn_convolution_backward")),
    ("fc fwd", ("aten::addmm",)),
    ("fc bwd", ("aten::mm",)),
    ("optimizer step (mul_, add_)", ("aten::mul_", "aten::add_")),
    ("zero_grad and gradient buffers", ("Optimizer.zero_grad#SGD.zero_grad", "aten::fill_",
                                         "aten::zero_", "aten::empty", "aten::zeros")),
]


def profile(torch, train_step, steps=5):
    from torch.profiler import ProfilerActivity
    with torch.profiler.profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(steps):
            train_step()
    parts = {name: 0.0 for name, _ in PARTS}
    parts["other ops (pooling, ReLU, loss, ...)"] = 0.0
    for event in prof.key_averages():
        ms = event.self_cpu_time_total / 1e3 / steps
        for name, ops in PARTS:
            if event.key in ops:
                parts[name] += ms
                break
        else:
            parts["other ops (pooling, ReLU, loss, ...)"] += ms
    parts["total (profiled)"] = sum(parts.values())
    return parts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=0,
                        help="intra-op threads (default: one per CPU the process may use)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--out", help="write the result as JSON here")
    parser.add_argument("--profile", action="store_true",
                        help="also split 5 steps by PyTorch's profiler (self CPU time per op "
                             "kind; the profiler's own overhead inflates every part a little)")
    args = parser.parse_args()
    if args.batch <= 0 or args.steps <= 0 or args.warmup < 0 or args.threads < 0:
        fail("--batch and --steps must be positive, --warmup and --threads not negative")
    try:
        import torch
    except ImportError:
        fail("PyTorch is not installed for this Python (Debian: apt-get install python3-torch, "
             "then run it with /usr/bin/python3)")
    import os
    threads = args.threads or len(os.sched_getaffinity(0))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = alexnet_owt(torch)
    params = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(args.batch, 3, 224, 224)
    labels = torch.randint(0, 1000, (args.batch,))

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), labels)
        loss.backward()
        optimizer.step()

    def forward():
        with torch.no_grad():
            model(x)

    def update():
        optimizer.step()

    model.train()
    step_s, step_all = median_seconds(train_step, args.warmup, args.steps)
    forward_s, _ = median_seconds(forward, args.warmup, args.steps)
    update_s, _ = median_seconds(update, args.warmup, args.steps)
    result = {
        "network": "alexnet_owt",
        "batch": args.batch,
        "dtype": "fp32",
        "framework": f"PyTorch {torch.__version__}",
        "onednn": torch.backends.mkldnn.is_available(),
        "threads": torch.get_num_threads(),
        "parameters": params,
        "step_s": step_s,
        "step_min_s": min(step_all),
        "forward_no_grad_s": forward_s,
        "optimizer_step_s": update_s,
        "steps": args.steps,
        "warmup": args.warmup,
    }
    if args.profile:
        result["profile_ms_per_step"] = profile(torch, train_step)
    print(f"PyTorch {torch.__version__}, {threads} threads, alexnet_owt, batch {args.batch}, "
          f"{params} parameters")
    print(f"  training step  {step_s * 1e3:10.2f} ms (median of {args.steps}; "
          f"fastest {min(step_all) * 1e3:.2f})")
    print(f"  forward alone  {forward_s * 1e3:10.2f} ms (no_grad)")
    print(f"  optimizer step {update_s * 1e3:10.2f} ms")
    for part, ms in result.get("profile_ms_per_step", {}).items():
        print(f"  profiled: {part:28s} {ms:8.2f} ms a step")
    if args.out:
        try:
            with open(args.out, "w") as out:
                json.dump(result, out, indent=1)
                out.write("\n")
        except OSError as e:
            fail(f"cannot write {args.out}: {e.strerror}")


if __name__ == "__main__":
    main()
