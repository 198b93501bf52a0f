"""The only orchestration: run a config's rules over a document, to the fixpoint, with the
re-check, and turn their hits into findings.

Stage-1 rules read the text alone. Stage-2 rules judge lines by what the other rules removed
around them; they run in rounds, each seeing the stage-1 findings and the other stage-2
rules' findings of the previous round, until a round changes nothing. Then the rules that
read neighbouring lines run again on the text without its removed lines (an exact view of the
kept lines, :class:`~newsclean.engine.views.KeptLines`), until that finds nothing new: what a
second ``clean`` would see, so ``clean`` is idempotent.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import cast

from ..config import Config
from ..document import Document, Origin
from ..phrases import Phrases, load_phrases
from ..registry import Context, LooksAt, Removed, Rule
from ..spans import Finding, LineIndex, new_finding
from .endings import EndsWith
from .finders import Finder, PatternSearch, finder_for, pattern_search, positions_in_view, reference_mode
from .literals import by_identity
from .views import KeptLines

__all__ = [
    "Plan",
    "plan_for",
    "check_text",
    "check_document",
    "default_config",
    "findings_of",
    "MAX_CONTEXT_ROUNDS",
    "MAX_RECHECKS",
]

#: Upper bound on the rounds of the stage-2 fixpoint. The stage-2 rules are monotone (more
#: removed around a line never makes them keep it), so rounds only add findings; in practice
#: the second round confirms the first.
MAX_CONTEXT_ROUNDS = 4

#: The order of :class:`~newsclean.spans.Finding` (its fields in order, as its generated
#: ``__lt__`` compares them), as a key made in C: sorting called ``__lt__`` in Python once per
#: comparison.
FINDING_ORDER = attrgetter("start", "end", "code", "name", "message", "line", "col", "replacement")

#: Upper bound on the re-checks of a text with its removed lines dropped. Each re-check can
#: only add findings; real pages need at most one (a menu split by a removed notice).
MAX_RECHECKS = 3


@dataclass(frozen=True)
class Plan:
    """A config compiled once: its rules with their contexts in run order (stage, then code),
    and the finder its documents use (the fast one, or the reference under the switch)."""

    steps: tuple[tuple[Rule, Context], ...]
    finder: Finder
    phrases: Phrases

    # Perf: cached, asked once per document and once per re-check.
    @cached_property
    def stage1(self) -> tuple[tuple[Rule, Context], ...]:
        return tuple(step for step in self.steps if step[0].stage == 1)

    @cached_property
    def stage2(self) -> tuple[tuple[Rule, Context], ...]:
        return tuple(step for step in self.steps if step[0].stage == 2)

    def only(self, codes: set[str] | frozenset[str]) -> Plan:
        """The plan restricted to the rules with these codes (same order)."""
        return replace(self, steps=tuple(s for s in self.steps if s[0].code in codes))

    def without(self, codes: set[str] | frozenset[str]) -> Plan:
        """The plan without the rules with these codes."""
        return replace(self, steps=tuple(s for s in self.steps if s[0].code not in codes))

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r, _ in self.steps)

    @cached_property
    def neighbour_readers(self) -> Plan:
        """The rules that removing other lines can make find more (not ``local``)."""
        return replace(self, steps=tuple(s for s in self.steps if not s[0].local))

    def document(self, text: str, origin: Origin | None = None) -> Document:
        return Document(text, self.finder, origin)


def plan_for(config: Config) -> Plan:
    """The plan of ``config`` for the current switch (``NEWSCLEAN_REFERENCE``)."""
    return _plan(config, reference_mode())


@lru_cache(maxsize=64)
def _plan(config: Config, reference: bool) -> Plan:
    phrases = load_phrases(config.languages)
    rules = sorted(config.enabled_rules(), key=lambda r: (r.stage, r.code))
    template = config.site_template()
    steps = tuple((r, Context(options=config.rule_options(r), phrases=phrases, template=template)) for r in rules)
    return Plan(steps, finder_for(reference), phrases)


def candidates(doc: Document, looks_at: LooksAt | None, phrases: Phrases) -> Sequence[int]:
    """The lines a rule that declared ``looks_at`` is shown: every non-blank line for the
    reference finder (which checks the declaration), else those that can satisfy it.

    Perf: kept on the document (a stage-2 rule is shown the same candidates in every round of
    the fixpoint: they depend on the text and the declaration alone)."""
    if looks_at is None or not doc.finder.fast:
        return doc.nonblank
    # Perf: keyed by identity (hashing the declaration, a dataclass, ran Python per call);
    # the entry holds both objects, so their ids cannot be reused while it lives
    key = (_CANDIDATES, id(looks_at), id(phrases))
    memo = doc.memo
    known = cast("tuple[LooksAt, Phrases, list[int]] | None", memo.get(key))
    if known is None or known[0] is not looks_at or known[1] is not phrases:
        known = (looks_at, phrases, _find_candidates(doc, looks_at, phrases))
        memo[key] = known
    return known[2]


_CANDIDATES = "engine:candidates"


def _find_candidates(doc: Document, looks_at: LooksAt, phrases: Phrases) -> list[int]:
    found: set[int] = set()
    for table in looks_at.stub_tables:
        ps = phrases[table]
        found.update(doc.stub_lines(ps.lines, ps.patterns, looks_at.stub_max_chars))
    if looks_at.patterns is not None:
        found.update(doc.finder.searched_lines(doc, _declared_search(looks_at, phrases)))
    if looks_at.line_test is not None:
        found.update(_passing_line_test(doc, looks_at.line_test, phrases))
    if looks_at.max_chars is not None:
        lines, limit = doc.lines, looks_at.max_chars
        return sorted(i for i in found if len(lines[i]) <= limit)
    return sorted(found)


@by_identity  # one entry per declaration and phrase data
def _declared_search(looks_at: LooksAt, phrases: Phrases) -> PatternSearch:
    """The patterns ``looks_at`` declares for ``phrases``, routed once (they depend on the
    phrase data alone)."""
    assert looks_at.patterns is not None
    return pattern_search(looks_at.patterns(phrases))


def _passing_line_test(
    doc: Document, line_test: Callable[[Phrases], Callable[[str], bool]], phrases: Phrases
) -> list[int]:
    """The non-blank lines that ``line_test(phrases)`` accepts, in order. A view of whole lines
    of another document (the re-check's kept lines, :attr:`Document.origin`) takes them from
    that document: a line test reads the line's text alone."""

    def build() -> list[int]:
        origin = doc.origin
        if origin is not None:
            moved = positions_in_view(doc)
            return [j for j in (moved[o] for o in _passing_line_test(origin[0], line_test, phrases)) if j >= 0]
        test, lines = line_test(phrases), doc.lines
        if isinstance(test, EndsWith):
            # many lines at once (compiled): the same answers as the loop below
            return test.passing(lines, doc.nonblank)
        return [i for i in doc.nonblank if test(lines[i])]

    return doc.memoized(("engine:line-test", line_test, phrases), build)


def findings_of(
    rule_obj: Rule,
    ctx: Context,
    doc: Document,
    index: LineIndex,
    earlier: tuple[Finding, ...] | None = None,
    removed: Removed | None = None,
) -> list[Finding]:
    """The rule's hits on ``doc`` as findings, its candidates handed in (and, for a stage-2
    rule, ``earlier`` and ``removed`` in place of the context's); a hit outside the text is a
    bug in the rule, reported as one."""
    looks_at = rule_obj.looks_at
    shown = candidates(doc, looks_at, ctx.phrases)
    if not shown and looks_at is not None:
        # it promised to report only lines among its candidates: nothing to judge
        return []
    ctx = ctx.shown(shown, earlier, removed)
    found = []
    text_length = len(doc.text)
    code, name = rule_obj.code, rule_obj.name
    starts = index.starts
    for hit in rule_obj.detect(doc, ctx):
        start = hit.start
        if not 0 <= start <= hit.end <= text_length:
            raise ValueError(f"rule {code} reported span {start}:{hit.end} outside the text")
        i = bisect_right(starts, start) - 1
        found.append(
            new_finding(start, hit.end, code, name, hit.message, i + 1, start - starts[i] + 1, hit.replacement)
        )
    return found


def removed_lines(doc: Document, findings: Sequence[Finding]) -> Removed:
    """The lines each rule's findings remove whole (replacements remove nothing)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if not f.replacement:
            spans.setdefault(f.code, []).append((f.start, f.end))
    return Removed({code: frozenset(doc.lines_covered(s)) for code, s in spans.items()})


def _one_pass(doc: Document, plan: Plan, index: LineIndex) -> list[Finding]:
    """Stage-1 rules, then the stage-2 rules run to their fixpoint."""
    findings: list[Finding] = []
    for rule_obj, ctx in plan.stage1:
        findings.extend(findings_of(rule_obj, ctx, doc, index))
    context_rules = plan.stage2
    if not context_rules:
        return findings
    stage1_removed = removed_lines(doc, findings).by_code
    by_rule: dict[str, list[Finding]] = {r.code: [] for r, _ in context_rules}
    # A rule is a function of the document and what it is shown: when the other rules'
    # findings it saw last round are unchanged, its answer is too (most second rounds only
    # confirm the first).
    seen: dict[str, list[Finding]] = {}
    # the lines each stage-2 rule's findings removed, with the list they came from: a rule
    # that was not run again kept its list, and its lines
    removed_by: dict[str, tuple[list[Finding], frozenset[int]]] = {}

    def lines_removed_by(code: str, fs: list[Finding]) -> frozenset[int]:
        known = removed_by.get(code)
        if known is None or known[0] is not fs:
            known = removed_by[code] = (fs, removed_lines(doc, fs).by_code.get(code, frozenset()))
        return known[1]

    for _ in range(MAX_CONTEXT_ROUNDS):
        new_by_rule = {}
        # the lines each stage-2 rule's findings of the previous round removed, once a round
        round_removed = {code: lines_removed_by(code, fs) for code, fs in by_rule.items()}
        for rule_obj, ctx in context_rules:
            code = rule_obj.code
            others = [f for other, fs in by_rule.items() if other != code for f in fs]
            if seen.get(code) == others:
                new_by_rule[code] = by_rule[code]
                continue
            seen[code] = others
            removed = dict(stage1_removed)
            for other, lines in round_removed.items():
                if other != code and lines:
                    removed[other] = lines
            new_by_rule[code] = findings_of(rule_obj, ctx, doc, index, (*findings, *others), Removed(removed))
        if new_by_rule == by_rule:
            break
        by_rule = new_by_rule
    for fs in by_rule.values():
        findings.extend(fs)
    return findings


def _recheck(doc: Document, plan: Plan, index: LineIndex, findings: list[Finding]) -> Iterator[Finding]:
    """Findings that appear once the wholly removed lines are gone, in ``doc``'s offsets.

    Junk is judged by its neighbours (a menu is a run of short lines, a trail is a header and
    what follows it), and removing a line makes new neighbours: a cookie notice removed from
    the middle of a menu joins its two halves. The text without its removed lines is what a
    second ``clean`` would see.
    """
    hidden = doc.lines_covered((f.start, f.end) for f in findings if not f.replacement)
    view = KeptLines.of(doc, hidden)
    if view is None:
        return
    reduced = plan.document(view.text, (doc, view.kept))
    for f in _one_pass(reduced, plan, LineIndex(reduced.starts)):
        yield view.to_source(f, index)


_DEFAULT_CONFIG: Config | None = None


def default_config() -> Config:
    """``Config()``, built once (validating it reads every rule)."""
    global _DEFAULT_CONFIG
    if _DEFAULT_CONFIG is None:
        _DEFAULT_CONFIG = Config()
    return _DEFAULT_CONFIG


def check_text(text: str, plan: Plan) -> list[Finding]:
    """Every finding of ``plan``'s rules in ``text``, sorted by position then code."""
    if not text or text.isspace():
        return []
    return check_document(plan.document(text), plan)


def check_document(doc: Document, plan: Plan) -> list[Finding]:
    """Every finding of ``plan``'s rules in a document (a text, or an HTML page's blocks:
    :class:`~newsclean.html.HtmlDocument`), sorted by position then code."""
    if not doc.nonblank:
        return []
    index = LineIndex(doc.starts)
    findings = _one_pass(doc, plan, index)
    if findings:
        neighbour_rules = plan.neighbour_readers
        known = {(f.start, f.end, f.code) for f in findings}
        for _ in range(MAX_RECHECKS):
            new = [f for f in _recheck(doc, neighbour_rules, index, findings) if (f.start, f.end, f.code) not in known]
            if not new:
                break
            findings.extend(new)
            known.update((f.start, f.end, f.code) for f in new)
    findings.sort(key=FINDING_ORDER)
    return findings
