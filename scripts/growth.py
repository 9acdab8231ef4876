#!/usr/bin/env python3
"""The cost curve: benchmarks 1, 2, 4 and 5 of BENCHMARKS.md at 1x, 10x, 100x and 1,000x
their data, each next to its baseline from the same run, written to docs/bench/growth.csv
and plotted to docs/bench/growth.svg (plain SVG, no plotting library needed).

    scripts/growth.py            run the benchmarks (release builds), then plot
    scripts/growth.py --plot     plot the CSV that is already there

Sizes: the terminal store at 1,000 to 1,000,000 items (sale commit, barcode lookup, name
search); HQ ingest from 10 terminals at 20 to 20,000 sales; a drain by one terminal of 10 to
10,000 queued sales. Figures are per operation (microseconds), so a flat line means the cost
does not grow with the data.
"""

import csv
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "docs", "bench")
CSV_PATH = os.path.join(OUT_DIR, "growth.csv")
SVG_PATH = os.path.join(OUT_DIR, "growth.svg")

CATALOG_SIZES = [1_000, 10_000, 100_000, 1_000_000]
INGEST_SALES = [20, 200, 2_000, 20_000]
DRAIN_SALES = [10, 100, 1_000, 10_000]

STORE_ROWS = {
    "5-line sale commit": "sale commit",
    "barcode lookup": "barcode lookup",
    "name search as you type": "name search",
}
INGEST_LINE = re.compile(
    r"^\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)x"
)


def run(args):
    print("$", " ".join(args), flush=True)
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"error: {' '.join(args)} failed with status {done.returncode}")
    return done.stdout


def store_rows(items):
    out = run(["cargo", "run", "--release", "--quiet", "-p", "pos-store", "--example",
               "bench", "--", str(items), "500", "5000", "lookup,search,sale"])
    rows = []
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        for prefix, name in STORE_ROWS.items():
            if cells and cells[0].startswith(prefix) and len(cells) >= 5:
                # ours p50, baseline p50 (microseconds)
                rows.append((name, items, float(cells[1]), float(cells[3])))
    return rows


def ingest_row(name, sales, terminals):
    out = run(["cargo", "run", "--release", "--quiet", "-p", "sync-e2e", "--example",
               "ingest_bench", "--", str(sales), str(terminals)])
    for line in out.splitlines():
        m = INGEST_LINE.match(line)
        if m:
            pushed = int(m.group(2))
            push_s, copy_s = float(m.group(3)), float(m.group(5))
            return (name, sales, push_s / pushed * 1e6, copy_s / pushed * 1e6)
    sys.exit(f"error: no result line from ingest_bench {sales} {terminals}")


def measure():
    rows = []
    for items in CATALOG_SIZES:
        rows += store_rows(items)
    for sales in INGEST_SALES:
        rows.append(ingest_row("HQ ingest, 10 terminals", sales, 10))
    for sales in DRAIN_SALES:
        rows.append(ingest_row("drain, 1 terminal", sales, 1))
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(CSV_PATH, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["benchmark", "size", "ours_us", "baseline_us"])
        for name, size, ours, base in rows:
            w.writerow([name, size, f"{ours:.2f}", f"{base:.2f}"])
    print(f"wrote {os.path.relpath(CSV_PATH, ROOT)}")


PANELS = [
    ("sale commit", "items in the catalog", "bare rusqlite transaction"),
    ("barcode lookup", "items in the catalog", "bare indexed query"),
    ("name search", "items in the catalog", "bare FTS query"),
    ("HQ ingest, 10 terminals", "sales pushed", "COPY of the same rows"),
    ("drain, 1 terminal", "sales queued", "COPY of the same rows"),
]


def plot():
    with open(CSV_PATH) as f:
        data = list(csv.DictReader(f))
    width, height = 330, 250
    cols = 3
    rows_n = math.ceil(len(PANELS) / cols)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{cols * width}" '
           f'height="{rows_n * height + 30}" font-family="sans-serif" font-size="11">',
           f'<rect width="100%" height="100%" fill="white"/>',
           f'<text x="10" y="18" font-size="13" font-weight="bold">Cost per operation as '
           f'the data grows (log-log; solid: ours, dashed: baseline in the same run)</text>']
    for i, (name, xlabel, baseline) in enumerate(PANELS):
        points = [(int(r["size"]), float(r["ours_us"]), float(r["baseline_us"]))
                  for r in data if r["benchmark"] == name]
        if not points:
            continue
        ox, oy = (i % cols) * width, 30 + (i // cols) * height
        left, top, pw, ph = ox + 55, oy + 42, width - 75, height - 92
        xs = [math.log10(p[0]) for p in points]
        ys = [math.log10(max(v, 1e-3)) for p in points for v in p[1:]]
        x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
        y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
        if y1 == y0:
            y1 += 1
        if x1 == x0:
            x1 += 1

        def sx(v):
            return left + (math.log10(v) - x0) / (x1 - x0) * pw

        def sy(v):
            return top + ph - (math.log10(max(v, 1e-3)) - y0) / (y1 - y0) * ph

        svg.append(f'<text x="{ox + 10}" y="{oy + 15}" font-weight="bold">{name}</text>')
        svg.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" '
                   f'stroke="#999"/>')
        for e in range(x0, x1 + 1):
            x = left + (e - x0) / (x1 - x0) * pw
            svg.append(f'<text x="{x}" y="{top + ph + 14}" text-anchor="middle">'
                       f'{10 ** e:,}</text>')
        for e in range(y0, y1 + 1):
            y = top + ph - (e - y0) / (y1 - y0) * ph
            svg.append(f'<line x1="{left}" x2="{left + pw}" y1="{y}" y2="{y}" '
                       f'stroke="#eee"/>')
            label = f"{10 ** e / 1000:g} ms" if e >= 3 else f"{10 ** e:g} µs"
            svg.append(f'<text x="{left - 4}" y="{y + 4}" text-anchor="end">{label}</text>')
        svg.append(f'<text x="{left + pw / 2}" y="{top + ph + 30}" text-anchor="middle">'
                   f'{xlabel}</text>')
        for column, colour, dash, label in [(1, "#c0392b", "", "ours"),
                                            (2, "#2c3e50", ' stroke-dasharray="5,4"',
                                             baseline)]:
            path = " ".join(f"{sx(p[0]):.1f},{sy(p[column]):.1f}" for p in points)
            svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dash}/>')
            for p in points:
                svg.append(f'<circle cx="{sx(p[0]):.1f}" cy="{sy(p[column]):.1f}" r="2.5" '
                           f'fill="{colour}"/>')
            lx = ox + 10 + (column - 1) * 60
            svg.append(f'<line x1="{lx}" x2="{lx + 14}" y1="{oy + 27}" y2="{oy + 27}" '
                       f'stroke="{colour}" stroke-width="2"{dash}/>')
            svg.append(f'<text x="{lx + 18}" y="{oy + 31}" fill="{colour}">{label}</text>')
    svg.append("</svg>")
    with open(SVG_PATH, "w") as f:
        f.write("\n".join(svg) + "\n")
    print(f"wrote {os.path.relpath(SVG_PATH, ROOT)}")


if __name__ == "__main__":
    if "--plot" not in sys.argv[1:]:
        measure()
    plot()
