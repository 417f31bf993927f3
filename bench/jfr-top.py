#!/usr/bin/env python3
"""Where a server's CPU went, from a JFR recording's execution samples (issue 18): prints Markdown.

Usage: jfr-top.py [--top N] RECORDING.jfr...   (N rows per table, default 25; several recordings are summed)

Reads `jfr print --json --stack-depth 512 --events jdk.ExecutionSample` (samples of threads running Java code,
every 10 ms per thread with settings=profile; the JIT compiler and the GC are not sampled, the recording's
jdk.CPULoad and jdk.GarbageCollection events are summed for them). Tables: the share of samples by thread pool; by
what the sample was doing (the first frame, from the top of the stack, that falls in one of the CATEGORIES below:
JSON, JWT, the SQL client, ...); the top frames (self time); and the methods of our code and of the libraries on the
stack (inclusive time). Stacks deeper than the depth are cut at the bottom, so inclusive shares of the outermost
frames can be low; the self and category shares are exact.
"""
import json
import re
import subprocess
import sys
from collections import Counter

# (label, regular expression on "class.method"), first match from the top of the stack wins: the more specific first
CATEGORIES = [
    ("JSON (Jackson)", r"^com\.fasterxml\.jackson\."),
    ("JSON (Vert.x JsonObject/Buffer encode)", r"^io\.vertx\.core\.json\."),
    ("JWT verification (smallrye-jwt, jose4j)", r"^(io\.smallrye\.jwt\.|org\.jose4j\.)"),
    ("crypto (signatures, digests)", r"^(sun\.security\.|java\.security\.|javax\.crypto\.|com\.sun\.crypto\.)"),
    ("logging", r"^(org\.jboss\.logmanager\.|org\.jboss\.logging\.|io\.quarkus\.bootstrap\.logging\.)"),
    ("validation (Hibernate Validator)", r"^org\.hibernate\.validator\."),
    ("Hibernate / Panache", r"^(org\.hibernate\.|io\.quarkus\.hibernate\.)"),
    ("PostgreSQL client (codec, pipeline)", r"^(io\.vertx\.pgclient\.|io\.vertx\.sqlclient\.)"),
    ("security (Quarkus, identity, augmentors)", r"^(io\.quarkus\.security\.|io\.quarkus\.vertx\.http\.runtime\.security\.|io\.quarkus\.smallrye\.jwt\.)"),
    ("REST layer (RESTEasy Reactive)", r"^(org\.jboss\.resteasy\.reactive\.|io\.quarkus\.resteasy\.reactive\.)"),
    ("CDI (ArC), context propagation", r"^(io\.quarkus\.arc\.|io\.smallrye\.context\.)"),
    ("Mutiny", r"^io\.smallrye\.mutiny\."),
    ("our code (cn.gridgov)", r"^cn\.gridgov\."),
    ("Vert.x web / HTTP", r"^(io\.vertx\.ext\.web\.|io\.vertx\.core\.http\.|io\.quarkus\.vertx\.)"),
    ("Vert.x core", r"^io\.vertx\."),
    ("Netty (sockets, HTTP codec)", r"^io\.netty\."),
    ("JDK (collections, strings, time, ...)", r"^(java\.|javax\.|jdk\.|sun\.)"),
]
SOCKET = re.compile(r"^(sun\.nio\.ch\.|io\.netty\.channel\.epoll\.Native|io\.netty\.channel\.unix\.)")
COMPILED = [(label, re.compile(rx)) for label, rx in CATEGORIES]


def category_of(names):
    """Socket I/O when the leaf is; else the first frame from the top outside the JDK and Netty (a HashMap.get
    under Jackson is JSON's); else the leaf's own category."""
    if SOCKET.search(names[0]):
        return "socket I/O (NIO/epoll)"
    for n in names:
        label = next((label for label, rx in COMPILED if rx.search(n)), None)
        if label and not label.startswith(("JDK", "Netty")):
            return label
    return next((label for label, rx in COMPILED if rx.search(names[0])), "other")


def frame_name(frame):
    """class.method, the class in its Java form (JFR prints io/netty/...), lambdas and proxies by their class."""
    method = frame["method"]
    cls = re.sub(r"\$\$Lambda\$.*", "$$Lambda", method["type"]["name"].replace("/", "."))
    return cls + "." + method["name"]


def thread_pool(thread):
    name = (thread or {}).get("javaName") or (thread or {}).get("osName") or "?"
    return re.sub(r"[-#]?\d+$", "", name) or name


EVENTS = ("jdk.ExecutionSample", "jdk.CPULoad", "jdk.GarbageCollection", "jdk.ThreadCPULoad")


def read(path):
    """The recording's events of EVENTS, by type (one jfr print: it starts a JVM of its own)."""
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", ",".join(EVENTS), path],
                         check=True, capture_output=True).stdout
    by_type = {event: [] for event in EVENTS}
    for e in json.loads(out)["recording"]["events"]:
        by_type.setdefault(e["type"], []).append(e)
    return by_type


def pct(n, total):
    return f"{100.0 * n / total:.1f} %" if total else "–"


def table(title, header, rows):
    print(f"\n{title}\n")
    print(f"| {header} | samples | share |")
    print("|---|---|---|")
    for name, n, share in rows:
        print(f"| `{name}` | {n} | {share} |" if not name.startswith("*") else f"| {name} | {n} | {share} |")


def main():
    args = sys.argv[1:]
    top = 25
    if args[:1] == ["--top"]:
        top, args = int(args[1]), args[2:]
    recordings = [read(path) for path in args]
    samples = [e for r in recordings for e in r["jdk.ExecutionSample"]]
    total = len(samples)
    pools, categories, self_frames, ours, libraries = Counter(), Counter(), Counter(), Counter(), Counter()
    truncated = 0
    for s in samples:
        v = s["values"]
        pools[thread_pool(v.get("sampledThread"))] += 1
        trace = v.get("stackTrace") or {"frames": []}
        truncated += 1 if trace.get("truncated") else 0
        names = [frame_name(f) for f in trace["frames"]]
        if not names:
            continue
        self_frames[names[0]] += 1
        categories[category_of(names)] += 1
        for n in set(names):
            if n.startswith("cn.gridgov."):
                ours[n] += 1
            elif re.match(r"^(io\.smallrye\.jwt|org\.jose4j|com\.fasterxml\.jackson\.databind\.ObjectMapper|"
                          r"io\.quarkus\.security|io\.quarkus\.vertx\.http\.runtime\.security|org\.hibernate|"
                          r"org\.jboss\.logmanager|io\.vertx\.pgclient\.impl\.PgSocketConnection|"
                          r"org\.jboss\.resteasy\.reactive\.server\.handlers)", n):
                libraries[n] += 1
    cpu = [e for r in recordings for e in r["jdk.CPULoad"]]
    gcs = [e for r in recordings for e in r["jdk.GarbageCollection"]]
    print(f"JFR execution samples: {total} (stacks cut at 512 frames: {truncated}).")
    if cpu:
        user = sum(e["values"]["jvmUser"] for e in cpu) / len(cpu)
        system = sum(e["values"]["jvmSystem"] for e in cpu) / len(cpu)
        machine = sum(e["values"]["machineTotal"] for e in cpu) / len(cpu)
        print(f"JVM CPU over the recording (jdk.CPULoad, mean of {len(cpu)} readings, share of all cores): user "
              f"{100 * user:.1f} %, system {100 * system:.1f} %; the whole machine {100 * machine:.1f} %.")
    if gcs:
        pause = sum(parse_duration(e["values"]["sumOfPauses"]) for e in gcs)
        print(f"Garbage collections: {len(gcs)}, pauses {pause * 1000:.0f} ms in all.")
    threads = {}
    for e in (e for r in recordings for e in r["jdk.ThreadCPULoad"]):
        v = e["values"]
        name = (v.get("eventThread") or {}).get("javaName") or (v.get("eventThread") or {}).get("osName") or "?"
        threads.setdefault(name, []).append(v["user"] + v["system"])
    if threads:
        # each thread's mean over its readings (every 10 s with settings=profile), summed per pool: the JIT
        # compiler's threads are here, and not in the samples
        by_pool = Counter()
        for name, loads in threads.items():
            by_pool[thread_pool({"javaName": name})] += sum(loads) / len(loads)
        print("\nCPU by thread pool (jdk.ThreadCPULoad: share of the whole machine, mean of the readings; the JIT "
              "compiler's threads included, which the samples below leave out):\n")
        print("| threads | share of the machine |")
        print("|---|---|")
        for name, load in by_pool.most_common(12):
            print(f"| `{name}` | {100 * load:.1f} % |")
    table("Samples by thread pool:", "threads", [(n, c, pct(c, total)) for n, c in pools.most_common(10)])
    table("By what the sample was doing (the first frame from the top of the stack in a category):", "category",
          [("*" + n + "*", c, pct(c, total)) for n, c in categories.most_common()])
    table(f"Top {top} frames (self):", "method", [(n, c, pct(c, total)) for n, c in self_frames.most_common(top)])
    table(f"Top {top} methods of cn.gridgov on the stack (inclusive):", "method",
          [(n, c, pct(c, total)) for n, c in ours.most_common(top)])
    table(f"Top {top} library entry points on the stack (inclusive: JWT, JSON, security, Hibernate, logging, SQL "
          "client, REST handlers):", "method", [(n, c, pct(c, total)) for n, c in libraries.most_common(top)])


def parse_duration(value):
    """JFR's JSON durations: 'PT0.001234S' or a number of nanoseconds."""
    if isinstance(value, (int, float)):
        return value / 1e9
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", value)
    if not m:
        return 0.0
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


if __name__ == "__main__":
    main()
