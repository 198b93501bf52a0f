"""What the C4 line rules remove that newsclean keeps, per language of a shared set.

A reading aid for junk recall (issue #13), not part of the metric: for each page of one
dataset x input, the lines newsclean kept that C4 drops and the gold lacks (junk C4 gets and
newsclean misses), grouped by a coarse shape, with the number of sites (URL hosts) each shape
is seen on; and the other way round, the gold lines C4 drops (what its rule costs).

    python3 -m benchmarks.c4_gap --dataset daniel --condition dump --lang ru --limit 400
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import newsclean
from newsclean.engine.lines import word_count

from .c4_baseline import keep_line
from .paths import shared_eval
from .quality import _read_jsonl, junk_lines, load_shared

_SHAPES = ("stub 1-2 words", "short 3-6 words", "line 7-15 words", "long 16+ words")


def shape(line: str) -> str:
    """A coarse shape of a line: its length class (script-aware word count) and ending."""
    words = word_count(line)
    if words <= 2:
        size = _SHAPES[0]
    elif words <= 6:
        size = _SHAPES[1]
    elif words <= 15:
        size = _SHAPES[2]
    else:
        size = _SHAPES[3]
    text = line.rstrip()
    if any(ch.isdigit() for ch in text) and sum(ch.isdigit() for ch in text) * 4 >= len(text.replace(" ", "")):
        kind = "digits"
    elif text.endswith((".", "!", "?", '"', "'", "»", "”")):
        kind = "sentence end"
    elif text.endswith(":"):
        kind = "colon"
    else:
        kind = "no end"
    return f"{size}, {kind}"


def _site_of_id(page_id: str) -> str:
    """daniel ids read ``date_host_hash``: the host when the page has no URL."""
    parts = page_id.split("_")
    return parts[1] if len(parts) >= 3 else page_id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="daniel")
    parser.add_argument("--condition", default="dump")
    parser.add_argument("--lang", default="")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--examples", type=int, default=6, help="example lines per shape")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = (args.shared or shared_eval()) / args.dataset
    if not folder.is_dir():
        print(f"c4_gap: no dataset folder {folder}", file=sys.stderr)
        return 2
    urls = {k: v[0] for k, v in _read_jsonl(folder / "pages.jsonl.gz", ("url",)).items()}
    pages = [p for p in load_shared(folder, args.condition, None) if not args.lang or p.lang == args.lang]
    pages = pages[: args.limit] if args.limit is not None else pages
    outputs = newsclean.clean_many([p.input for p in pages])
    missed: dict[str, Counter[str]] = defaultdict(Counter)
    missed_sites: dict[str, set[str]] = defaultdict(set)
    shingles_by_shape: Counter[str] = Counter()
    for page, out in zip(pages, outputs, strict=True):
        site = urlparse(urls.get(page.id) or "").netloc or _site_of_id(page.id)
        for line, missing in junk_lines(page.gold, out):
            if keep_line(line):
                continue
            key = shape(line)
            missed[key][line] += 1
            missed_sites[key].add(site)
            shingles_by_shape[key] += missing
    print(f"{len(pages)} pages; junk lines newsclean keeps and C4 drops, by shape (junk shingles, sites):")
    for key, count in shingles_by_shape.most_common():
        print(f"\n== {key}: {count} shingles, {len(missed[key])} distinct lines, {len(missed_sites[key])} sites")
        for line, n in missed[key].most_common(args.examples):
            print(f"   {n:4d}  {line[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
