"""CPU seconds per MB (``time.process_time``), which a busy shared machine disturbs far less
than wall-clock time: the floor loop, the C4-style filter, and ``clean`` in process for this
tree and for the tree before the fast path (``benchmarks/out/before``, made by
``before_after.py``).

    python benchmarks/cpu_per_mb.py --mb 5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import sys, time, orjson, json
if sys.argv[1] != "-":
    sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[5])
import newsclean
from throughput import c4_lines, floor_fn
path, limit, which = sys.argv[2], int(sys.argv[3]), sys.argv[4]
recs, size = [], 0
with open(path, "rb") as fh:
    for raw in fh:
        o = orjson.loads(raw); recs.append(o["text"]); size += len(o["text"].encode())
        if size >= limit: break
fn = {"floor": floor_fn, "c4": c4_lines, "clean": newsclean.clean}[which]
fn("warm up.\n")
t = time.process_time()
for x in recs: fn(x)
print(json.dumps({"cpu": time.process_time() - t, "bytes": size, "docs": len(recs)}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus-20mb.jsonl")
    parser.add_argument("--mb", type=float, default=5)
    args = parser.parse_args(argv)
    runs = [("floor", "-"), ("c4", "-"), ("clean", "-"), ("clean", str(HERE / "out" / "before"))]
    rows = []
    for which, src in runs:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, src, str(args.corpus), str(int(args.mb * 1e6)), which, str(HERE)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        rows.append((which if src == "-" else "clean (before the fast path)", r))
    mb = rows[0][1]["bytes"] / 1e6
    print(f"# CPU time per configuration, {rows[0][1]['docs']} documents, {mb:.1f} MB")
    print("| configuration | CPU s | MB per CPU-second | CPU vs floor | CPU vs C4 |")
    print("|---|---:|---:|---:|---:|")
    floor, c4 = rows[0][1]["cpu"], rows[1][1]["cpu"]
    for name, r in rows:
        print(f"| {name} | {r['cpu']:.2f} | {mb / r['cpu']:.1f} | {r['cpu'] / floor:.0f}x | {r['cpu'] / c4:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
