"""Throughput and memory of newsclean on a corpus of scraped news (GitHub issue #5).

    python benchmarks/throughput.py            # full run: 50 MB timed sample, RSS on 200 MB and 1 GB
    python benchmarks/throughput.py --quick    # smoke run: 20 MB corpus, no large RSS runs

Every timed configuration runs the same loop: read the JSONL corpus, process each record's
``text``, write JSONL to ``/dev/null``. Configurations are interleaved round by round and each
figure is the median of ``--repeat`` rounds, so the ratios in one table share the machine's
conditions (the machine is shared; absolute figures move, ratios much less).

- ``floor``: read + split into lines + join + write, no cleaning: the cost of the I/O loop.
- ``c4-lines``: a C4-style line filter (keep lines that end in terminal punctuation and have
  at least 3 words; drop lines mentioning javascript or a cookie policy).
- ``clean``: ``newsclean.clean`` per document, in process.
- ``clean_many wK``: ``newsclean.clean_many`` over ``(id, text)`` pairs with ``workers=K``.

Peak RSS: the JSONL CLI (``newsclean clean --jsonl --field text``) when it exists, otherwise
the streaming loop of this file (``--stream``), run as a subprocess over the 200 MB and 1 GB
corpora; the resident memory of the whole process tree is sampled every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

import newsclean
from newsclean.bulk import default_workers

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_mod  # noqa: E402

Record = tuple[str, str]


def read_records(path: Path, limit_bytes: int | None = None) -> list[Record]:
    records: list[Record] = []
    size = 0
    with open(path, "rb") as fh:
        for raw in fh:
            obj = orjson.loads(raw)
            records.append((obj["id"], obj["text"]))
            size += len(obj["text"].encode("utf-8"))
            if limit_bytes is not None and size >= limit_bytes:
                break
    return records


def iter_jsonl(path: Path) -> Iterator[Record]:
    with open(path, "rb") as fh:
        for raw in fh:
            obj = orjson.loads(raw)
            yield obj["id"], obj["text"]


# --- the C4-style baseline -------------------------------------------------------------------

_C4_TERMINAL = (".", "!", "?", '"', "'", "”", "’")


def c4_lines(text: str) -> str:
    """C4's line rules (Raffel et al. 2020): keep lines that end in terminal punctuation and
    have at least 3 words; drop lines that mention javascript or a cookie policy."""
    kept = []
    for line in text.split("\n"):
        s = line.strip()
        if not s.endswith(_C4_TERMINAL) or len(s.split()) < 3:
            continue
        low = s.lower()
        if "javascript" in low or "cookie policy" in low or "use cookies" in low or "use of cookies" in low:
            continue
        kept.append(line)
    return "\n".join(kept)


def floor_fn(text: str) -> str:
    return "\n".join(text.split("\n"))


# --- timed loops ------------------------------------------------------------------------------


def run_per_doc(path: Path, fn: Callable[[str], str]) -> int:
    n = 0
    with open(os.devnull, "wb") as sink:
        for doc_id, text in iter_jsonl(path):
            sink.write(orjson.dumps({"id": doc_id, "text": fn(text)}) + b"\n")
            n += 1
    return n


def run_many(path: Path, workers: int) -> int:
    n = 0
    with open(os.devnull, "wb") as sink:
        for doc_id, text in newsclean.clean_many(iter_jsonl(path), workers=workers):
            sink.write(orjson.dumps({"id": doc_id, "text": text}) + b"\n")
            n += 1
    return n


def stream(path: str, workers: int) -> int:
    """The streaming JSONL loop used for the RSS measurement when the CLI has no --jsonl."""
    src = sys.stdin.buffer if path == "-" else open(path, "rb")
    out = sys.stdout.buffer

    def records() -> Iterator[Record]:
        for raw in src:
            obj = orjson.loads(raw)
            yield obj["id"], obj["text"]

    for doc_id, text in newsclean.clean_many(records(), workers=workers):
        out.write(orjson.dumps({"id": doc_id, "text": text}) + b"\n")
    return 0


# --- peak RSS ---------------------------------------------------------------------------------


def cli_has_jsonl() -> bool:
    try:
        proc = subprocess.run(["newsclean", "clean", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0 and "--jsonl" in proc.stdout


def peak_rss(cmd: list[str], stdin_path: Path | None = None) -> tuple[float, float, float]:
    """Run ``cmd``; return (peak RSS of the process tree in MB, peak of the main process, seconds)."""
    import psutil

    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    tree_peak = main_peak = 0
    while proc.poll() is None:
        try:
            main = ps.memory_info().rss
            total = main + sum(c.memory_info().rss for c in ps.children(recursive=True))
        except psutil.Error:
            continue
        tree_peak, main_peak = max(tree_peak, total), max(main_peak, main)
        time.sleep(0.05)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return tree_peak / 1e6, main_peak / 1e6, time.perf_counter() - t0


# --- report -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="newsclean throughput and memory benchmark")
    parser.add_argument("--quick", action="store_true", help="20 MB smoke run, no 200 MB / 1 GB RSS runs")
    parser.add_argument("--sample-mb", type=float, default=50, help="MB of corpus text to time (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per configuration (median)")
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-RSS runs")
    parser.add_argument("--rss-workers", type=int, default=0, help="workers for the RSS runs (0: one per core)")
    parser.add_argument("--rss-only", action="store_true", help="skip the timed table, only measure peak RSS")
    parser.add_argument("--rss-sizes", default=None, help="corpus sizes in MB for the RSS runs (default 200,1000)")
    parser.add_argument("--rss-select", default=None, help="--select CODES for the RSS runs (default: all rules)")
    parser.add_argument("--stream", metavar="JSONL", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stream:
        return stream(args.stream, args.workers)

    if args.rss_only:
        return rss_table(args, default_workers())
    sample_mb = 20 if args.quick else args.sample_mb
    source = corpus_mod.ensure(20 if args.quick else 200)
    sample = corpus_mod.OUT / f"sample-{sample_mb:g}mb.jsonl"
    records = read_records(source, int(sample_mb * 1e6))
    with open(sample, "wb") as fh:
        for doc_id, text in records:
            fh.write(orjson.dumps({"id": doc_id, "text": text}) + b"\n")
    nbytes = sum(len(t.encode("utf-8")) for _, t in records)
    ndocs = len(records)
    del records
    n_all = default_workers()
    cores = os.cpu_count()
    print(f"# newsclean {newsclean.__version__} throughput, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"# Python {platform.python_version()}, {platform.machine()}, {cores} cores ({n_all} usable), "
        f"{platform.processor() or platform.platform()}"
    )
    print(f"# sample: {sample.name}, {ndocs} documents, {nbytes / 1e6:.1f} MB of text; median of {args.repeat} rounds")

    configs: list[tuple[str, Callable[[], int]]] = [
        ("floor (read+split+join+write)", lambda: run_per_doc(sample, floor_fn)),
        ("c4-lines (C4-style line filter)", lambda: run_per_doc(sample, c4_lines)),
        ("clean, in process", lambda: run_per_doc(sample, newsclean.clean)),
        ("clean_many workers=1", lambda: run_many(sample, 1)),
        ("clean_many workers=2", lambda: run_many(sample, 2)),
    ]
    if n_all != 2:
        configs.append((f"clean_many workers={n_all} (all cores)", lambda: run_many(sample, n_all)))
    newsclean.clean("warm up.\n")
    times: dict[str, list[float]] = {name: [] for name, _ in configs}
    for _ in range(args.repeat):
        for name, fn in configs:
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    floor_t, c4_t = med[configs[0][0]], med[configs[1][0]]
    single_t = med["clean_many workers=1"]
    print()
    print("| configuration | MB/s | docs/s | time vs floor | time vs C4 | speed vs workers=1 |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, _ in configs:
        t = med[name]
        print(
            f"| {name} | {nbytes / 1e6 / t:.1f} | {ndocs / t:,.0f} | {t / floor_t:.1f}x | {t / c4_t:.2f}x | "
            f"{single_t / t:.2f}x |"
        )
    spread = {name: f"{min(ts):.2f}-{max(ts):.2f}s" for name, ts in times.items()}
    print(f"\n# round times (min-max): {spread}")

    if args.no_rss:
        return 0
    return rss_table(args, n_all)


def rss_table(args: argparse.Namespace, n_all: int) -> int:
    sizes = [float(x) for x in args.rss_sizes.split(",")] if args.rss_sizes else ([20] if args.quick else [200, 1000])
    use_cli = cli_has_jsonl()
    workers = str(args.rss_workers or n_all)
    select = ["--select", args.rss_select] if args.rss_select else []
    print()
    print(
        f"# peak RSS, workers={workers}{', --select ' + args.rss_select if select else ', all rules'}: "
        + (
            "`newsclean clean --jsonl --field text`"
            if use_cli
            else "the streaming clean_many loop of this file (the CLI has no --jsonl yet)"
        )
        + f"; {time.strftime('%H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}"
    )
    print("| corpus | docs | tree peak RSS MB | main process peak RSS MB | seconds | MB/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for mb in sizes:
        path = corpus_mod.ensure(mb)
        if use_cli:
            cmd = [
                "newsclean",
                "clean",
                "--jsonl",
                "--field",
                "text",
                "--no-progress",
                "--workers",
                workers,
                *select,
                "-",
            ]
        else:
            cmd = [sys.executable, __file__, "--stream", "-", "--workers", workers]
        tree, main_peak, secs = peak_rss(cmd, stdin_path=path)
        with open(path, "rb") as fh:
            docs = sum(1 for _ in fh)
        print(f"| {mb:g} MB | {docs:,} | {tree:.0f} | {main_peak:.0f} | {secs:.0f} | {mb / secs:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
