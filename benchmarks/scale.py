"""Throughput of newsclean at scale: one process, a process pool, datatrove and Dask.

    python -m benchmarks.scale --mb 50 --runs 3

Every method does the same job end to end: read the corpus of ``benchmarks/corpus.py``, split
into ``--shards`` JSONL files, clean every text, and write ``{"id", "text"}`` JSONL files:

- ``clean_many w=1``: :func:`newsclean.clean_many` in this process;
- ``clean_many w=2``: :func:`newsclean.clean_many` with a pool of 2 processes;
- ``datatrove 2 workers``: ``JsonlReader -> NewsCleaner -> JsonlWriter`` on a
  ``LocalPipelineExecutor`` with one task per shard, 2 at a time (process start-up included);
- ``dask 2 workers``: ``clean_bag`` on a ``LocalCluster`` of 2 single-threaded processes,
  one partition per shard (the cluster is started once, outside the timing, as a long-lived
  cluster would be; its start-up time is printed apart).

MB/s counts the UTF-8 bytes of the input texts. Each run of each method must give the same
clean texts as the first method, or the benchmark stops. Methods take turns in every round,
so a busy neighbour on a shared machine slows them alike; the table shows medians, and the
1-minute load average at the start of each run (above the core count: other jobs were running).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

import newsclean

from .corpus import ensure


def split(corpus: Path, folder: Path, shards: int) -> tuple[int, int]:
    """Deal the corpus lines round-robin into ``shards`` files; returns (documents, text bytes)."""
    folder.mkdir(parents=True)
    outs = [open(folder / f"part-{s:03d}.jsonl", "wb") for s in range(shards)]
    docs = nbytes = 0
    try:
        with open(corpus, "rb") as fh:
            for line in fh:
                outs[docs % shards].write(line)
                nbytes += len(orjson.loads(line)["text"].encode("utf-8"))
                docs += 1
    finally:
        for out in outs:
            out.close()
    return docs, nbytes


def run_clean_many(src: Path, dst: Path, workers: int) -> None:
    dst.mkdir()
    for path in sorted(src.glob("*.jsonl")):
        with open(path, "rb") as fh:
            pairs = ((r["id"], r["text"]) for r in map(orjson.loads, fh))
            with open(dst / path.name, "wb") as out:
                for doc_id, text in newsclean.clean_many(pairs, workers=workers):
                    out.write(orjson.dumps({"id": doc_id, "text": text}) + b"\n")


def run_datatrove(src: Path, dst: Path, tasks: int) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.integrations.datatrove import NewsCleaner

    pipeline = [
        JsonlReader(str(src)),
        NewsCleaner(findings_key=None),
        JsonlWriter(str(dst), compression=None, adapter=_id_and_text),
    ]
    LocalPipelineExecutor(pipeline, tasks=tasks, workers=2, logging_dir=str(dst.parent / f"{dst.name}-logs")).run()


def _id_and_text(self: object, doc: object) -> dict[str, str]:
    return {"id": doc.id, "text": doc.text}  # type: ignore[attr-defined]


def run_dask(src: Path, dst: Path) -> None:
    import dask.bag as db

    from newsclean.integrations.dask import clean_bag

    records = db.read_text(str(src / "*.jsonl"), blocksize=None).map(orjson.loads)
    cleaned = clean_bag(records, field="text")
    cleaned.map(_dumps_id_and_text).to_textfiles(str(dst / "*.jsonl"))


def _dumps_id_and_text(record: dict[str, str]) -> str:
    return orjson.dumps({"id": record["id"], "text": record["text"]}).decode()


def digest(folder: Path) -> str:
    """A hash of the ``id -> text`` pairs under ``folder``, whatever the file layout."""
    pairs = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, "rb") as fh:
            pairs.extend((r["id"], r["text"]) for r in map(orjson.loads, fh))
    h = hashlib.sha256()
    for doc_id, text in sorted(pairs):
        h.update(orjson.dumps([doc_id, text]))
    return f"{len(pairs)}:{h.hexdigest()[:16]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB of text (default 50)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each method (default 3)")
    parser.add_argument("--shards", type=int, default=8, help="input files = datatrove tasks = dask partitions")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    from datatrove.utils.logging import logger
    from distributed import Client, LocalCluster

    logger.remove()  # datatrove logs every task to the console; its log files stay in the temp folder
    logger.add(sys.stderr, level="WARNING")

    work = Path(tempfile.mkdtemp(prefix="newsclean-scale-"))
    try:
        docs, nbytes = split(ensure(args.mb), work / "in", args.shards)
        print(
            f"corpus: {docs} documents, {nbytes / 1e6:.1f} MB of text, {args.shards} shards; "
            f"{os.cpu_count()} CPUs; newsclean {newsclean.__version__}",
            flush=True,
        )
        started = time.perf_counter()
        with (
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
            Client(cluster),
        ):
            cluster_start = time.perf_counter() - started
            methods: dict[str, Callable[[Path, Path], None]] = {
                "clean_many w=1": lambda s, d: run_clean_many(s, d, workers=1),
                "clean_many w=2": lambda s, d: run_clean_many(s, d, workers=2),
                "datatrove 2 workers": lambda s, d: run_datatrove(s, d, tasks=args.shards),
                "dask 2 workers": run_dask,
            }
            times: dict[str, list[float]] = {name: [] for name in methods}
            loads: dict[str, list[float]] = {name: [] for name in methods}
            reference = None
            for run in range(args.runs):
                for k, (name, method) in enumerate(methods.items()):
                    dst = work / f"out-{run}-{k}"
                    loads[name].append(os.getloadavg()[0])
                    t0 = time.perf_counter()
                    method(work / "in", dst)
                    times[name].append(time.perf_counter() - t0)
                    result = digest(dst)
                    reference = reference or result
                    if result != reference:
                        print(f"{name} gave different output ({result} != {reference})", file=sys.stderr)
                        return 1
                    shutil.rmtree(dst)
                    took, load = times[name][-1], loads[name][-1]
                    print(f"run {run + 1}/{args.runs} {name:<20} {took:7.2f} s  (load {load:.1f})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(times["clean_many w=1"])
    rows = []
    print(f"\n{'method':<20} {'median s':>9} {'MB/s':>7} {'docs/s':>8} {'speed-up':>9} {'load':>5}   runs (s)")
    for name, ts in times.items():
        med = statistics.median(ts)
        load = statistics.mean(loads[name])
        mb_s, docs_s = nbytes / 1e6 / med, docs / med
        rows.append(
            {"method": name, "median_s": med, "mb_s": mb_s, "docs_s": docs_s, "runs_s": ts, "load": loads[name]}
        )
        runs = " ".join(f"{t:.1f}" for t in ts)
        print(f"{name:<20} {med:9.2f} {mb_s:7.2f} {docs_s:8.0f} {base / med:8.2f}x {load:5.1f}   {runs}")
    print(f"(dask LocalCluster start-up, not included above: {cluster_start:.1f} s)")
    if args.json:
        args.json.write_text(
            json.dumps({"docs": docs, "mb": nbytes / 1e6, "cluster_start_s": cluster_start, "rows": rows}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
