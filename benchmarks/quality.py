"""Quality benchmark: how much junk newsclean removes, and how much article text it loses.

Run it from the repository root (the Scrapinghub data is vendored in ``fixtures/eval``)::

    python3 -m benchmarks.quality                      # table + per-rule counts, all conditions
    python3 -m benchmarks.quality --worst 15           # also: lost gold lines, junk left behind
    python3 -m benchmarks.quality --conditions extracted --limit 20 --workers 2

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

Adding a condition (e.g. newsclean's HTML path): write a loader returning :class:`Page` objects
and, if the inputs are not plain text, the systems that turn a page into an :class:`Output`,
then add one entry to :data:`CONDITIONS`::

    def load_html(data: Path, limit: int | None) -> list[Page]:
        ...  # Page(id=..., gold=..., input=<html>)

    CONDITIONS["html"] = Condition("html", "newsclean on the raw HTML", load_html,
                                   systems={"newsclean": run_newsclean_html})

A system is ``(pages, workers) -> list[Output]``. Give :class:`Output` the findings only when
their spans are offsets into ``page.input``; without findings, the per-rule counts and the
lost-gold lines are skipped for that system, and everything else still works. The scorer is
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
from .paths import VENDORED

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
# Conditions and systems


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, gold article body, and the input a system receives."""

    id: str
    gold: str
    input: str


@dataclass(frozen=True)
class Output:
    """A system's output for one page; ``findings`` are spans into ``page.input`` when known."""

    text: str
    findings: tuple[Finding, ...] | None = None


System = Callable[[Sequence[Page], int], list[Output]]
Loader = Callable[[Path, "int | None"], list[Page]]


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


TEXT_SYSTEMS: Mapping[str, System] = {"unchanged": run_unchanged, "c4": run_c4, "newsclean": run_newsclean}


def _text_loader(suffix: str) -> Loader:
    def load(data: Path, limit: int | None) -> list[Page]:
        folder = data / "scrapinghub-text"
        if not folder.is_dir():
            raise FileNotFoundError(
                f"benchmark data not found: {folder} (vendored in fixtures/eval/ in the repository)"
            )
        ids = sorted(p.name[: -len(".gold.txt")] for p in folder.glob("*.gold.txt"))
        if limit is not None:
            ids = ids[:limit]
        return [
            Page(
                i,
                (folder / f"{i}.gold.txt").read_text(encoding="utf-8"),
                (folder / f"{i}.{suffix}.txt").read_text(encoding="utf-8"),
            )
            for i in ids
        ]

    return load


@dataclass(frozen=True)
class Condition:
    """An input condition: how to load its pages, and the systems to run on them."""

    name: str
    description: str
    load: Loader
    systems: Mapping[str, System] = field(default_factory=lambda: dict(TEXT_SYSTEMS))


CONDITIONS: dict[str, Condition] = {
    "dump": Condition("dump", "naive full-page text dump (html-text)", _text_loader("dump")),
    "extracted": Condition("extracted", "trafilatura favor_recall output", _text_loader("extracted")),
    "resiliparse": Condition("resiliparse", "resiliparse main-content output", _text_loader("resiliparse")),
}


def load_html(data: Path, limit: int | None) -> list[Page]:
    """The raw pages (``scrapinghub/html/<id>.html.gz``, UTF-8) with the gold ``articleBody``."""
    import gzip

    folder = data / "scrapinghub"
    if not (folder / "ground-truth.json").is_file():
        raise FileNotFoundError(f"benchmark data not found: {folder}/ground-truth.json")
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit is not None else sorted(gold)
    return [
        Page(i, gold[i]["articleBody"], gzip.open(folder / "html" / f"{i}.html.gz").read().decode("utf-8", "replace"))
        for i in ids
    ]


def run_newsclean_html(pages: Sequence[Page], workers: int) -> list[Output]:
    """``newsclean.clean_html`` with the default config. Its findings are offsets into the page's
    block text (``HtmlResult.source_text``), not into the HTML, so none are given here."""
    return [Output(newsclean.clean_html(p.input).text) for p in pages]


CONDITIONS["html"] = Condition(
    "html", "raw HTML pages (newsclean.clean_html)", load_html, systems={"newsclean": run_newsclean_html}
)


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
    condition: str
    system: str
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


@dataclass
class Report:
    results: list[SystemResult] = field(default_factory=list)
    rules: dict[str, dict[str, RuleStats]] = field(default_factory=dict)
    lost_lines: list[LostLine] = field(default_factory=list)
    junk_pages: list[JunkPage] = field(default_factory=list)

    def result(self, condition: str, system: str) -> SystemResult:
        for r in self.results:
            if r.condition == condition and r.system == system:
                return r
        raise KeyError(f"no result for {condition}/{system}")


def run(
    conditions: Sequence[str] | None = None,
    systems: Sequence[str] | None = None,
    *,
    data: Path | None = None,
    limit: int | None = None,
    workers: int = 1,
    diagnose: bool = True,
) -> Report:
    """Score every system of every condition; with ``diagnose``, also per-rule and worst lists."""
    data = data or data_dir()
    report = Report()
    chosen = conditions or list(CONDITIONS)
    for cname in chosen:
        if cname not in CONDITIONS:
            raise ValueError(f"unknown condition {cname!r}; choose from {', '.join(CONDITIONS)}")
    # A system runs on the conditions that have it (the html condition has only newsclean).
    offered = {s for cname in chosen for s in CONDITIONS[cname].systems}
    unknown = sorted(set(systems or ()) - offered)
    if unknown:
        raise ValueError(f"unknown system {', '.join(unknown)}; choose from {', '.join(sorted(offered))}")
    for cname in chosen:
        cond = CONDITIONS[cname]
        if systems and not set(systems) & set(cond.systems):
            continue
        pages = cond.load(data, limit)
        golds = [shingles(p.gold) for p in pages]
        inputs = [shingles(p.input) for p in pages]
        for sname, system in cond.systems.items():
            if systems and sname not in systems:
                continue
            t0 = time.perf_counter()
            outputs = system(pages, workers)
            seconds = time.perf_counter() - t0
            outs = [shingles(o.text) for o in outputs]
            scores = [_match(g, o) for g, o in zip(golds, outs)]
            summary = summarize(scores)
            deltas = [_delta(g, i, o) for g, i, o in zip(golds, inputs, outs)]
            ji, jr = sum(d.junk_in for d in deltas), sum(d.junk_removed for d in deltas)
            gi, gl = sum(d.gold_in for d in deltas), sum(d.gold_lost for d in deltas)
            report.results.append(
                SystemResult(
                    cname,
                    sname,
                    summary.precision,
                    summary.recall,
                    summary.f1,
                    summary.pages,
                    ji,
                    jr,
                    _pct(jr, ji),
                    gi,
                    gl,
                    _pct(gl, gi),
                    seconds,
                )
            )
            if not diagnose or sname != "newsclean":
                continue
            rules: dict[str, RuleStats] = defaultdict(RuleStats)
            for page, output, g, o, score in zip(pages, outputs, golds, outs, scores):
                if output.findings is not None:
                    stats, lost = attribute(page, output, g, o)
                    for code, s in stats.items():
                        r = rules[code]
                        r.findings += s.findings
                        r.chars += s.chars
                        r.gold_shingles += s.gold_shingles
                        r.junk_shingles += s.junk_shingles
                    lines = page.input.splitlines()
                    per_finding: Counter[Finding] = Counter()
                    for _, f, n in lost:
                        per_finding[f] += n
                    for line, f, n in lost:
                        text = lines[line - 1].strip() if line <= len(lines) else ""
                        last = f.line + page.input.count("\n", f.start, max(f.start, f.end - 1))
                        span = f"{f.line}-{last}" if last > f.line else str(f.line)
                        report.lost_lines.append(
                            LostLine(cname, page.id, line, f.code, f.message, n, text, per_finding[f], span)
                        )
                left = junk_lines(page.gold, output.text)
                if score.fp:
                    report.junk_pages.append(
                        JunkPage(cname, page.id, score.fp, score.precision, tuple(t for t, _ in left))
                    )
            report.rules[cname] = dict(sorted(rules.items()))
    # Worst finding first, its lines together in order, so a menu that swallowed a paragraph
    # (a little loss on each of many lines) ranks by what it lost in total.
    report.lost_lines.sort(key=lambda x: (-x.finding_gold_lost, x.condition, x.page, x.finding_lines, x.line))
    report.junk_pages.sort(key=lambda x: (-x.junk_shingles, x.condition, x.page))
    return report


# --------------------------------------------------------------------------------------------
# Output


def _fmt_published(cond: str, system: str) -> str:
    pub = PUBLISHED.get((cond, system))
    return "" if pub is None else "published {:.3f} {:.3f} {:.3f}".format(*pub)


def format_table(report: Report) -> str:
    head = (
        f"{'condition':<12} {'system':<10} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'junk rm%':>9} {'gold lost%':>10} {'pages':>5} {'sec':>6}"
    )
    rows = [head, "-" * len(head)]
    for r in report.results:
        rows.append(
            f"{r.condition:<12} {r.system:<10} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} "
            f"{r.junk_removed_pct:9.1f} {r.gold_lost_pct:10.2f} {r.pages:5d} {r.seconds:6.2f}  "
            f"{_fmt_published(r.condition, r.system)}".rstrip()
        )
    return "\n".join(rows)


def format_rules(report: Report) -> str:
    rows = []
    for cond, rules in report.rules.items():
        rows.append(f"\nnewsclean rules on {cond}: findings, removed chars, removed shingles gold / junk")
        rows.append(f"  {'code':<6} {'findings':>8} {'chars':>8} {'gold':>6} {'junk':>7}")
        for code, s in rules.items():
            flag = "  <- loses article text" if s.gold_shingles else ""
            rows.append(f"  {code:<6} {s.findings:8d} {s.chars:8d} {s.gold_shingles:6d} {s.junk_shingles:7d}{flag}")
    return "\n".join(rows)


def format_worst(report: Report, n: int) -> str:
    """The lost-gold lines and the junk-left pages, one greppable record per line.

    ``LOST <condition> <page>:L<first>-<last line> <code> gold=<lost by the finding> | <message>``,
    worst finding first, then one ``LINE <condition> <page>:<line> <code> gold=<lost on the line> |
    <input line>`` per input line of it that lost gold;
    ``JUNK <condition> <page> junk=<shingles> P=<precision> lines=<count>`` then one
    ``LEFT <condition> <page> | <output line>`` per leftover junk line. Page ids are cut to 16
    characters (the JSON has them whole; ``ls fixtures/eval/scrapinghub-text/<id>*``).
    """
    rows = [f"\nWORST GOLD LOSS: the {n} findings that lost the most gold shingles, with their lost lines"]
    groups: dict[tuple[str, str, str, str], list[LostLine]] = {}
    for x in report.lost_lines:  # already worst finding first
        key = (x.condition, x.page, x.finding_lines, x.code)
        if key not in groups and len(groups) == n:
            break
        groups.setdefault(key, []).append(x)
    for (cond, page, span, code), lines in groups.items():
        first = lines[0]
        rows.append(f"LOST {cond} {page[:16]}:L{span} {code} gold={first.finding_gold_lost} | {first.message}")
        for x in lines:
            rows.append(f"LINE {cond} {page[:16]}:{x.line} {code} gold={x.gold_lost} | {x.text[:300]}")
    for cond in report.rules:
        pages = [p for p in report.junk_pages if p.condition == cond][:n]
        rows.append(f"\nMOST JUNK LEFT on {cond}: the {n} pages with the most non-gold output shingles")
        for p in pages:
            prec = "n/a" if p.precision is None else f"{p.precision:.3f}"
            rows.append(f"JUNK {p.condition} {p.page[:16]} junk={p.junk_shingles} P={prec} lines={len(p.lines)}")
            for line in p.lines[:12]:
                rows.append(f"LEFT {p.condition} {p.page[:16]} | {line[:200]}")
            if len(p.lines) > 12:
                rows.append(f"LEFT {p.condition} {p.page[:16]} | ... {len(p.lines) - 12} more junk lines in the JSON")
    return "\n".join(rows)


def to_json(report: Report) -> dict[str, object]:
    """Everything the run measured: the table, per-rule counts, all lost lines and junk pages."""
    return {
        "results": [asdict(r) for r in report.results],
        "rules": {c: {code: asdict(s) for code, s in rules.items()} for c, rules in report.rules.items()},
        "lost_lines": [asdict(x) for x in report.lost_lines],
        "junk_pages": [asdict(x) for x in report.junk_pages],
    }


def new_floors(report: Report) -> dict[str, dict[str, float]]:
    """Floors from a run: F1 minus 0.002 rounded down, gold lost plus 0.1 point rounded up."""
    floors = {}
    for r in report.results:
        if r.system == "newsclean":
            floors[r.condition] = {
                "f1_min": math.floor((r.f1 - 0.002) * 1000) / 1000,
                "gold_lost_pct_max": math.ceil((r.gold_lost_pct + 0.1) * 100) / 100,
            }
    return floors


def update_floors(report: Report, path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Raise the pinned floors to what ``report`` measured; never lower one. Returns them."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old = data.get("conditions", {})
    merged = dict(old)
    for cond, new in new_floors(report).items():
        cur = old.get(cond)
        if cur is None:
            merged[cond] = new
        else:
            merged[cond] = {
                "f1_min": max(cur["f1_min"], new["f1_min"]),
                "gold_lost_pct_max": min(cur["gold_lost_pct_max"], new["gold_lost_pct_max"]),
            }
    data["conditions"] = dict(sorted(merged.items()))
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return data["conditions"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m benchmarks.quality", description=__doc__.split("\n")[0])
    parser.add_argument("--conditions", default=",".join(CONDITIONS), help="comma-separated (default: all)")
    parser.add_argument("--systems", default="", help="comma-separated subset of unchanged,c4,newsclean")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    parser.add_argument("--workers", type=int, default=1, help="clean_many workers (0 = one per core)")
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="print the N findings that lost the most gold, and per condition the N pages with the most junk left",
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, metavar="PATH", help=f"default {DEFAULT_JSON.relative_to(REPO)}"
    )
    parser.add_argument(
        "--update-floors",
        action="store_true",
        help="raise benchmarks/quality_floors.json to this run's newsclean figures (never lowers a floor)",
    )
    parser.add_argument("--data", type=Path, default=None, help=f"eval data folder (default {DEFAULT_DATA})")
    args = parser.parse_args(argv)
    conditions = [c for c in args.conditions.split(",") if c]
    systems = [s for s in args.systems.split(",") if s] or None
    t0 = time.perf_counter()
    try:
        report = run(conditions, systems, data=args.data, limit=args.limit, workers=args.workers)
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
        if args.limit is not None:
            print("error: --update-floors needs all pages (no --limit)", file=sys.stderr)
            return 2
        floors = update_floors(report)
        print(f"\nfloors now in {FLOORS.relative_to(REPO)}: {json.dumps(floors)}")
    print(f"\nwrote {args.json}; total {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
