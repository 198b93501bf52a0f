"""Corpus mode on daniel: junk removed and gold kept with and without a template profile.

    python -m benchmarks.corpus_mode                  # the table, default thresholds
    python -m benchmarks.corpus_mode --sweep          # the thresholds chosen in docs/corpus.md
    python -m benchmarks.corpus_mode --speed          # profile build vs the read+split floor, peak RSS
    python -m benchmarks.corpus_mode --data ../shared/eval-public/dragnet   # a second corpus

daniel (``shared/eval-public/daniel``, see its README) holds 1,689 news pages in five
languages; a page's site is the host in its id (``20111101_www.express.gr_<hash>``: the
``url`` field is empty). For each input (``dump``, ``extracted``, ``resiliparse``) the profile
is built from *that input's* texts of all 1,689 pages, as a user would build it from their
own corpus; the gold is never read to build it. Scored are the pages of the sites with 5 or
more pages, with the metric of ``benchmarks/quality.py`` (pooled junk removed and gold lost
over 4-gram shingles, and P/R/F1 averaged over pages).

dragnet (1,381 English pages of 2012) has no urls either; there a page's site is the host of
the canonical link or og:url its own HTML declares (1,140 pages; 667 of them on 83 sites with
5 or more pages); the other pages are counted in no site and cleaned without the profile.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from newsclean import Config, clean_many
from newsclean.corpus import TemplateCounter, TemplateProfile, build_profile, site_of

from .paths import REPO, shared_eval
from .quality import compare, score_pages

INPUTS = ("dump", "extracted", "resiliparse")
MIN_PAGES = 5


def host_of_id(page_id: str) -> str:
    """daniel's ids are ``<date>_<host>_<hash>``."""
    parts = page_id.split("_")
    return parts[1] if len(parts) >= 3 else page_id


#: dragnet's records have no url: a page names itself in its HTML (canonical link, og:url).
_SELF_URL = [
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"'](https?://[^\"']+)", re.I),
    re.compile(r"<link[^>]+href=[\"'](https?://[^\"']+)[\"'][^>]*rel=[\"']canonical", re.I),
    re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"'](https?://[^\"']+)", re.I),
    re.compile(r"<meta[^>]+content=[\"'](https?://[^\"']+)[\"'][^>]*property=[\"']og:url", re.I),
]


def url_in_html(html: str) -> str | None:
    for pattern in _SELF_URL:
        m = pattern.search(html)
        if m:
            return m.group(1)
    return None


def load(data: Path) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """``gold`` by id, and the inputs (with the page's ``url``) by id. daniel: the url is
    made from the host in the id; dragnet: the page's canonical or og:url in its HTML (or
    ``None``: that page is in no site)."""
    gold, urls = {}, {}
    with gzip.open(data / "pages.jsonl.gz") as fh:
        for raw in fh:
            r = orjson.loads(raw)
            gold[r["id"]] = r["gold"] or ""
            if r.get("url"):
                urls[r["id"]] = r["url"]
            elif data.name == "daniel":
                urls[r["id"]] = f"http://{host_of_id(r['id'])}/"
            else:
                urls[r["id"]] = url_in_html(r.get("html") or "")
    inputs = {}
    with gzip.open(data / "inputs.jsonl.gz") as fh:
        for raw in fh:
            r = orjson.loads(raw)
            r["url"] = urls.get(r["id"])
            inputs[r["id"]] = r
    return gold, inputs


def scored_pages(by_id: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], Counter[str]]:
    """The pages of the sites with at least MIN_PAGES pages, and the pages per site."""
    hosts = Counter(site_of(r["url"]) for r in by_id.values() if r["url"])
    scored = [r for r in by_id.values() if r["url"] and hosts[site_of(r["url"])] >= MIN_PAGES]
    return scored, hosts


def profile_of_input(records: Sequence[dict[str, Any]], field: str, min_share: float) -> TemplateProfile:
    counter = TemplateCounter()
    for r in records:
        if r["url"]:
            counter.add(r["url"], r[field] or "")
    return counter.profile(min_share=min_share)


def measure(
    gold: dict[str, str], records: Sequence[dict[str, str]], field: str, config: Config, workers: int
) -> dict[str, float]:
    items = [(r, r[field] or "") for r in records]
    out = list(clean_many(items, config, workers=workers, site_of=lambda item: item[0]["url"]))
    junk_in = junk_removed = gold_in = gold_lost = 0
    pairs = []
    for (r, text), (_, cleaned) in zip(items, out):
        d = compare(gold[r["id"]], text, cleaned)
        junk_in += d.junk_in
        junk_removed += d.junk_removed
        gold_in += d.gold_in
        gold_lost += d.gold_lost
        pairs.append((gold[r["id"]], cleaned))
    s = score_pages(pairs)
    return {
        "junk_removed": 100 * junk_removed / max(1, junk_in),
        "gold_kept": 100 - 100 * gold_lost / max(1, gold_in),
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
    }


def run(data: Path, workers: int, min_share: float, prose_share: float, inputs: Sequence[str]) -> list[str]:
    gold, by_id = load(data)
    scored, hosts = scored_pages(by_id)
    lines = [
        f"{data.name}: {len(by_id)} pages; scored: {len(scored)} pages of {sum(1 for n in hosts.values() if n >= MIN_PAGES)}"
        f" sites with >= {MIN_PAGES} pages; min_share {min_share}, prose_min_share {prose_share}",
        f"{'input':<12} {'profile':<8} {'junk removed':>12} {'gold kept':>10} {'P':>6} {'R':>6} {'F1':>6}"
        f" {'sites':>6} {'lines':>6} {'build s':>8}",
    ]
    options = {"site-template-line": {"min_share": min_share, "prose_min_share": prose_share}}
    for field in inputs:
        t0 = time.perf_counter()
        profile = profile_of_input(list(by_id.values()), field, min_share)
        build = time.perf_counter() - t0
        n_lines = sum(len(s.lines) for s in profile.sites.values())
        for label, config in (("no", Config()), ("yes", Config(profile=profile, options=options))):
            m = measure(gold, scored, field, config, workers)
            extra = f" {len(profile.sites):>6} {n_lines:>6} {build:>8.2f}" if label == "yes" else ""
            lines.append(
                f"{field:<12} {label:<8} {m['junk_removed']:>11.1f}% {m['gold_kept']:>9.3f}% "
                f"{m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}{extra}"
            )
    return lines


def sweep(data: Path, workers: int, inputs: Sequence[str]) -> list[str]:
    """Junk removed and gold kept for a grid of the two thresholds."""
    gold, by_id = load(data)
    scored, _ = scored_pages(by_id)
    lines = [f"{'input':<12} {'min_share':>9} {'prose':>6} {'junk removed':>12} {'gold kept':>10} {'F1':>6}"]
    for field in inputs:
        base = measure(gold, scored, field, Config(), workers)
        lines.append(
            f"{field:<12} {'-':>9} {'-':>6} {base['junk_removed']:>11.1f}% {base['gold_kept']:>9.2f}% {base['f1']:>6.3f}"
        )
        profile = profile_of_input(list(by_id.values()), field, 0.3)
        for min_share in (0.3, 0.5, 0.7):
            for prose in (0.7, 0.9, 1.01):
                if prose < min_share:
                    continue
                options = {"site-template-line": {"min_share": min_share, "prose_min_share": prose}}
                m = measure(gold, scored, field, Config(profile=profile, options=options), workers)
                lines.append(
                    f"{field:<12} {min_share:>9} {prose:>6} {m['junk_removed']:>11.1f}% {m['gold_kept']:>9.3f}% {m['f1']:>6.3f}"
                )
    return lines


# --- speed and memory -----------------------------------------------------------------------


def _with_sites(source: Path, target: Path, sites: int) -> None:
    """``source`` (a benchmarks/corpus.py corpus) with a ``url`` per record: the record's
    source page decides its site, so the copies of one page share a site, as pages do."""
    with open(source, "rb") as src, open(target, "wb") as out:
        for raw in src:
            r = orjson.loads(raw)
            page = r["id"].split("#", 1)[0]
            r["url"] = f"https://site{zlib.crc32(page.encode()) % sites}.example/{r['id']}"
            out.write(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE))


def _pairs(path: Path) -> Iterator[tuple[str, str]]:
    with open(path, "rb") as fh:
        for raw in fh:
            r = orjson.loads(raw)
            yield r["url"], r["text"]


def speed(sizes: Sequence[int], workers: int, sites: int, max_lines: int | None = None) -> list[str]:
    """The read+split floor of benchmarks/throughput.py and the profile build, on the same
    corpus; then ``newsclean profile`` as a subprocess, with its whole process tree's peak RSS."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus as corpus_mod  # noqa: PLC0415
    import throughput  # noqa: PLC0415

    exe = Path(sys.executable).with_name("newsclean")
    lines = [
        f"{'corpus':<8} {'docs':>7} {'floor s':>8} {'build s (1 proc)':>17} {'ratio':>6}"
        f" {'CLI s (w=' + str(workers) + ')':>12} {'ratio':>6} {'tree peak RSS MB':>17}"
    ]
    for mb in sizes:
        source = corpus_mod.OUT / f"corpus-{mb}mb.jsonl"
        if not source.exists():
            subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), "--mb", str(mb)], check=True)
        target = corpus_mod.OUT / f"corpus-{mb}mb-{sites}sites.jsonl"
        if not target.exists():
            _with_sites(source, target, sites)
        t0 = time.perf_counter()
        docs = throughput.run_per_doc(target, throughput.floor_fn)
        floor = time.perf_counter() - t0
        if mb <= 200:
            t0 = time.perf_counter()
            build_profile(_pairs(target))
            one = time.perf_counter() - t0
            one_cells = f"{one:>17.1f} {floor / one:>6.2f}"
        else:
            one_cells = f"{'-':>17} {'-':>6}"
        out = Path(tempfile.mkdtemp()) / "profile.jsonl"
        cmd = [str(exe), "profile", "--workers", str(workers), str(target), "-o", str(out)]
        if max_lines is not None:
            cmd += ["--max-lines-per-site", str(max_lines)]
        tree, _main, cli = throughput.peak_rss(cmd)
        lines.append(f"{mb:>4} MB  {docs:>7} {floor:>8.1f} {one_cells} {cli:>12.1f} {floor / cli:>6.2f} {tree:>17.0f}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--data", type=Path, default=None, help="the daniel folder (default: shared/eval-public/daniel)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--inputs", default=",".join(INPUTS))
    parser.add_argument("--min-share", type=float, default=0.5)
    parser.add_argument("--prose-min-share", type=float, default=0.9)
    parser.add_argument("--sweep", action="store_true", help="print the threshold grid instead")
    parser.add_argument("--speed", action="store_true", help="profile build speed and peak RSS instead")
    parser.add_argument("--sizes", default="200,1000", help="--speed: corpus sizes in MB")
    parser.add_argument("--sites", type=int, default=200, help="--speed: sites the synthetic corpus is spread over")
    parser.add_argument("--max-lines-per-site", type=int, default=None, help="--speed: passed to newsclean profile")
    args = parser.parse_args(argv)
    inputs = [i for i in args.inputs.split(",") if i]
    if args.speed:
        sizes = [int(s) for s in args.sizes.split(",")]
        print("\n".join(speed(sizes, args.workers, args.sites, args.max_lines_per_site)))
        return 0
    data = args.data or shared_eval() / "daniel"
    if not (data / "inputs.jsonl.gz").exists():
        print(f"corpus_mode: no inputs.jsonl.gz in {data}; set NEWSCLEAN_EVAL_DATA or --data", file=sys.stderr)
        return 2
    if args.sweep:
        print("\n".join(sweep(data, args.workers, inputs)))
    else:
        print("\n".join(run(data, args.workers, args.min_share, args.prose_min_share, inputs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
