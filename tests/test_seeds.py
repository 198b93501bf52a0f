"""The five real scrapes in fixtures/seeds: exact expected lines and label families."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import newsclean
from conftest import FIXTURES

SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))

#: The labels of the seed files and the rule family that must account for each.
LABEL_FAMILY = {
    "nav": "NC1",
    "icon_run": "NC1",
    "promo": "NC2",
    "widget_stub": "NC2",
    "comment_stub": "NC3",
    "related_trail": "NC4",
    "caption_credit": "NC5",
    "image_alt": "NC5",
    "duplicate": "NC6",
    "byline": "NC7",
    "media_player": "NC8",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_seed_files_present() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_clean_matches_expected(seed: Path) -> None:
    expected = seed.with_name(seed.stem + ".expected.txt").read_text(encoding="utf-8")
    assert _lines(newsclean.clean(seed.read_text(encoding="utf-8"))) == _lines(expected)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_findings_agree_with_labels(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = newsclean.Document(text)
    findings = newsclean.check(text)
    with open(seed.with_name(seed.stem + ".labels.tsv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        line_no = int(row["line"]) - 1
        covering = [f for f in findings if not f.replacement and doc.lines_covered([(f.start, f.end)]) >= {line_no}]
        if row["label"] == "keep":
            assert not covering, f"line {row['line']} is article text but was removed by {covering}"
        else:
            family = LABEL_FAMILY[row["label"]]
            codes = {f.code for f in covering}
            assert any(code.startswith(family) for code in codes), (
                f"line {row['line']} ({row['label']}) should be removed by a {family} rule; found {codes or 'nothing'}"
            )


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_clean_is_idempotent(seed: Path) -> None:
    once = newsclean.clean(seed.read_text(encoding="utf-8"))
    assert newsclean.clean(once) == once
    assert newsclean.check(once) == []
