#!/usr/bin/env python3
"""A report chart as a person sees it: render the SVG in headless Chromium and check that every
roof the chart draws (<g class="roof" data-device=...>, in its own colour) shows in the picture,
not hidden under another.

    screenshot_check.py CHROMIUM CHART.svg OUT.png [MIN_PIXELS]

Prints one line per roof (device, colour, visible pixels) and exits 1 when a roof has fewer
than MIN_PIXELS (default 300) pixels of its colour, 2 when the picture cannot be made."""

import re
import struct
import subprocess
import sys
import zlib


def roofs(svg_text):
    """(device, "#rrggbb") for each roof group: the colour of its first stroke."""
    found = []
    for m in re.finditer(r'<g class="roof" data-device="([^"]+)">(.*?)</g>', svg_text, re.S):
        colour = re.search(r'stroke="(#[0-9a-fA-F]{6})"', m.group(2))
        if colour:
            found.append((m.group(1), colour.group(1).lower()))
    return found


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    while pos < len(data):
        length, name = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if name == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            if depth != 8 or kind not in (2, 6):
                raise ValueError("only 8-bit RGB or RGBA PNG is read")
        elif name == b"IDAT":
            idat += body
        pos += 12 + length
    step = 3 if kind == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind_of_filter = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind_of_filter == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind_of_filter == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind_of_filter == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind_of_filter == 4:
                line[i] = (line[i] + paeth(left, up, corner)) & 0xFF
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, step)])
        previous = line
    return width, height, rows


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    chromium, chart, png = argv[1], argv[2], argv[3]
    minimum = int(argv[4]) if len(argv) > 4 else 300
    wanted = roofs(open(chart, encoding="utf-8").read())
    if not wanted:
        print(f"screenshot_check: {chart} draws no roof", file=sys.stderr)
        return 2
    shot = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", f"--screenshot={png}", "--window-size=1000,720",
                           "file://" + chart], capture_output=True, timeout=120)
    try:
        _, _, rows = read_png(png)
    except (OSError, ValueError) as e:
        print(f"screenshot_check: no picture from {chromium} ({e}; exit {shot.returncode})",
              file=sys.stderr)
        return 2
    targets = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for _, c in wanted]
    counts = [0] * len(targets)
    for row in rows:
        for pixel in row:
            for k, t in enumerate(targets):
                if sum((pixel[i] - t[i]) ** 2 for i in range(3)) <= 30 ** 2:
                    counts[k] += 1
    failed = False
    for (device, colour), count in zip(wanted, counts):
        print(f"{device} ({colour}): {count} pixels")
        failed = failed or count < minimum
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
