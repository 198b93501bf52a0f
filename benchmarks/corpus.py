"""Build a JSONL benchmark corpus of realistic scraped-news text.

    python benchmarks/corpus.py --mb 200            # -> benchmarks/out/corpus-200mb.jsonl

Sources (every document is a real scrape of a news page, junk included):

- ``fixtures/eval/scrapinghub-text/*.dump.txt``: naive full-page text dumps
  (menus, footers, share bars, related trails: the junk-heavy condition);
- ``*.extracted.txt``: trafilatura with ``favor_recall`` (mostly article, some leftover junk);
- ``*.resiliparse.txt``: resiliparse main-content extraction (the bulk-corpus condition);
- ``fixtures/seeds/*.txt``: five labelled real scrapes.

The ``*.gold.txt`` bodies are left out: they are clean, so they would flatter the figures.

The corpus is the pool repeated (shuffled, with a fixed seed) until it reaches ``--mb`` MB of
UTF-8 text. Each copy is varied a little so that no cache keyed on whole lines or documents
sees the same text again: the digits of the copy are permuted (dates, times, counts and
prices change, line shapes do not), and in half of the copies one line after the first is
dropped. Every record is ``{"id": "<source>#<copy>", "text": ...}``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from paths import SCRAPINGHUB_TEXT  # noqa: E402

REPO = HERE.parent
OUT = HERE / "out"
EVAL = SCRAPINGHUB_TEXT
CONDITIONS = ("dump", "extracted", "resiliparse")


def source_documents() -> list[tuple[str, str]]:
    """``(id, text)`` of every source document, in a stable order."""
    docs: list[tuple[str, str]] = []
    for cond in CONDITIONS:
        for path in sorted(EVAL.glob(f"*.{cond}.txt")):
            docs.append((f"{path.name[:12]}.{cond}", path.read_text(encoding="utf-8")))
    for path in sorted((REPO / "fixtures" / "seeds").glob("*.txt")):
        if not path.name.endswith(".expected.txt"):
            docs.append((f"seed.{path.stem}", path.read_text(encoding="utf-8")))
    return [(i, t) for i, t in docs if t.strip()]


def vary(text: str, rng: random.Random) -> str:
    """A copy of ``text`` with its digits permuted and (half the time) one line dropped."""
    digits = list("0123456789")
    rng.shuffle(digits)
    text = text.translate(str.maketrans("0123456789", "".join(digits)))
    if rng.random() < 0.5:
        lines = text.split("\n")
        if len(lines) > 2:
            del lines[rng.randrange(1, len(lines))]
            text = "\n".join(lines)
    return text


def build(mb: float, path: Path, seed: int = 5) -> tuple[int, int]:
    """Write about ``mb`` MB of text as JSONL to ``path``; returns (documents, text bytes)."""
    rng = random.Random(seed)
    pool = source_documents()
    target = int(mb * 1_000_000)
    written = docs = copy = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        while written < target:
            order = list(range(len(pool)))
            rng.shuffle(order)
            for k in order:
                doc_id, text = pool[k]
                text = vary(text, rng) if copy else text
                out.write(orjson.dumps({"id": f"{doc_id}#{copy}", "text": text}) + b"\n")
                written += len(text.encode("utf-8"))
                docs += 1
                if written >= target:
                    break
            copy += 1
    return docs, written


def corpus_path(mb: float) -> Path:
    return OUT / f"corpus-{mb:g}mb.jsonl"


def ensure(mb: float) -> Path:
    """The corpus of ``mb`` MB, built if missing."""
    path = corpus_path(mb)
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        build(mb, tmp)
        tmp.rename(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a JSONL corpus of scraped-news text.")
    parser.add_argument("--mb", type=float, default=200, help="size in MB of text (default 200)")
    parser.add_argument("--out", type=Path, help="output path (default benchmarks/out/corpus-<mb>mb.jsonl)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    path = args.out or corpus_path(args.mb)
    docs, nbytes = build(args.mb, path, args.seed)
    print(f"{path}: {docs} documents, {nbytes / 1e6:.1f} MB of text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
