"""Before/after: the same corpus sample cleaned by two copies of the package, alternately.

    python benchmarks/check_identical.py --ab          # makes benchmarks/out/ref (tree minus perf edits)
    python benchmarks/before_after.py --ref benchmarks/out/ref --mb 5 --repeat 3

Each round runs one subprocess per tree and configuration, in alternation, so both trees see
the same machine load; the figures are medians over rounds. ``before`` is the reference copy
(with ``bulk.py`` from d505f64, before this work, too), ``after`` is the working tree.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import sys, time, orjson
sys.path.insert(0, sys.argv[1]) if sys.argv[1] != "-" else None
import newsclean
path, limit, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
recs, size = [], 0
with open(path, "rb") as fh:
    for raw in fh:
        o = orjson.loads(raw); recs.append((o["id"], o["text"])); size += len(o["text"].encode())
        if size >= limit: break
newsclean.clean("warm up.\n")
t = time.perf_counter()
if mode == "clean":
    for _, x in recs: newsclean.clean(x)
else:
    for _ in newsclean.clean_many(recs, workers=int(mode[1:])): pass
print(orjson.dumps({"seconds": time.perf_counter() - t, "bytes": size, "docs": len(recs), "file": newsclean.__file__}).decode())
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ref", type=Path, default=HERE / "out" / "ref")
    parser.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus-20mb.jsonl")
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default="clean,w2")
    args = parser.parse_args(argv)
    before = HERE / "out" / "before"
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(args.ref, before)
    bulk = subprocess.run(
        ["git", "show", "d505f64:src/newsclean/bulk.py"], cwd=HERE.parent, capture_output=True, text=True
    )
    (before / "newsclean" / "bulk.py").write_text(bulk.stdout, encoding="utf-8")
    trees = {"before": str(before), "after": "-"}
    results: dict[tuple[str, str], list[float]] = {}
    info = {}
    for _ in range(args.repeat):
        for mode in args.modes.split(","):
            for name, src in trees.items():
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, src, str(args.corpus), str(int(args.mb * 1e6)), mode],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                r = json.loads(out.stdout)
                info = r
                results.setdefault((name, mode), []).append(r["seconds"])
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {info['docs']} documents, "
        f"{info['bytes'] / 1e6:.1f} MB from {args.corpus.name}, median of {args.repeat} alternating rounds"
    )
    print("| configuration | before MB/s | after MB/s | speed-up |")
    print("|---|---:|---:|---:|")
    for mode in args.modes.split(","):
        b = statistics.median(results[("before", mode)])
        a = statistics.median(results[("after", mode)])
        label = "clean, in process" if mode == "clean" else f"clean_many workers={mode[1:]}"
        print(f"| {label} | {info['bytes'] / 1e6 / b:.2f} | {info['bytes'] / 1e6 / a:.2f} | {b / a:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
