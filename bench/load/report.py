#!/usr/bin/env python3
"""The sustained-load report (bench/load/run.sh): reads what LoadDriver.java wrote (samples.csv, memory.csv,
counters.txt, errors.txt) and the run's facts (meta.json, from run.sh), appends a section to RESULTS.md and writes
an SVG plot beside it: p50/p99 per operation per 10 s, and the server's resident memory. Python's standard library
only (no matplotlib on the benchmark machine).

    python3 bench/load/report.py --dir bench/results/tmp/load --results bench/load/RESULTS.md
"""
import argparse
import csv
import json
import math
import os
from collections import defaultdict

BUCKET_MS = 10_000
COLOURS = {"locate": "#1f77b4", "list": "#2ca02c", "report": "#d62728", "upload": "#9467bd",
           "transition": "#ff7f0e", "feed": "#17becf"}
ORDER = ["locate", "list", "report", "upload", "transition", "feed"]


def percentile(sorted_values, p):
    """Nearest rank: the smallest value with at least p of the values at or below it (None when empty)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p * len(sorted_values)))
    return sorted_values[rank - 1]


def is_error(status):
    """No answer (0) or a 4xx/5xx answer."""
    return status == 0 or status >= 400


def read_samples(path):
    """op -> list of (t_ms, latency_us, status), in file order."""
    by_op = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            by_op[row["op"]].append((int(row["t_ms"]), int(row["latency_us"]), int(row["status"])))
    return by_op


def summarise(samples, seconds):
    """Per operation: requests, rate per second over the measured seconds, p50/p99/max in ms, errors."""
    out = {}
    for op, rows in samples.items():
        lat = sorted(r[1] for r in rows if not is_error(r[2]))
        errors = sum(1 for r in rows if is_error(r[2]))
        out[op] = {
            "requests": len(rows),
            "rate": len(rows) / seconds if seconds else 0.0,
            "p50_ms": ms(percentile(lat, 0.50)),
            "p99_ms": ms(percentile(lat, 0.99)),
            "max_ms": ms(lat[-1] if lat else None),
            "errors": errors,
        }
    return out


def bucketed(samples, width_ms=BUCKET_MS):
    """op -> sorted list of (bucket start s, count, p50 ms, p99 ms) of the answered requests due in each bucket."""
    out = {}
    for op, rows in samples.items():
        buckets = defaultdict(list)
        for t, latency, status in rows:
            if not is_error(status) and t >= 0:
                buckets[t // width_ms].append(latency)
        series = []
        for b in sorted(buckets):
            values = sorted(buckets[b])
            series.append((b * width_ms / 1000, len(values), ms(percentile(values, 0.5)), ms(percentile(values, 0.99))))
        out[op] = series
    return out


def read_memory(path):
    """list of (t s, rss MiB, cpu ms, heap used MiB, heap live after GC MiB) in file order; None where unknown."""
    def mib(v):
        return None if v is None or v == "" or int(v) < 0 else int(v) / 1024
    with open(path, newline="") as f:
        return [(int(r["t_ms"]) / 1000, int(r["rss_kb"]) / 1024, int(r["cpu_ms"]), mib(r.get("heap_used_kb")),
                 mib(r.get("heap_live_kb"))) for r in csv.DictReader(f)]


def slope_per_minute(points):
    """Least-squares slope of (t s, y) in y per minute (0 for fewer than two points)."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mt = sum(t for t, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((t - mt) ** 2 for t, _ in points)
    if var == 0:
        return 0.0
    return sum((t - mt) * (y - my) for t, y in points) / var * 60


def ms(us):
    return None if us is None else us / 1000


def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}"


def svg(series, memory, seconds, title):
    """Two panels sharing the time axis: latency per operation (log scale; p99 solid, p50 dashed) and RSS (MiB)."""
    width, left, right = 960, 70, 150
    top1, h1, gap, h2 = 40, 300, 50, 160
    top2 = top1 + h1 + gap
    height = top2 + h2 + 45
    plot_w = width - left - right
    t_max = max(seconds, 1)
    x = lambda t: left + plot_w * min(max(t, 0), t_max) / t_max

    latencies = [v for s in series.values() for _, _, p50, p99 in s for v in (p50, p99) if v]
    lo = 10 ** math.floor(math.log10(min(latencies))) if latencies else 0.1
    hi = 10 ** math.ceil(math.log10(max(latencies))) if latencies else 1000
    if hi <= lo:
        hi = lo * 10
    y1 = lambda v: top1 + h1 - h1 * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    rss = [m[1] for m in memory] or [0]
    r_hi = max(rss) * 1.1 or 1
    y2 = lambda v: top2 + h2 - h2 * v / r_hi

    e = []
    e.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">')
    e.append(f'<rect width="{width}" height="{height}" fill="white"/>')
    e.append(f'<text x="{left}" y="20" font-size="14">{escape(title)}</text>')
    # latency axes: a line per decade
    decade = lo
    while decade <= hi * 1.0001:
        yy = y1(decade)
        e.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd"/>')
        e.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{decade:g} ms</text>')
        decade *= 10
    e.append(f'<text x="{left}" y="{top1 - 6}">latency per 10 s (log scale): p99 solid, p50 dashed</text>')
    for op in sorted(series, key=lambda o: ORDER.index(o) if o in ORDER else len(ORDER)):
        colour = COLOURS.get(op, "#444")
        for i, dash in ((3, ""), (2, ' stroke-dasharray="4 3"')):
            pts = " ".join(f"{x(b[0] + BUCKET_MS / 2000):.1f},{y1(b[i]):.1f}" for b in series[op] if b[i])
            if pts:
                e.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5"{dash} points="{pts}"/>')
    legend_y = top1 + 10
    for op in [o for o in ORDER if o in series] + [o for o in series if o not in ORDER]:
        e.append(f'<line x1="{left + plot_w + 15}" x2="{left + plot_w + 40}" y1="{legend_y}" y2="{legend_y}" '
                 f'stroke="{COLOURS.get(op, "#444")}" stroke-width="2"/>')
        e.append(f'<text x="{left + plot_w + 45}" y="{legend_y + 4}">{escape(op)}</text>')
        legend_y += 18
    # memory
    e.append(f'<text x="{left}" y="{top2 - 6}">server memory, MiB: resident (VmRSS) solid, JVM heap live after GC dashed</text>')
    for i in range(5):
        v = r_hi * i / 4
        e.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y2(v):.1f}" y2="{y2(v):.1f}" stroke="#ddd"/>')
        e.append(f'<text x="{left - 6}" y="{y2(v) + 4:.1f}" text-anchor="end">{v:.0f}</text>')
    for i, dash in ((1, ""), (4, ' stroke-dasharray="4 3"')):
        pts = " ".join(f"{x(m[0]):.1f},{y2(m[i]):.1f}" for m in memory if m[0] >= 0 and m[i] is not None)
        if pts:
            e.append(f'<polyline fill="none" stroke="#333" stroke-width="1.5"{dash} points="{pts}"/>')
    # time axis
    step = 60 if t_max > 180 else 10
    t = 0
    while t <= t_max:
        e.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top2 + h2}" y2="{top2 + h2 + 4}" stroke="#333"/>')
        e.append(f'<text x="{x(t):.1f}" y="{top2 + h2 + 16}" text-anchor="middle">{t // 60}:{t % 60:02d}</text>')
        t += step
    e.append(f'<text x="{left + plot_w / 2}" y="{top2 + h2 + 34}" text-anchor="middle">time since the measured start (min:s)</text>')
    for top, h in ((top1, h1), (top2, h2)):
        e.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{h}" fill="none" stroke="#333"/>')
    e.append("</svg>")
    return "\n".join(e) + "\n"


def escape(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown(meta, summary, memory, counters, errors_text, svg_name, live=()):
    seconds = meta["seconds"]
    measured = [m for m in memory if m[0] >= 0] or memory
    rss = [m[1] for m in measured]
    cpu_s = (measured[-1][2] - measured[0][2]) / 1000 if len(measured) > 1 else 0
    span = measured[-1][0] - measured[0][0] if len(measured) > 1 else 0
    total_errors = sum(s["errors"] for s in summary.values())
    total_requests = sum(s["requests"] for s in summary.values())
    made = meta.get("reports_made", 0)
    growth = meta["db_bytes_after"] - meta["db_bytes_before"]
    lines = [
        "",
        f"## {meta['date']} — commit {meta['commit']} ({meta['branch']})",
        "",
        f"- Machine: {meta['machine']}; load average (1/5/15 min) before the run {meta['load_before']}, "
        f"at the end {meta['load_after']}",
        f"- Versions: {meta['versions']}",
        f"- Data: {meta['data']}",
        f"- Load (open model, fixed rates, seed {meta['seed']}): {meta['rates']}; warm-up {meta['warmup']} s, then "
        f"{seconds} s measured",
        "",
        "| operation | requests | per second | p50 ms | p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for op in [o for o in ORDER if o in summary] + sorted(o for o in summary if o not in ORDER):
        s = summary[op]
        lines.append(f"| {op} | {s['requests']:,} | {s['rate']:.1f} | {fmt(s['p50_ms'])} | {fmt(s['p99_ms'])} | "
                     f"{fmt(s['max_ms'])} | {s['errors']:,} |")
    lines += [
        "",
        f"- **Errors: {total_errors:,} of {total_requests:,} samples "
        f"({100 * total_errors / total_requests if total_requests else 0:.3f} %; target zero)**"
        + ("" if not errors_text.strip() else "; the driver's first errors of each kind (the warm-up and the memory "
                                               "reads included):"),
    ]
    for line in errors_text.strip().splitlines()[:12]:
        lines.append(f"  - `{line[:300]}`")
    lines += [
        f"- **Server resident memory (VmRSS): {fmt(rss[0] if rss else None, 0)} MiB at the measured start, "
        f"{fmt(rss[-1] if rss else None, 0)} MiB at the end, max {fmt(max(rss) if rss else None, 0)} MiB; "
        f"trend {slope_per_minute([(m[0], m[1]) for m in measured]):+.2f} MiB/min over the run, "
        f"{slope_per_minute([(m[0], m[1]) for m in measured if m[0] >= seconds / 2]):+.2f} MiB/min over its "
        f"second half**; {live_note(live)}; JVM heap live after the last collection (metrics; G1's old generation "
        f"after young collections, which rises until a concurrent cycle) {heap_note(measured, seconds)}; server CPU {cpu_s:,.0f} s in {span:,.0f} s ({100 * cpu_s / span if span else 0:.0f} % of one core)",
        f"- **Database: {meta['db_bytes_before']:,} bytes before, {meta['db_bytes_after']:,} after the run "
        f"(+{growth:,}); {made:,} reports made (and their steps): "
        f"{growth / made if made else 0:,.0f} bytes per report** (the photos are in object storage, not counted)",
        "- Driver counters: " + ", ".join(f"{k} {v}" for k, v in sorted(counters.items())),
        "",
        f"![latency p50/p99 per 10 s and resident memory]({svg_name})",
    ]
    return "\n".join(lines) + "\n"


def read_live(path):
    """list of (t s since the measured start, live bytes after a full GC) from run.sh's live.csv; [] when absent."""
    out = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                t, _, b = line.strip().partition(",")
                if t and b:
                    out.append((int(t), int(b)))
    return out


def live_note(live):
    if not live:
        return "live set after a full GC not read"
    mib = [(t, b / 1048576) for t, b in live]
    points = ", ".join(f"{m:,.1f} MiB at {t} s" for t, m in mib)
    return (f"**JVM live set after a full GC (jcmd GC.class_histogram): {points}; trend "
            f"{slope_per_minute(mib):+.2f} MiB/min**")


def heap_note(measured, seconds):
    live = [(m[0], m[4]) for m in measured if len(m) > 4 and m[4] is not None]
    if not live:
        return "not read"
    return (f"{live[0][1]:,.0f} MiB at the start, {live[-1][1]:,.0f} at the end, trend "
            f"{slope_per_minute(live):+.2f} MiB/min ({slope_per_minute([p for p in live if p[0] >= seconds / 2]):+.2f} "
            f"over the second half)")


def read_counters(path):
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.strip().split("=", 1)
                    out[k] = int(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True, help="the driver's output directory, with meta.json")
    ap.add_argument("--results", required=True, help="RESULTS.md to append to; the SVG goes beside it")
    args = ap.parse_args()
    with open(os.path.join(args.dir, "meta.json")) as f:
        meta = json.load(f)
    samples = read_samples(os.path.join(args.dir, "samples.csv"))
    memory = read_memory(os.path.join(args.dir, "memory.csv"))
    summary = summarise(samples, meta["seconds"])
    counters = read_counters(os.path.join(args.dir, "counters.txt"))
    errors_path = os.path.join(args.dir, "errors.txt")
    errors_text = open(errors_path).read() if os.path.exists(errors_path) else ""
    svg_name = f"load-{meta['stamp']}.svg"
    with open(os.path.join(os.path.dirname(os.path.abspath(args.results)), svg_name), "w") as f:
        f.write(svg(bucketed(samples), memory, meta["seconds"], f"GridGov sustained load, {meta['date']}"))
    live = read_live(os.path.join(args.dir, "live.csv"))
    section = markdown(meta, summary, memory, counters, errors_text, svg_name, live)
    with open(args.results, "a") as f:
        f.write(section)
    print(section)


if __name__ == "__main__":
    main()
