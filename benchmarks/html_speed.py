"""Pages per second of ``newsclean.clean_html`` and ``trafilatura.extract`` side by side.

Both run in this one process on the same decoded pages, interleaved in rounds (newsclean,
trafilatura, newsclean, ...), so machine load affects both alike. trafilatura is a
benchmark-only dependency (``pip install '.[bench]'``); src/ never imports it.

    python benchmarks/html_speed.py                      # the scrapinghub pages, 3 rounds
    python benchmarks/html_speed.py --rounds 1 --limit 50
    python benchmarks/html_speed.py --stages              # newsclean's time per stage
    python benchmarks/html_speed.py --select NC15         # HTML stages + DOM rules only
    python benchmarks/html_speed.py --dataset dragnet     # or daniel: shared_eval() pages

Prints one line per tool (pages/s, median and 95th-percentile ms per page) and the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SCRAPINGHUB_HTML, dev_set_records  # noqa: E402

DEFAULT_PAGES = SCRAPINGHUB_HTML


def load_pages(folder: Path, limit: int | None) -> list[bytes]:
    paths = sorted(folder.glob("*.html.gz")) + sorted(folder.glob("*.html"))
    if limit:
        paths = paths[:limit]
    return [gzip.open(p).read() if p.suffix == ".gz" else p.read_bytes() for p in paths]


def load_shared(name: str, limit: int | None) -> list[bytes]:
    """The pages of ``shared_eval()/<name>/pages.jsonl.gz`` as UTF-8 bytes."""
    pages = []
    for row in dev_set_records(name):
        pages.append(row["html"].encode("utf-8"))
        if limit and len(pages) >= limit:
            break
    return pages


def timed(fn: Callable[[bytes], object], pages: list[bytes]) -> list[float]:
    out = []
    for page in pages:
        t = time.perf_counter()
        fn(page)
        out.append(time.perf_counter() - t)
    return out


def stage_times(pages: list[bytes]) -> dict[str, float]:
    """Seconds spent in each stage of clean_html over all pages."""
    from selectolax.lexbor import LexborHTMLParser

    import newsclean
    from newsclean.htmlblocks import cap_depth, choose_main, decode_html, utf8_as_is, walk

    totals = dict.fromkeys(("decode / UTF-8 check", "depth cap", "parse", "walk", "main content", "all"), 0.0)
    for page in pages:
        t0 = time.perf_counter()
        as_is = utf8_as_is(page)  # valid UTF-8 bytes are parsed as they are, as clean_html does
        if as_is is not None:
            t1 = t2 = time.perf_counter()
            tree = LexborHTMLParser(as_is)
        else:
            text, _ = decode_html(page)
            t1 = time.perf_counter()
            text, _ = cap_depth(text)
            t2 = time.perf_counter()
            tree = LexborHTMLParser(text)
        t3 = time.perf_counter()
        blocks = walk(tree.root)
        t4 = time.perf_counter()
        choose_main(blocks)
        t5 = time.perf_counter()
        newsclean.clean_html(page)
        t6 = time.perf_counter()
        for name, dt in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            totals[name] += dt
    totals["text rules + rest"] = totals["all"] - sum(v for k, v in totals.items() if k != "all")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of *.html.gz / *.html")
    parser.add_argument(
        "--dataset", choices=("scrapinghub", "dragnet", "daniel"), default="scrapinghub", help="ignored with --pages"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--stages", action="store_true", help="also print newsclean's time per stage")
    parser.add_argument(
        "--select", default=None, help="comma-separated rule-code prefixes for newsclean's Config(select=...)"
    )
    args = parser.parse_args(argv)

    import newsclean

    try:
        if args.dataset != "scrapinghub" and args.pages == DEFAULT_PAGES:
            pages = load_shared(args.dataset, args.limit)
        else:
            pages = load_pages(args.pages, args.limit)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not pages:
        print(f"no pages in {args.pages}", file=sys.stderr)
        return 2
    try:
        import trafilatura
    except ImportError as exc:
        print(
            f"trafilatura is needed for the comparison: pip install '.[bench]' ({exc})",
            file=sys.stderr,
        )
        return 2

    config = newsclean.Config(select=tuple(args.select.split(","))) if args.select else newsclean.Config()
    tools: dict[str, Callable[[bytes], object]] = {
        "newsclean.clean_html": lambda page: newsclean.clean_html(page, config),
        "trafilatura.extract": trafilatura.extract,
    }
    for fn in tools.values():  # warm up: imports, caches, compiled patterns
        fn(pages[0])
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(args.rounds):
        for name, fn in tools.items():
            times[name].extend(timed(fn, pages))
    rates = {}
    print(
        f"{args.dataset}: {len(pages)} pages x {args.rounds} round(s), {sum(map(len, pages)) / 1e6:.1f} MB per round,"
        f" newsclean select={args.select or 'default'}"
    )
    for name, ts in times.items():
        rates[name] = len(ts) / sum(ts)
        q95 = sorted(ts)[int(0.95 * (len(ts) - 1))]
        print(
            f"  {name:22s} {rates[name]:8.1f} pages/s   median {statistics.median(ts) * 1e3:6.1f} ms"
            f"   p95 {q95 * 1e3:6.1f} ms"
        )
    ratio = rates["newsclean.clean_html"] / rates["trafilatura.extract"]
    print(f"  speed ratio newsclean / trafilatura: {ratio:.1f}x")
    if args.stages:
        for name, secs in stage_times(pages).items():
            print(f"    {name:18s} {secs * 1e3 / len(pages):6.2f} ms/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
