"""Precision probe: what newsclean removes from the gold article bodies themselves.

The gold bodies of the Scrapinghub benchmark are clean article text; anything a rule removes
there is a candidate false positive (or boilerplate the annotators kept). Prints the share of
characters removed and, per rule, the removed characters with examples.

    python benchmarks/gold_probe.py [--examples 4] [--data fixtures/eval]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import newsclean

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import VENDORED  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=VENDORED)
    parser.add_argument("--examples", type=int, default=4)
    args = parser.parse_args(argv)
    files = sorted((args.data / "scrapinghub-text").glob("*.gold.txt"))
    if not files:
        raise SystemExit(f"no *.gold.txt under {args.data / 'scrapinghub-text'}")
    removed: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    total = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        total += len(text)
        for f in newsclean.check(text):
            if f.replacement:
                continue
            removed[f.code] += f.end - f.start
            examples[f.code].append(f"{path.name[:12]}: {text[f.start : f.end].strip()[:80]!r}")
    chars = sum(removed.values())
    print(f"{len(files)} gold bodies: removed {chars:,} of {total:,} characters ({100 * chars / max(total, 1):.2f}%)")
    for code, n in removed.most_common():
        print(f"  {code} {n:6,} chars")
        for line in examples[code][: args.examples]:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
