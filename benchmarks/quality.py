"""Quality benchmark: how much junk newsclean removes, and how much article text it loses.

Run it from the repository root::

    python3 -m benchmarks.quality                      # every dataset x input, per language too
    python3 -m benchmarks.quality --worst 15           # also: whole-article losses, lost lines, junk left
    python3 -m benchmarks.quality --datasets scrapinghub --conditions extracted --limit 20

Datasets (:data:`DATASETS`): ``scrapinghub`` (181 pages, vendored in ``fixtures/eval``, read by the
tests) and the shared development sets ``dragnet`` and ``daniel``
(:func:`benchmarks.paths.shared_eval`: ``pages.jsonl.gz`` with id, lang, url, html, gold and
``inputs.jsonl.gz`` with id, dump, extracted, resiliparse). Each input condition (:data:`CONDITIONS`:
dump, extracted, resiliparse, html) is scored for ``unchanged``, ``c4`` and ``newsclean``, pooled
and per language. Without ``--limit`` the command checks the floors of every dataset it ran
(``benchmarks/quality_floors.json``) and exits 1 when a figure is under its floor.

The metric is the one of the Zyte/Scrapinghub article-extraction benchmark (its
``evaluate.py``), reproduced exactly by :func:`score_page` and :func:`summarize`:

- tokens are ``\\w+`` (Python ``re``, Unicode); a shingle is 4 consecutive tokens, and a text of
  1 to 3 tokens has exactly one (shorter) shingle made of all its tokens; an empty text has none;
- shingles are compared as multisets: ``tp = sum(min(out, gold))``, ``fp``/``fn`` the excess;
- per page precision = tp / (tp + fp), recall = tp / (tp + fn); a page whose output is empty is
  left out of the precision mean, a page whose gold is empty is left out of the recall mean
  (upstream: ``if tp + fp > 0`` / ``if tp + fn > 0``);
- precision and recall are averaged over pages; F1 is the harmonic mean of the two averages.

Two more figures compare the output with the *input* of the system (pooled over all pages):

- **junk removed %**: the input's junk shingles are its shingles not matched to gold, as a
  multiset (``max(0, input[k] - gold[k])`` per shingle ``k``); a junk shingle is removed when the
  output has fewer junk copies of it (``max(0, junk_in[k] - junk_out[k])``);
- **gold lost %**: of the gold shingles the input matches (``min(input[k], gold[k])``), the share
  the output no longer matches (``max(0, min(input, gold) - min(output, gold))``).

Per rule (finding code), the benchmark counts the findings, the characters in their spans, and
the removed input shingles that were gold or junk. A shingle occurrence of the input is
*destroyed* when one of its tokens overlaps a finding; it is charged to the finding owning its
first such token. Per shingle ``k``, the first ``gold_lost[k]`` destroyed occurrences are counted
as gold, the others as junk (so the per-rule gold counts add up to the gold lost by the run).

Adding a dataset: write a loader ``(folder, condition, limit) -> list[Page]`` and add one entry
to :data:`DATASETS`; adding a condition whose input is not plain text: give it its own systems
(``(pages, workers) -> list[Output]``), as the ``html`` condition does. Give :class:`Output` the
findings only when their spans are offsets into ``page.input``; without findings, the per-rule
counts and the lost-gold lines are skipped for that system, and everything else still works. The scorer is
importable on its own: ``from benchmarks.quality import score_pages``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import newsclean
from newsclean import Config, Finding

from .c4_baseline import c4_filter
from .paths import VENDORED, shared_eval

__all__ = [
    "CONDITIONS",
    "Condition",
    "Delta",
    "Output",
    "Page",
    "PageScore",
    "Report",
    "Summary",
    "attribute",
    "compare",
    "data_dir",
    "junk_lines",
    "main",
    "run",
    "score_page",
    "score_pages",
    "shingles",
    "summarize",
    "tokenize",
    "update_floors",
]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = VENDORED
DEFAULT_JSON = REPO / "benchmarks" / "out" / "quality.json"
FLOORS = REPO / "benchmarks" / "quality_floors.json"
NGRAM = 4

# Figures published in shared/eval-public/scrapinghub-text/README.md for the unchanged inputs
# and the C4 line rules, printed beside ours to show the scorer reproduces them.
PUBLISHED: dict[tuple[str, str], tuple[float, float, float]] = {
    ("dump", "unchanged"): (0.499, 0.994, 0.665),
    ("dump", "c4"): (0.788, 0.824, 0.806),
    ("extracted", "unchanged"): (0.927, 0.978, 0.952),
    ("extracted", "c4"): (0.932, 0.800, 0.861),
    ("resiliparse", "unchanged"): (0.830, 0.979, 0.898),
}

_TOKEN_RE = re.compile(r"\w+")


# --------------------------------------------------------------------------------------------
# The metric


def tokenize(text: str) -> list[str]:
    """The benchmark's tokens: every ``\\w+`` run.

    >>> tokenize("It's 5 o'clock!")
    ['It', 's', '5', 'o', 'clock']
    """
    return _TOKEN_RE.findall(text or "")


def _shingle_spans(n_tokens: int, n: int = NGRAM) -> list[tuple[int, int]]:
    """Token index ranges ``[i, j)`` of the shingles of a text with ``n_tokens`` tokens."""
    if n_tokens == 0:
        return []
    return [(i, min(i + n, n_tokens)) for i in range(max(1, n_tokens - n + 1))]


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """The multiset of shingles of ``text``, as upstream ``_all_shingles`` builds it.

    >>> sorted(shingles("a b c d e").items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    >>> shingles("too short")
    Counter({('too', 'short'): 1})
    >>> shingles("")
    Counter()
    """
    toks = tokenize(text)
    return Counter(tuple(toks[i:j]) for i, j in _shingle_spans(len(toks), n))


@dataclass(frozen=True)
class PageScore:
    """Raw shingle counts of one page (upstream normalises them; the ratios are the same)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); ``None`` when the output has no shingles (left out of the mean)."""
        if self.tp + self.fp == 0:
            return None
        return 1.0 if self.fp == self.fn == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); ``None`` when the gold has no shingles (left out of the mean)."""
        if self.tp + self.fn == 0:
            return None
        return 1.0 if self.fp == self.fn == 0 else self.tp / (self.tp + self.fn)


def _match(gold: Counter[tuple[str, ...]], out: Counter[tuple[str, ...]]) -> PageScore:
    small, big = (gold, out) if len(gold) < len(out) else (out, gold)
    tp = sum(min(c, big[k]) for k, c in small.items() if k in big)
    return PageScore(tp, out.total() - tp, gold.total() - tp)


def score_page(gold: str, output: str) -> PageScore:
    """Shingle matching of one page's output against its gold text.

    >>> s = score_page("one two three four five", "one two three four six")
    >>> (s.tp, s.fp, s.fn, s.precision, s.recall)
    (1, 1, 1, 0.5, 0.5)
    """
    return _match(shingles(gold), shingles(output))


@dataclass(frozen=True)
class Summary:
    """Benchmark figures over many pages: macro-averaged P and R, and F1 of the averages."""

    precision: float
    recall: float
    f1: float
    pages: int


def summarize(scores: Sequence[PageScore]) -> Summary:
    """Average per-page precision and recall as upstream does; F1 is their harmonic mean."""
    ps = [p for p in (s.precision for s in scores) if p is not None]
    rs = [r for r in (s.recall for s in scores) if r is not None]
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Summary(precision, recall, f1, len(scores))


def score_pages(pairs: Iterable[tuple[str, str]]) -> Summary:
    """The benchmark figures for ``(gold, output)`` pairs.

    >>> score_pages([("a b c d e", "a b c d e"), ("a b c d e", "")])
    Summary(precision=1.0, recall=0.5, f1=0.6666666666666666, pages=2)
    """
    return summarize([score_page(gold, out) for gold, out in pairs])


@dataclass(frozen=True)
class Delta:
    """What a system did to its input, in shingles (see the module docstring)."""

    junk_in: int
    junk_removed: int
    gold_in: int
    gold_lost: int


def compare(gold: str, input_text: str, output: str) -> Delta:
    """Junk removed and gold lost between ``input_text`` and ``output``.

    >>> compare("a b c d e", "x a b c d e", "a b c d")
    Delta(junk_in=1, junk_removed=1, gold_in=2, gold_lost=1)
    """
    return _delta(shingles(gold), shingles(input_text), shingles(output))


def _delta(g: Counter[tuple[str, ...]], i: Counter[tuple[str, ...]], o: Counter[tuple[str, ...]]) -> Delta:
    # Shingles only in the output add no removed junk and no lost gold: loop over the input's.
    junk_in = junk_removed = gold_in = gold_lost = 0
    for key, ik in i.items():
        gk = g.get(key, 0)
        ok = o.get(key, 0)
        if ok >= ik:  # nothing of this shingle removed
            if gk:
                gold_in += ik if ik < gk else gk
            if ik > gk:
                junk_in += ik - gk
            continue
        if gk:
            gi = ik if ik < gk else gk
            go = ok if ok < gk else gk
            gold_in += gi
            gold_lost += gi - go
        if ik > gk:
            ji = ik - gk
            jo = ok - gk if ok > gk else 0
            junk_in += ji
            junk_removed += ji - jo
    return Delta(junk_in, junk_removed, gold_in, gold_lost)


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


# --------------------------------------------------------------------------------------------
# Datasets, conditions and systems


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, gold article body, the input a system receives, its language."""

    id: str
    gold: str
    input: str
    lang: str = ""


@dataclass(frozen=True)
class Output:
    """A system's output for one page; ``findings`` are spans into ``page.input`` when known."""

    text: str
    findings: tuple[Finding, ...] | None = None


System = Callable[[Sequence[Page], int], list[Output]]
#: ``(folder of the dataset's data, condition name, limit) -> pages``, sorted by id.
Loader = Callable[[Path, str, "int | None"], list[Page]]


def run_unchanged(pages: Sequence[Page], workers: int) -> list[Output]:
    """The input as it is: the figures a cleaner has to beat."""
    return [Output(p.input) for p in pages]


def run_c4(pages: Sequence[Page], workers: int) -> list[Output]:
    """The C4 line rules (:mod:`benchmarks.c4_baseline`)."""
    return [Output(c4_filter(p.input)) for p in pages]


def run_newsclean(pages: Sequence[Page], workers: int) -> list[Output]:
    """``newsclean.clean_many`` with the default config, in input order."""
    results = newsclean.clean_many([p.input for p in pages], Config(), workers=workers, with_findings=True)
    return [Output(r.text, tuple(r.findings)) for r in results]


def _clean_html_text(html: str) -> str:
    return newsclean.clean_html(html).text


def run_newsclean_html(pages: Sequence[Page], workers: int) -> list[Output]:
    """``newsclean.clean_html`` with the default config. Its findings are offsets into the page's
    block text (``HtmlResult.source_text``), not into the HTML, so none are given here."""
    htmls = [p.input for p in pages]
    if workers == 1 or len(htmls) < 50:
        return [Output(_clean_html_text(h)) for h in htmls]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers or None) as pool:
        return [Output(t) for t in pool.map(_clean_html_text, htmls, chunksize=16)]


TEXT_SYSTEMS: Mapping[str, System] = {"unchanged": run_unchanged, "c4": run_c4, "newsclean": run_newsclean}


@dataclass(frozen=True)
class Condition:
    """An input condition (what the system receives) and the systems to run on it."""

    name: str
    description: str
    systems: Mapping[str, System] = field(default_factory=lambda: dict(TEXT_SYSTEMS))


CONDITIONS: dict[str, Condition] = {
    "dump": Condition("dump", "naive full-page text dump (html-text)"),
    "extracted": Condition("extracted", "trafilatura favor_recall output"),
    "resiliparse": Condition("resiliparse", "resiliparse main-content output"),
    "html": Condition("html", "raw HTML pages (newsclean.clean_html)", systems={"newsclean": run_newsclean_html}),
}


def load_scrapinghub(data: Path, condition: str, limit: int | None) -> list[Page]:
    """The vendored Scrapinghub pages: ``scrapinghub-text/<id>.<condition>.txt`` and the gold,
    or for ``html`` the raw pages (``scrapinghub/html/<id>.html.gz``) with ``articleBody``."""
    if condition == "html":
        return load_html(data, limit)
    folder = data / "scrapinghub-text"
    if not folder.is_dir():
        raise FileNotFoundError(f"benchmark data not found: {folder} (vendored in fixtures/eval/ in the repository)")
    ids = sorted(p.name[: -len(".gold.txt")] for p in folder.glob("*.gold.txt"))
    if limit is not None:
        ids = ids[:limit]
    return [
        Page(
            i,
            (folder / f"{i}.gold.txt").read_text(encoding="utf-8"),
            (folder / f"{i}.{condition}.txt").read_text(encoding="utf-8"),
            "en",
        )
        for i in ids
    ]


def load_html(data: Path, limit: int | None) -> list[Page]:
    """The raw Scrapinghub pages (``scrapinghub/html/<id>.html.gz``, UTF-8) with the gold ``articleBody``."""
    import gzip

    folder = data / "scrapinghub"
    if not (folder / "ground-truth.json").is_file():
        raise FileNotFoundError(f"benchmark data not found: {folder}/ground-truth.json")
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit is not None else sorted(gold)
    return [
        Page(
            i,
            gold[i]["articleBody"],
            gzip.open(folder / "html" / f"{i}.html.gz").read().decode("utf-8", "replace"),
            "en",
        )
        for i in ids
    ]


def _read_jsonl(path: Path, fields: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    import gzip

    if not path.is_file():
        raise FileNotFoundError(
            f"benchmark data not found: {path} (the shared development sets; set NEWSCLEAN_EVAL_DATA "
            "or pass --datasets scrapinghub)"
        )
    rows: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows[str(row["id"])] = tuple(row.get(k) or "" for k in fields)
    return rows


def load_shared(folder: Path, condition: str, limit: int | None) -> list[Page]:
    """A shared development set (``dragnet``, ``daniel``): gold and language from
    ``pages.jsonl.gz``, the input from ``inputs.jsonl.gz`` (or the page's HTML for ``html``)."""
    if condition == "html":
        pages = _read_jsonl(folder / "pages.jsonl.gz", ("gold", "lang", "html"))
        ids = sorted(pages)[:limit] if limit is not None else sorted(pages)
        return [Page(i, pages[i][0], pages[i][2], pages[i][1]) for i in ids]
    golds = _read_jsonl(folder / "pages.jsonl.gz", ("gold", "lang"))
    inputs = _read_jsonl(folder / "inputs.jsonl.gz", (condition,))
    ids = sorted(set(golds) & set(inputs))
    if limit is not None:
        ids = ids[:limit]
    return [Page(i, golds[i][0], inputs[i][0], golds[i][1]) for i in ids]


@dataclass(frozen=True)
class Dataset:
    """A set of pages with gold: where its data is and how to load one condition of it."""

    name: str
    description: str
    load: Loader
    #: Vendored in the repository (read by the tests), or one of the shared development sets.
    vendored: bool = False

    def folder(self, data: Path | None, shared: Path | None) -> Path:
        if self.vendored:
            return data or DEFAULT_DATA
        return (shared or shared_eval()) / self.name


DATASETS: dict[str, Dataset] = {
    "scrapinghub": Dataset("scrapinghub", "181 English news pages (vendored)", load_scrapinghub, vendored=True),
    "dragnet": Dataset("dragnet", "1,381 English news and blog pages (shared)", load_shared),
    "daniel": Dataset("daniel", "1,689 news pages in en, zh, ru, el, pl (shared)", load_shared),
}


def data_dir() -> Path:
    """Where the Scrapinghub evaluation data is: vendored in ``fixtures/eval``."""
    return DEFAULT_DATA


# --------------------------------------------------------------------------------------------
# Per-rule attribution and diagnostics


@dataclass
class RuleStats:
    findings: int = 0
    chars: int = 0
    gold_shingles: int = 0
    junk_shingles: int = 0


@dataclass(frozen=True)
class LostLine:
    """An input line whose removal lost gold shingles, and the finding that removed it."""

    condition: str
    page: str
    line: int
    code: str
    message: str
    gold_lost: int
    text: str
    finding_gold_lost: int
    finding_lines: str


@dataclass(frozen=True)
class JunkPage:
    """A page where the output kept junk, with the output lines judged to be junk."""

    condition: str
    page: str
    junk_shingles: int
    precision: float | None
    lines: tuple[str, ...]


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def attribute(
    page: Page, output: Output, gold: Counter[tuple[str, ...]], out: Counter[tuple[str, ...]]
) -> tuple[dict[str, RuleStats], list[tuple[int, Finding, int]]]:
    """Charge the input shingles destroyed by ``output.findings`` to codes and input lines.

    Returns per-code stats and ``(line, finding, gold_shingles_lost)`` for lines that lost gold.
    """
    findings = output.findings or ()
    stats: dict[str, RuleStats] = defaultdict(RuleStats)
    for f in findings:
        stats[f.code].findings += 1
        stats[f.code].chars += f.end - f.start
    matches = list(_TOKEN_RE.finditer(page.input))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    owner: list[int | None] = [None] * len(matches)
    for fi, f in enumerate(findings):  # sorted by position: the first finding owns a token
        lo = bisect.bisect_right(ends, f.start)
        hi = bisect.bisect_left(starts, f.end)
        for t in range(lo, hi):
            if owner[t] is None:
                owner[t] = fi
    toks = [m.group() for m in matches]
    inp: Counter[tuple[str, ...]] = Counter()
    destroyed: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for i, j in _shingle_spans(len(toks)):
        key = tuple(toks[i:j])
        inp[key] += 1
        for t in range(i, j):
            if owner[t] is not None:
                destroyed[key].append((owner[t], t))  # type: ignore[arg-type]
                break
    line_starts = _line_starts(page.input)
    lost: dict[tuple[int, int], int] = Counter()
    for key, occ in destroyed.items():
        gk = gold.get(key, 0)
        n_gold = max(0, min(inp[key], gk) - min(out.get(key, 0), gk))
        for n, (fi, t) in enumerate(occ):
            code = findings[fi].code
            if n < n_gold:
                stats[code].gold_shingles += 1
                lost[(bisect.bisect_right(line_starts, starts[t]), fi)] += 1
            else:
                stats[code].junk_shingles += 1
    return dict(stats), [(line, findings[fi], n) for (line, fi), n in lost.items()]


def junk_lines(gold_text: str, output: str) -> list[tuple[str, int]]:
    """Output lines that look like junk, with their count of shingles absent from the gold.

    A line of 4+ tokens is junk when more than half of its own shingles are not in the gold;
    a line of 1-3 tokens is junk when its token sequence does not occur in the gold. A diagnostic
    heuristic for reading output, not part of the metric.
    """
    gtoks = tokenize(gold_text)
    gold4 = set(shingles(gold_text))
    short = {tuple(gtoks[i : i + k]) for k in (1, 2, 3) for i in range(len(gtoks) - k + 1)}
    out = []
    for line in output.splitlines():
        toks = tokenize(line)
        if not toks:
            continue
        if len(toks) < NGRAM:
            if tuple(toks) not in short:
                out.append((line.strip(), 1))
            continue
        keys = [tuple(toks[i : i + NGRAM]) for i in range(len(toks) - NGRAM + 1)]
        missing = sum(1 for k in keys if k not in gold4)
        if missing * 2 > len(keys):
            out.append((line.strip(), missing))
    return out


# --------------------------------------------------------------------------------------------
# Running


@dataclass
class SystemResult:
    """One row of the table: a system on one condition of one dataset (``lang`` "" = all pages)."""

    dataset: str
    condition: str
    system: str
    lang: str
    precision: float
    recall: float
    f1: float
    pages: int
    junk_in: int
    junk_removed: int
    junk_removed_pct: float
    gold_in: int
    gold_lost: int
    gold_lost_pct: float
    seconds: float


@dataclass(frozen=True)
class WholeLoss:
    """A page that lost more than half of the gold its input had: the worst failure."""

    condition: str
    page: str
    lang: str
    gold_in: int
    gold_lost: int
    codes: str


@dataclass
class Report:
    results: list[SystemResult] = field(default_factory=list)
    #: ``"<dataset>/<condition>"`` -> code -> stats (newsclean only).
    rules: dict[str, dict[str, RuleStats]] = field(default_factory=dict)
    lost_lines: list[LostLine] = field(default_factory=list)
    junk_pages: list[JunkPage] = field(default_factory=list)
    whole_losses: list[WholeLoss] = field(default_factory=list)
    #: Whether every page of each dataset was run (floors are only checked then).
    complete: bool = True

    def result(self, condition: str, system: str, dataset: str = "scrapinghub", lang: str = "") -> SystemResult:
        for r in self.results:
            if (r.dataset, r.condition, r.system, r.lang) == (dataset, condition, system, lang):
                return r
        raise KeyError(f"no result for {dataset}/{condition}/{system}{'/' + lang if lang else ''}")


#: A page counts as a whole-article loss when it lost more than this share of the gold shingles
#: its input had, and the input had at least :data:`WHOLE_LOSS_MIN_GOLD` of them.
WHOLE_LOSS_SHARE = 0.5
WHOLE_LOSS_MIN_GOLD = 10


def _result(
    dataset: str,
    cname: str,
    sname: str,
    lang: str,
    scores: Sequence[PageScore],
    deltas: Sequence[Delta],
    seconds: float,
) -> SystemResult:
    summary = summarize(scores)
    ji, jr = sum(d.junk_in for d in deltas), sum(d.junk_removed for d in deltas)
    gi, gl = sum(d.gold_in for d in deltas), sum(d.gold_lost for d in deltas)
    return SystemResult(
        dataset=dataset,
        condition=cname,
        system=sname,
        lang=lang,
        precision=summary.precision,
        recall=summary.recall,
        f1=summary.f1,
        pages=summary.pages,
        junk_in=ji,
        junk_removed=jr,
        junk_removed_pct=_pct(jr, ji),
        gold_in=gi,
        gold_lost=gl,
        gold_lost_pct=_pct(gl, gi),
        seconds=seconds,
    )


def _check_choice(kind: str, chosen: Iterable[str], offered: Iterable[str]) -> None:
    unknown = sorted(set(chosen) - set(offered))
    if unknown:
        raise ValueError(f"unknown {kind} {', '.join(unknown)}; choose from {', '.join(offered)}")


def run(
    conditions: Sequence[str] | None = None,
    systems: Sequence[str] | None = None,
    *,
    datasets: Sequence[str] | None = None,
    data: Path | None = None,
    shared: Path | None = None,
    limit: int | None = None,
    workers: int = 2,
    diagnose: bool = True,
) -> Report:
    """Score every system of every condition of every dataset; with ``diagnose``, also per-rule
    counts and the worst lists. ``data`` is the vendored folder (``fixtures/eval``), ``shared``
    the folder of the larger development sets (:func:`benchmarks.paths.shared_eval`)."""
    report = Report(complete=limit is None)
    chosen_sets = list(datasets or DATASETS)
    chosen = list(conditions or CONDITIONS)
    _check_choice("dataset", chosen_sets, DATASETS)
    _check_choice("condition", chosen, CONDITIONS)
    # A system runs on the conditions that have it (the html condition has only newsclean).
    _check_choice("system", systems or (), sorted({s for c in chosen for s in CONDITIONS[c].systems}))
    for dname in chosen_sets:
        dataset = DATASETS[dname]
        folder = dataset.folder(data, shared)
        for cname in chosen:
            cond = CONDITIONS[cname]
            if systems and not set(systems) & set(cond.systems):
                continue
            pages = dataset.load(folder, cname, limit)
            _run_condition(report, dname, cond, pages, systems, workers, diagnose)
    # Worst finding first, its lines together in order, so a menu that swallowed a paragraph
    # (a little loss on each of many lines) ranks by what it lost in total.
    report.lost_lines.sort(key=lambda x: (-x.finding_gold_lost, x.condition, x.page, x.finding_lines, x.line))
    report.junk_pages.sort(key=lambda x: (-x.junk_shingles, x.condition, x.page))
    report.whole_losses.sort(key=lambda x: (-x.gold_lost, x.condition, x.page))
    return report


def _run_condition(
    report: Report,
    dname: str,
    cond: Condition,
    pages: Sequence[Page],
    systems: Sequence[str] | None,
    workers: int,
    diagnose: bool,
) -> None:
    cname = cond.name
    label = f"{dname}/{cname}"
    golds = [shingles(p.gold) for p in pages]
    inputs = [shingles(p.input) for p in pages]
    langs = sorted({p.lang for p in pages if p.lang})
    for sname, system in cond.systems.items():
        if systems and sname not in systems:
            continue
        t0 = time.perf_counter()
        outputs = system(pages, workers)
        seconds = time.perf_counter() - t0
        outs = [shingles(o.text) for o in outputs]
        scores = [_match(g, o) for g, o in zip(golds, outs)]
        deltas = [_delta(g, i, o) for g, i, o in zip(golds, inputs, outs)]
        report.results.append(_result(dname, cname, sname, "", scores, deltas, seconds))
        if len(langs) > 1:
            for lang in langs:
                idx = [k for k, p in enumerate(pages) if p.lang == lang]
                report.results.append(
                    _result(dname, cname, sname, lang, [scores[k] for k in idx], [deltas[k] for k in idx], 0.0)
                )
        if not diagnose or sname != "newsclean":
            continue
        rules: dict[str, RuleStats] = defaultdict(RuleStats)
        for page, output, g, o, score, d in zip(pages, outputs, golds, outs, scores, deltas):
            page_lost: Counter[str] = Counter()
            if output.findings is not None:
                stats, lost = attribute(page, output, g, o)
                for code, s in stats.items():
                    r = rules[code]
                    r.findings += s.findings
                    r.chars += s.chars
                    r.gold_shingles += s.gold_shingles
                    r.junk_shingles += s.junk_shingles
                    if s.gold_shingles:
                        page_lost[code] += s.gold_shingles
                lines = page.input.splitlines()
                per_finding: Counter[Finding] = Counter()
                for _, f, n in lost:
                    per_finding[f] += n
                for line, f, n in lost:
                    text = lines[line - 1].strip() if line <= len(lines) else ""
                    last = f.line + page.input.count("\n", f.start, max(f.start, f.end - 1))
                    span = f"{f.line}-{last}" if last > f.line else str(f.line)
                    report.lost_lines.append(
                        LostLine(label, page.id, line, f.code, f.message, n, text, per_finding[f], span)
                    )
            if d.gold_in >= WHOLE_LOSS_MIN_GOLD and d.gold_lost > WHOLE_LOSS_SHARE * d.gold_in:
                codes = " ".join(f"{c}={n}" for c, n in page_lost.most_common())
                report.whole_losses.append(WholeLoss(label, page.id, page.lang, d.gold_in, d.gold_lost, codes))
            left = junk_lines(page.gold, output.text)
            if score.fp:
                report.junk_pages.append(JunkPage(label, page.id, score.fp, score.precision, tuple(t for t, _ in left)))
        report.rules[label] = dict(sorted(rules.items()))


# --------------------------------------------------------------------------------------------
# Output


def _fmt_published(report: Report) -> str:
    rows = []
    for (cond, system), pub in PUBLISHED.items():
        try:
            r = report.result(cond, system)
        except KeyError:
            continue
        ours = (round(r.precision, 3), round(r.recall, 3), round(r.f1, 3))
        mark = "ok" if ours == pub else "DIFFERS"
        rows.append(
            "scrapinghub/{:<12} {:<10} ours {:.3f} {:.3f} {:.3f}  published {:.3f} {:.3f} {:.3f}  {}".format(
                cond, system, *ours, *pub, mark
            )
        )
    return "\n".join(["\nscorer check against the published Scrapinghub figures:", *rows]) if rows else ""


_SYSTEM_ORDER = ("unchanged", "c4", "newsclean")


def format_table(report: Report) -> str:
    """One row per dataset x condition (x language): F1 of each system side by side, with junk
    removed and gold lost of C4 and newsclean, newsclean's P and R, and its run time."""
    head = (
        f"{'dataset':<11} {'input':<11} {'lang':<4} {'pages':>5} | {'unch F1':>7} | "
        f"{'c4 F1':>6} {'junk%':>6} {'lost%':>6} | {'nc P':>6} {'nc R':>6} {'nc F1':>6} {'junk%':>6} "
        f"{'lost%':>6} {'sec':>6}"
    )
    rows = [head, "-" * len(head)]
    groups: dict[tuple[str, str, str], dict[str, SystemResult]] = {}
    for r in report.results:
        groups.setdefault((r.dataset, r.condition, r.lang), {})[r.system] = r
    for (dname, cond, lang), by_system in groups.items():
        any_r = next(iter(by_system.values()))
        u, c, n = (by_system.get(s) for s in _SYSTEM_ORDER)
        cells = [f"{dname:<11} {cond:<11} {lang or 'all':<4} {any_r.pages:5d}"]
        cells.append(f"{u.f1:7.3f}" if u else f"{'':>7}")
        cells.append(f"{c.f1:6.3f} {c.junk_removed_pct:6.1f} {c.gold_lost_pct:6.2f}" if c else f"{'':>20}")
        cells.append(
            f"{n.precision:6.3f} {n.recall:6.3f} {n.f1:6.3f} {n.junk_removed_pct:6.1f} {n.gold_lost_pct:6.2f} "
            f"{n.seconds:6.1f}"
            if n
            else ""
        )
        rows.append(" | ".join(cells).rstrip())
    return "\n".join(rows) + _fmt_published(report)


def format_rules(report: Report) -> str:
    """Per rule: findings, removed characters, removed shingles that were gold / junk, and the
    share of the condition's input junk it removed and of its gold it lost."""
    rows = []
    for label, rules in report.rules.items():
        dname, cond = label.split("/", 1)
        try:
            total = report.result(cond, "newsclean", dname)
        except KeyError:
            continue
        rows.append(f"\nnewsclean rules on {label}: findings, chars, removed shingles gold / junk, % of input")
        rows.append(f"  {'code':<6} {'findings':>8} {'chars':>9} {'gold':>6} {'junk':>7} {'junk%':>6} {'gold%':>6}")
        for code, s in rules.items():
            flag = "  <- loses article text" if s.gold_shingles else ""
            rows.append(
                f"  {code:<6} {s.findings:8d} {s.chars:9d} {s.gold_shingles:6d} {s.junk_shingles:7d} "
                f"{_pct(s.junk_shingles, total.junk_in):6.2f} {_pct(s.gold_shingles, total.gold_in):6.3f}{flag}"
            )
    return "\n".join(rows)


def format_worst(report: Report, n: int) -> str:
    """The whole-article losses, the lost-gold lines and the junk-left pages, one greppable record
    per line.

    ``WHOLE <dataset>/<condition> <page> <lang> lost=<gold lost>/<gold in> | <code>=<lost> ...``
    for every page that lost more than half its input's gold; then
    ``LOST <dataset>/<condition> <page>:L<first>-<last line> <code> gold=<lost by the finding> | <message>``,
    worst finding first, then one ``LINE <dataset>/<condition> <page>:<line> <code> gold=<lost on
    the line> | <input line>`` per input line of it that lost gold;
    ``JUNK <dataset>/<condition> <page> junk=<shingles> P=<precision> lines=<count>`` then one
    ``LEFT <dataset>/<condition> <page> | <output line>`` per leftover junk line. Page ids are cut
    to 48 characters (the JSON has them whole).
    """
    rows = [f"\nWHOLE-ARTICLE LOSSES: pages that lost more than {WHOLE_LOSS_SHARE:.0%} of their input's gold"]
    for w in report.whole_losses:
        rows.append(f"WHOLE {w.condition} {w.page[:48]} {w.lang} lost={w.gold_lost}/{w.gold_in} | {w.codes}")
    rows.append(f"\nWORST GOLD LOSS: the {n} findings that lost the most gold shingles, with their lost lines")
    groups: dict[tuple[str, str, str, str], list[LostLine]] = {}
    for x in report.lost_lines:  # already worst finding first
        key = (x.condition, x.page, x.finding_lines, x.code)
        if key not in groups and len(groups) == n:
            break
        groups.setdefault(key, []).append(x)
    for (cond, page, span, code), lines in groups.items():
        first = lines[0]
        rows.append(f"LOST {cond} {page[:48]}:L{span} {code} gold={first.finding_gold_lost} | {first.message}")
        for x in lines:
            rows.append(f"LINE {cond} {page[:48]}:{x.line} {code} gold={x.gold_lost} | {x.text[:300]}")
    for label in report.rules:
        pages = [p for p in report.junk_pages if p.condition == label][:n]
        rows.append(f"\nMOST JUNK LEFT on {label}: the {n} pages with the most non-gold output shingles")
        for p in pages:
            prec = "n/a" if p.precision is None else f"{p.precision:.3f}"
            rows.append(f"JUNK {p.condition} {p.page[:48]} junk={p.junk_shingles} P={prec} lines={len(p.lines)}")
            for line in p.lines[:12]:
                rows.append(f"LEFT {p.condition} {p.page[:48]} | {line[:200]}")
            if len(p.lines) > 12:
                rows.append(f"LEFT {p.condition} {p.page[:48]} | ... {len(p.lines) - 12} more junk lines in the JSON")
    return "\n".join(rows)


def to_json(report: Report) -> dict[str, object]:
    """Everything the run measured: the table, per-rule counts, all lost lines and junk pages."""
    return {
        "results": [asdict(r) for r in report.results],
        "rules": {c: {code: asdict(s) for code, s in rules.items()} for c, rules in report.rules.items()},
        "whole_losses": [asdict(x) for x in report.whole_losses],
        "lost_lines": [asdict(x) for x in report.lost_lines],
        "junk_pages": [asdict(x) for x in report.junk_pages],
    }


# --------------------------------------------------------------------------------------------
# Floors

Floors = dict[str, dict[str, dict[str, float]]]


def new_floors(report: Report) -> Floors:
    """Floors from a run, per dataset and condition: F1 minus 0.002 rounded down, gold lost plus
    0.1 point rounded up."""
    floors: Floors = {}
    for r in report.results:
        if r.system == "newsclean" and not r.lang:
            floors.setdefault(r.dataset, {})[r.condition] = {
                "f1_min": math.floor((r.f1 - 0.002) * 1000) / 1000,
                "gold_lost_pct_max": math.ceil((r.gold_lost_pct + 0.1) * 100) / 100,
            }
    return floors


def read_floors(path: Path = FLOORS) -> Floors:
    """The pinned floors: dataset -> condition -> ``f1_min`` / ``gold_lost_pct_max``."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    floors: Floors = data["datasets"]
    return floors


def update_floors(report: Report, path: Path = FLOORS) -> Floors:
    """Raise the pinned floors to what ``report`` measured; never lower one. Returns them."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    merged: Floors = {d: dict(c) for d, c in data.get("datasets", {}).items()}
    for dname, conds in new_floors(report).items():
        for cond, new in conds.items():
            cur = merged.setdefault(dname, {}).get(cond)
            if cur is None:
                merged[dname][cond] = new
            else:
                merged[dname][cond] = {
                    "f1_min": max(cur["f1_min"], new["f1_min"]),
                    "gold_lost_pct_max": min(cur["gold_lost_pct_max"], new["gold_lost_pct_max"]),
                }
    data["datasets"] = {d: dict(sorted(c.items())) for d, c in sorted(merged.items())}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data["datasets"]  # type: ignore[no-any-return]


def check_floors(report: Report, floors: Floors) -> list[str]:
    """One message per newsclean figure of ``report`` under its floor (or over its loss ceiling)."""
    failures = []
    for r in report.results:
        if r.system != "newsclean" or r.lang:
            continue
        floor = floors.get(r.dataset, {}).get(r.condition)
        if floor is None:
            continue
        if r.f1 < floor["f1_min"]:
            failures.append(f"{r.dataset}/{r.condition}: F1 {r.f1:.4f} below the floor {floor['f1_min']}")
        if r.gold_lost_pct > floor["gold_lost_pct_max"]:
            failures.append(
                f"{r.dataset}/{r.condition}: gold lost {r.gold_lost_pct:.3f}% above the ceiling "
                f"{floor['gold_lost_pct_max']}%"
            )
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m benchmarks.quality", description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated (default: all)")
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated (default: all)")
    parser.add_argument("--systems", default="", help="comma-separated subset of unchanged,c4,newsclean")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set (sorted by id)")
    parser.add_argument("--workers", type=int, default=2, help="clean_many workers (default 2; 0 = one per core)")
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="print the whole-article losses, the N findings that lost the most gold, and per condition "
        "the N pages with the most junk left",
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, metavar="PATH", help=f"default {DEFAULT_JSON.relative_to(REPO)}"
    )
    parser.add_argument(
        "--update-floors",
        action="store_true",
        help="raise benchmarks/quality_floors.json to this run's newsclean figures (never lowers a floor)",
    )
    parser.add_argument("--data", type=Path, default=None, help=f"vendored eval folder (default {DEFAULT_DATA})")
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="folder of dragnet/ and daniel/ (default: benchmarks.paths.shared_eval())",
    )
    args = parser.parse_args(argv)
    datasets = [d for d in args.datasets.split(",") if d]
    conditions = [c for c in args.conditions.split(",") if c]
    systems = [s for s in args.systems.split(",") if s] or None
    if args.update_floors and args.limit is not None:
        print("error: --update-floors needs all pages (no --limit)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        report = run(
            conditions,
            systems,
            datasets=datasets,
            data=args.data,
            shared=args.shared,
            limit=args.limit,
            workers=args.workers,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(report))
    print(format_rules(report))
    if args.worst:
        print(format_worst(report, args.worst))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(to_json(report), indent=1, ensure_ascii=False), encoding="utf-8")
    if args.update_floors:
        floors = update_floors(report)
        print(f"\nfloors now in {FLOORS.relative_to(REPO)}: {json.dumps(floors)}")
    print(f"\nwrote {args.json}; total {time.perf_counter() - t0:.1f} s")
    if not report.complete:
        print("floors not checked (--limit: not every page ran)")
        return 0
    failures = check_floors(report, read_floors())
    for msg in failures:
        print(f"FLOOR {msg}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
