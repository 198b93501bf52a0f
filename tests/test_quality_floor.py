"""Quality floors: newsclean on the 181 benchmark pages must not get worse.

Floors only move up. ``benchmarks/quality_floors.json`` pins, per condition, the lowest F1 and
the highest share of gold (article) shingles lost that newsclean may have. When a change
improves the figures, raise the floors with ``python3 -m benchmarks.quality --update-floors``
(it never lowers one). Never lower a floor to make a change pass: find what the change deletes
with ``python3 -m benchmarks.quality --worst 20`` instead. See docs/quality.md.

The data is vendored in ``fixtures/eval`` (the Scrapinghub benchmark, MIT), so a fresh clone
has it. If it is missing these tests fail, they do not skip: a quality gate that silently skips
is no gate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
DATA = REPO / "fixtures" / "eval"
if str(REPO) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not put the root on the path
    sys.path.insert(0, str(REPO))

from benchmarks import quality  # noqa: E402
from benchmarks.c4_baseline import c4_filter  # noqa: E402

#: Only the vendored Scrapinghub floors: the dragnet/daniel floors are checked by the benchmark
#: command itself (tests never read ../shared).
FLOORS = json.loads((REPO / "benchmarks" / "quality_floors.json").read_text(encoding="utf-8"))["datasets"][
    "scrapinghub"
]
TEXT_CONDITIONS = ("dump", "extracted", "resiliparse")
#: Every condition with a pinned floor: the three scraped-text inputs and the raw HTML pages.
FLOORED_CONDITIONS = (*TEXT_CONDITIONS, "html")


def _require_data(data: Path = DATA) -> None:
    folder = data / "scrapinghub-text"
    if not folder.is_dir():
        pytest.fail(
            f"quality benchmark data missing: {folder} does not exist. The floor test needs the "
            "vendored benchmark in fixtures/eval/ (see its README); it fails rather than skips.",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def newsclean_report() -> quality.Report:
    _require_data()
    return quality.run(
        FLOORED_CONDITIONS, ["newsclean"], datasets=["scrapinghub"], data=DATA, workers=2, diagnose=False
    )


def test_floors_check_flags_a_figure_under_its_floor() -> None:
    row = quality.SystemResult("dragnet", "dump", "newsclean", "", 0.7, 0.9, 0.79, 10, 0, 0, 0.0, 100, 2, 2.0, 0.0)
    report = quality.Report(results=[row])
    floors = {"dragnet": {"dump": {"f1_min": 0.8, "gold_lost_pct_max": 1.0}}}
    assert quality.check_floors(report, floors) == [
        "dragnet/dump: F1 0.7900 below the floor 0.8",
        "dragnet/dump: gold lost 2.000% above the ceiling 1.0%",
    ]
    assert quality.check_floors(report, {"dragnet": {"dump": {"f1_min": 0.7, "gold_lost_pct_max": 2.0}}}) == []


def test_missing_data_fails_not_skips(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="data missing"):
        _require_data(tmp_path / "no-data")


def test_every_condition_has_a_floor() -> None:
    assert sorted(FLOORS) == sorted(FLOORED_CONDITIONS)


@pytest.mark.parametrize("condition", FLOORED_CONDITIONS)
def test_f1_not_below_floor(newsclean_report: quality.Report, condition: str) -> None:
    result = newsclean_report.result(condition, "newsclean")
    assert result.pages == 181
    floor = FLOORS[condition]["f1_min"]
    assert result.f1 >= floor, (
        f"{condition}: newsclean F1 {result.f1:.4f} fell below the floor {floor}; "
        "run `python3 -m benchmarks.quality --worst 20` to see what it now deletes or keeps"
    )


@pytest.mark.parametrize("condition", TEXT_CONDITIONS)
def test_gold_lost_not_above_ceiling(newsclean_report: quality.Report, condition: str) -> None:
    result = newsclean_report.result(condition, "newsclean")
    ceiling = FLOORS[condition]["gold_lost_pct_max"]
    assert result.gold_lost_pct <= ceiling, (
        f"{condition}: newsclean lost {result.gold_lost_pct:.3f}% of the gold shingles, above the "
        f"ceiling {ceiling}%; run `python3 -m benchmarks.quality --worst 20` for the lost lines"
    )


def test_scorer_reproduces_published_figures() -> None:
    """The README of the data publishes these figures for the inputs unchanged and for C4."""
    _require_data()
    report = quality.run(TEXT_CONDITIONS, ["unchanged", "c4"], datasets=["scrapinghub"], data=DATA, diagnose=False)
    for (condition, system), published in quality.PUBLISHED.items():
        r = report.result(condition, system)
        assert (round(r.precision, 3), round(r.recall, 3), round(r.f1, 3)) == published, (condition, system)


# ---- the scorer on hand-made cases -----------------------------------------------------------


def test_shingles_are_4_grams_of_word_tokens() -> None:
    assert quality.tokenize("Don't stop-me now, 2024!") == ["Don", "t", "stop", "me", "now", "2024"]
    assert quality.shingles("a b c d e a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "e"): 1,
        ("c", "d", "e", "a"): 1,
        ("d", "e", "a", "b"): 1,
        ("e", "a", "b", "c"): 1,
    }


def test_fewer_than_4_tokens_make_one_short_shingle() -> None:
    # upstream: range(max(1, len(tokens) - n + 1)) keeps one shingle of all the tokens
    assert quality.shingles("only three words") == {("only", "three", "words"): 1}
    assert quality.shingles("one") == {("one",): 1}
    assert quality.shingles("  ... ") == {}
    # a short text matches only an identical short text, never a 4-gram containing it
    assert quality.score_page("only three words", "only three words").precision == 1.0
    s = quality.score_page("only three words here", "only three words")
    assert (s.tp, s.fp, s.fn, s.precision, s.recall) == (0, 1, 1, 0.0, 0.0)


def test_exact_precision_and_recall() -> None:
    gold = "w1 w2 w3 w4 w5 w6 w7"  # 4 shingles
    out = "junk w1 w2 w3 w4 w5 w6"  # 4 shingles: 3 match, 1 starts with junk
    s = quality.score_page(gold, out)
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)
    assert s.precision == pytest.approx(0.75) and s.recall == pytest.approx(0.75)


def test_shingles_match_as_multisets() -> None:
    gold = "a b c d"
    s = quality.score_page(gold, "a b c d\na b c d")  # the repeated shingle matches once
    assert (s.tp, s.fp, s.fn) == (1, 4, 0)
    assert s.precision == pytest.approx(0.2)


def test_empty_output_and_empty_gold_leave_the_mean() -> None:
    # empty output: no precision (left out of the mean), recall 0
    empty_out = quality.score_page("a b c d e", "")
    assert empty_out.precision is None and empty_out.recall == 0.0
    # empty gold: precision 0, no recall
    empty_gold = quality.score_page("", "a b c d e")
    assert empty_gold.precision == 0.0 and empty_gold.recall is None
    # both empty: in neither mean
    both = quality.score_page("", "")
    assert both.precision is None and both.recall is None
    summary = quality.score_pages([("a b c d e", "a b c d e"), ("a b c d e", ""), ("", "")])
    assert (summary.precision, summary.recall, summary.pages) == (1.0, 0.5, 3)
    assert summary.f1 == pytest.approx(2 / 3)


def test_f1_is_harmonic_mean_of_averages_not_average_of_f1() -> None:
    pages = [("a b c d e", "a b c d e x y z w"), ("a b c d e f g", "a b c d")]
    # page 1: 2 of 6 output shingles match, P 1/3, R 1; page 2: P 1, R 1/4
    summary = quality.score_pages(pages)
    p, r = (1 / 3 + 1) / 2, (1 + 1 / 4) / 2
    assert summary.precision == pytest.approx(p) and summary.recall == pytest.approx(r)
    assert summary.f1 == pytest.approx(2 * p * r / (p + r))


def test_junk_removed_and_gold_lost() -> None:
    gold = "g1 g2 g3 g4 g5"
    inp = "j1 j2 j3 j4\ng1 g2 g3 g4 g5"  # 6 shingles: 2 gold, j1-j4 and 3 straddling are junk
    d = quality.compare(gold, inp, "g1 g2 g3 g4 g5")
    assert d == quality.Delta(junk_in=4, junk_removed=4, gold_in=2, gold_lost=0)
    d = quality.compare(gold, inp, "j1 j2 j3 j4\ng1 g2 g3 g4")  # drops the shingle g2-g5
    assert d == quality.Delta(junk_in=4, junk_removed=0, gold_in=2, gold_lost=1)


def test_rule_attribution_charges_lost_gold_to_the_finding() -> None:
    import newsclean

    gold = "Alpha beta gamma delta epsilon."
    page = quality.Page("p", gold=gold, input=f"Menu Home\n{gold}\n")
    finding = newsclean.Finding(10, 41, "NC999", "test-rule", "test", 2, 1)
    out_text = newsclean.apply(page.input, [finding])
    stats, lost = quality.attribute(
        page, quality.Output(out_text, (finding,)), quality.shingles(page.gold), quality.shingles(out_text)
    )
    assert stats["NC999"].gold_shingles == 2 and stats["NC999"].findings == 1
    assert lost == [(2, finding, 2)]


def test_c4_baseline_line_rules() -> None:
    text = "Home | News\nShe said the vote was close.\nEnable JavaScript to watch this.\nRead more...\nIt rained.\n"
    assert c4_filter(text) == "She said the vote was close."


def test_clean_is_idempotent_on_every_benchmark_text() -> None:
    """``clean(clean(x)) == clean(x)`` on all scraped texts of the benchmark (dump, extracted,
    resiliparse) and the seeds: real pages find what generated text misses (a trailing credit
    cut from the second copy of a caption made the copies equal only on a second run)."""
    import newsclean

    _require_data()
    paths = [p for p in sorted((DATA / "scrapinghub-text").glob("*.txt")) if not p.name.endswith(".gold.txt")]
    paths += sorted((REPO / "fixtures" / "seeds").glob("*.txt"))
    failures = []
    for path in paths:
        once = newsclean.clean(path.read_text(encoding="utf-8"))
        if newsclean.clean(once) != once:
            failures.append(path.name)
    assert not failures, f"not idempotent: {failures[:5]}"
