"""HTML path quality on three datasets, newsclean beside trafilatura in the same run.

Datasets: ``scrapinghub`` (181 pages, vendored in ``fixtures/eval``), ``dragnet`` (1,381 pages)
and ``daniel`` (1,689 pages, five languages), the last two read from
``benchmarks/paths.py:shared_eval()`` (``pages.jsonl.gz``: id, lang, url, html, gold). The
scorer is :mod:`benchmarks.quality`'s (4-gram shingles, P and R averaged over pages).

    python3 -m benchmarks.html_quality                          # all datasets, both systems
    python3 -m benchmarks.html_quality --datasets dragnet --worst 20
    python3 -m benchmarks.html_quality --systems newsclean --cached  # trafilatura from the cache

Per dataset and system: P, R, F1, the pages keeping under 10% and under 50% of their gold
(per-page recall), and pages/s (each page timed alone, the systems interleaved page by page
so machine load hits both alike). ``--worst N`` lists the pages where newsclean keeps under
half of the gold and trafilatura over 90% of it, with the region newsclean chose.
trafilatura is a benchmark-only dependency (``pip install '.[bench]'``); ``--cached`` reuses
its outputs from the last full run (``benchmarks/out/trafilatura-<dataset>.json``; no speed
figure then), which makes an edit-measure loop on newsclean alone take a third of the time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import newsclean

from .paths import REPO, VENDORED, dev_set_records
from .quality import PageScore, load_html, score_page, summarize

__all__ = ["DATASETS", "HtmlPage", "load_dataset", "main", "run_dataset"]

DATASETS = ("scrapinghub", "dragnet", "daniel")
OUT = REPO / "benchmarks" / "out"


@dataclass(frozen=True)
class HtmlPage:
    """One page: its id, language, raw HTML (UTF-8 bytes, as a crawler holds it) and gold text."""

    id: str
    lang: str
    html: bytes
    gold: str
    url: str = ""


def load_dataset(name: str, limit: int | None = None) -> list[HtmlPage]:
    """The pages of one dataset, sorted as stored; ``FileNotFoundError`` names what is missing."""
    if name == "scrapinghub":
        return [HtmlPage(p.id, "en", p.input.encode("utf-8"), p.gold) for p in load_html(VENDORED, limit)]
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
    pages = []
    for row in dev_set_records(name):
        pages.append(
            HtmlPage(
                str(row["id"]),
                row.get("lang") or "",
                row["html"].encode("utf-8"),
                row["gold"],
                row.get("url") or "",
            )
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def _trafilatura() -> Callable[[bytes], str]:
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError(f"trafilatura is needed: pip install '.[bench]' ({exc})") from exc

    def extract(html: bytes) -> str:
        return trafilatura.extract(html) or ""

    return extract


def _newsclean(html: bytes) -> str:
    return newsclean.clean_html(html).text


@dataclass
class SystemRun:
    """One system's outputs on one dataset, with the seconds spent per page (None: cached)."""

    outputs: list[str]
    seconds: list[float] | None


@dataclass
class DatasetResult:
    dataset: str
    pages: list[HtmlPage]
    runs: dict[str, SystemRun] = field(default_factory=dict)
    scores: dict[str, list[PageScore]] = field(default_factory=dict)


def _cache_path(dataset: str) -> Path:
    return OUT / f"trafilatura-{dataset}.json"


def run_dataset(
    dataset: str, systems: Sequence[str], *, limit: int | None = None, cached: bool = False
) -> DatasetResult:
    """Run the systems on one dataset, interleaved page by page, and score them."""
    pages = load_dataset(dataset, limit)
    result = DatasetResult(dataset, pages)
    fns: dict[str, Callable[[bytes], str]] = {}
    for name in systems:
        if name == "newsclean":
            fns[name] = _newsclean
        elif name == "trafilatura":
            if cached:
                path = _cache_path(dataset)
                if not path.is_file():
                    raise FileNotFoundError(f"no cached trafilatura outputs: {path} (run once without --cached)")
                stored = json.loads(path.read_text(encoding="utf-8"))
                outs = [stored.get(p.id, "") for p in pages]
                result.runs[name] = SystemRun(outs, None)
            else:
                fns[name] = _trafilatura()
        else:
            raise ValueError(f"unknown system {name!r}; choose from newsclean, trafilatura")
    for fn in fns.values():  # warm up: imports, caches, compiled patterns
        if pages:
            fn(pages[0].html)
    live = {name: SystemRun([], []) for name in fns}
    for page in pages:
        for name, fn in fns.items():
            t = time.perf_counter()
            out = fn(page.html)
            live[name].seconds.append(time.perf_counter() - t)  # type: ignore[union-attr]
            live[name].outputs.append(out)
    result.runs.update(live)
    if "trafilatura" in live and limit is None:
        OUT.mkdir(parents=True, exist_ok=True)
        _cache_path(dataset).write_text(
            json.dumps({p.id: o for p, o in zip(pages, live["trafilatura"].outputs)}, ensure_ascii=False),
            encoding="utf-8",
        )
    for name, run in result.runs.items():
        result.scores[name] = [score_page(p.gold, o) for p, o in zip(pages, run.outputs)]
    return result


def _kept_under(scores: Sequence[PageScore], share: float) -> int:
    """Pages whose output keeps less than ``share`` of the gold shingles (empty output included)."""
    return sum(1 for s in scores if s.recall is not None and s.recall < share)


def format_result(result: DatasetResult) -> list[str]:
    rows = []
    for name in result.runs:
        scores = result.scores[name]
        s = summarize(scores)
        run = result.runs[name]
        rate = f"{len(run.seconds) / sum(run.seconds):7.1f}" if run.seconds else "  (cached)"
        rows.append(
            f"{result.dataset:<12} {name:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            f" {_kept_under(scores, 0.1):6d} {_kept_under(scores, 0.5):6d} {s.pages:6d} {rate}"
        )
    return rows


def worst_pages(result: DatasetResult, n: int) -> list[str]:
    """Pages where newsclean keeps under half the gold and trafilatura over 90% of it."""
    if "newsclean" not in result.scores or "trafilatura" not in result.scores:
        return []
    bad = []
    for page, ns, ts in zip(result.pages, result.scores["newsclean"], result.scores["trafilatura"]):
        if ns.recall is not None and ts.recall is not None and ns.recall < 0.5 and ts.recall > 0.9:
            bad.append((ns.recall, page, ts.recall))
    bad.sort(key=lambda x: (x[0], x[1].id))
    rows = [f"\n{result.dataset}: {len(bad)} pages where newsclean keeps < 50% of the gold and trafilatura > 90%"]
    for recall, page, t_recall in bad[:n]:
        main = newsclean.clean_html(page.html).main_paths
        rows.append(f"WORST {result.dataset} {page.id} R={recall:.2f} traf R={t_recall:.2f} main={main}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m benchmarks.html_quality", description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated (default: all)")
    parser.add_argument("--systems", default="newsclean,trafilatura", help="comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each dataset")
    parser.add_argument("--cached", action="store_true", help="trafilatura's outputs from the last full run")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list N pages newsclean gets wrong")
    parser.add_argument("--json", type=Path, default=None, help="write per-page (P, R) of every system here")
    args = parser.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    print(f"{'dataset':<12} {'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'R<10%':>6} {'R<50%':>6} {'pages':>6} pages/s")
    per_page: dict[str, dict[str, dict[str, tuple[float | None, float | None]]]] = {}
    for dataset in [d for d in args.datasets.split(",") if d]:
        try:
            result = run_dataset(dataset, systems, limit=args.limit, cached=args.cached)
        except (FileNotFoundError, ValueError, ImportError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print("\n".join(format_result(result)), flush=True)
        if args.worst:
            print("\n".join(worst_pages(result, args.worst)), flush=True)
        per_page[dataset] = {
            p.id: {name: (result.scores[name][k].precision, result.scores[name][k].recall) for name in result.scores}
            for k, p in enumerate(result.pages)
        }
    if args.json:
        args.json.write_text(json.dumps(per_page, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
