#!/usr/bin/env python3
"""Summarises a compare-hnswlib.sh log: per engine, the median build rate and, per ef, the median
recall@10 and QPS; then each engine's QPS at recall@10 = 0.95 (log-linear interpolation between the
ef points around it) and the ratio AnnBench / hnswlib. Prints a Markdown table."""
import math
import re
import statistics
import sys
from collections import defaultdict

builds = defaultdict(list)
points = defaultdict(lambda: defaultdict(lambda: ([], [])))
engine = None
for line in open(sys.argv[1]):
    m = re.match(r"== set=\S+ round=\d+ engine=(\S+)", line)
    if m:
        engine = m.group(1)
        continue
    m = re.match(r"build .* seconds=([\d.]+) inserts_per_s=([\d.]+)", line)
    if m and engine:
        builds[engine].append(float(m.group(2)))
        continue
    m = re.match(r"ef=(\d+) recall@\d+=([\d.]+) qps_1thread=([\d.]+)", line)
    if m and engine:
        recalls, qps = points[engine][int(m.group(1))]
        recalls.append(float(m.group(2)))
        qps.append(float(m.group(3)))

def at_recall(engine, target=0.95):
    curve = sorted((ef, statistics.median(r), statistics.median(q)) for ef, (r, q) in points[engine].items())
    for (e0, r0, q0), (e1, r1, q1) in zip(curve, curve[1:]):
        if r0 < target <= r1:
            t = (target - r0) / (r1 - r0)
            return math.exp(math.log(q0) + t * (math.log(q1) - math.log(q0)))
    if curve and curve[0][1] >= target:
        return curve[0][2]
    return float("nan")

engines = [e for e in ("hnswlib", "annbench") if e in points]
efs = sorted({ef for e in engines for ef in points[e]})
print(f"\n{sys.argv[1]}: medians of {len(builds.get('hnswlib', []))} interleaved rounds")
print("| ef | " + " | ".join(f"{e} recall@10 | {e} QPS" for e in engines) + " | QPS ratio |")
print("|---" * (1 + 2 * len(engines) + 1) + "|")
for ef in efs:
    cells = []
    for e in engines:
        r, q = points[e][ef]
        cells += [f"{statistics.median(r):.4f}", f"{statistics.median(q):,.0f}"]
    ratio = ""
    if len(engines) == 2:
        ratio = f"{statistics.median(points['annbench'][ef][1]) / statistics.median(points['hnswlib'][ef][1]):.2f}"
    print(f"| {ef} | " + " | ".join(cells) + f" | {ratio} |")
for e in engines:
    print(f"{e}: build {statistics.median(builds[e]):,.0f} inserts/s (runs: {', '.join(f'{b:,.0f}' for b in builds[e])}); QPS at recall@10=0.95: {at_recall(e):,.0f}")
if len(engines) == 2:
    print(f"ratio annbench/hnswlib: QPS at 0.95 = {at_recall('annbench') / at_recall('hnswlib'):.2f}, build = {statistics.median(builds['annbench']) / statistics.median(builds['hnswlib']):.2f}")
