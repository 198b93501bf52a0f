"""The only orchestration: run the selected rules, then apply their findings.

``check`` and ``clean`` are two views of one run, so a report can never disagree with the
output: ``clean(text) == tidy(apply(text, findings))`` with ``findings = check(text)``, and a
text with no findings comes back unchanged.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .config import Config
from .document import Document
from .phrases import load_phrases
from .registry import Context, Rule
from .spans import Finding, LineIndex, apply

__all__ = ["check", "clean", "clean_result", "CleanResult", "tidy"]

_DEFAULT_CONFIG: Config | None = None

_BLANK_RUN = re.compile(r"\n([ \t\r\f\v]*\n)(?:[ \t\r\f\v]*\n)+")
_LEADING_BLANKS = re.compile(r"\A(?:[ \t\r\f\v]*\n)+")


def tidy(text: str) -> str:
    """The whitespace-only tidy that follows removals (a text with no findings is returned
    unchanged, byte for byte), and nothing else:

    - a run of blank lines becomes one blank line (paragraph breaks are kept);
    - blank lines at the start are dropped;
    - trailing whitespace at the end is dropped, and the text ends with one newline exactly
      when it ended with one before.

    >>> tidy("\\n\\nTitle\\n\\n\\n\\nBody.\\n\\n")
    'Title\\n\\nBody.\\n'
    """
    ends_with_newline = text.endswith("\n")
    out = _BLANK_RUN.sub(r"\n\1", text)
    out = _LEADING_BLANKS.sub("", out)
    out = out.rstrip()
    if out and ends_with_newline:
        out += "\n"
    return out


@dataclass(frozen=True)
class CleanResult:
    """The clean text and the findings that produced it."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.findings)


def _default_config() -> Config:
    global _DEFAULT_CONFIG
    if _DEFAULT_CONFIG is None:
        _DEFAULT_CONFIG = Config()
    return _DEFAULT_CONFIG


@lru_cache(maxsize=64)
def _plan(config: Config) -> tuple[tuple[Rule, Context], ...]:
    """The enabled rules of a config with their contexts, in run order (stage, then code)."""
    phrases = load_phrases(config.languages)
    rules = config.enabled_rules()
    template = config.site_template()
    return tuple(
        (r, Context(options=config.rule_options(r), phrases=phrases, template=template))
        for r in sorted(rules, key=lambda r: (r.stage, r.code))
    )


#: Upper bound on the rounds of the stage-2 fixpoint. The stage-2 rules are monotone (more
#: removed around a line never makes them keep it), so rounds only add findings; in practice
#: the second round confirms the first.
MAX_CONTEXT_ROUNDS = 4


Plan = tuple[tuple[Rule, Context], ...]


def _findings_of(rule_obj: Rule, ctx: Context, doc: Document, index: LineIndex) -> list[Finding]:
    found = []
    text_length = len(doc.text)
    for hit in rule_obj.detect(doc, ctx):
        if not 0 <= hit.start <= hit.end <= text_length:
            raise ValueError(f"rule {rule_obj.code} reported span {hit.start}:{hit.end} outside the text")
        line, col = index.position(hit.start)
        found.append(Finding(hit.start, hit.end, rule_obj.code, rule_obj.name, hit.message, line, col, hit.replacement))
    return found


#: Upper bound on the re-checks of a text with its removed lines dropped. Each re-check can
#: only add findings; real pages need at most one (a menu split by a removed notice).
MAX_RECHECKS = 3


def _one_pass(doc: Document, plan: Plan, index: LineIndex) -> list[Finding]:
    """Stage-1 rules, then the stage-2 rules run to their fixpoint."""
    findings: list[Finding] = []
    for rule_obj, ctx in plan:
        if rule_obj.stage == 1:
            findings.extend(_findings_of(rule_obj, ctx, doc, index))
    context_rules = [(r, ctx) for r, ctx in plan if r.stage == 2]
    if context_rules:
        by_rule: dict[str, list[Finding]] = {r.code: [] for r, _ in context_rules}
        # A rule is a function of the document and what it is shown: when the other rules'
        # findings it saw last round are unchanged, its answer is too (perf: most second
        # rounds only confirm the first).
        seen: dict[str, list[Finding]] = {}
        for _ in range(MAX_CONTEXT_ROUNDS):
            new_by_rule = {}
            for rule_obj, ctx in context_rules:
                code = rule_obj.code
                others = [f for other, fs in by_rule.items() if other != code for f in fs]
                if seen.get(code) == others:
                    new_by_rule[code] = by_rule[code]
                    continue
                seen[code] = others
                round_ctx = Context(ctx.options, ctx.phrases, (*findings, *others), ctx.template)
                new_by_rule[code] = _findings_of(rule_obj, round_ctx, doc, index)
            if new_by_rule == by_rule:
                break
            by_rule = new_by_rule
        for fs in by_rule.values():
            findings.extend(fs)
    return findings


def _recheck(doc: Document, plan: Plan, index: LineIndex, findings: list[Finding]) -> list[Finding]:
    """Findings that appear once the wholly removed lines are gone, in ``doc``'s offsets.

    Junk is judged by its neighbours (a menu is a run of short lines, a trail is a header and
    what follows it), and removing a line makes new neighbours: a cookie notice removed from
    the middle of a menu joins its two halves. The text without its removed lines is what a
    second ``clean`` would see; checking it here keeps ``clean`` idempotent. It is made of
    whole lines of ``doc``, so every offset maps back exactly.
    """
    hidden = doc.lines_covered((f.start, f.end) for f in findings if not f.replacement)
    if not hidden:
        return []
    kept = [i for i in range(len(doc.lines)) if i not in hidden]
    if not kept:
        return []
    reduced = Document("\n".join(doc.lines[i] for i in kept))
    reduced_index = LineIndex(reduced.starts)
    starts = doc.starts

    def original(offset: int) -> int:
        r = bisect.bisect_right(reduced.starts, offset) - 1
        return starts[kept[r]] + (offset - reduced.starts[r])

    mapped = []
    for f in _one_pass(reduced, plan, reduced_index):
        start, end = original(f.start), original(f.end)
        line, col = index.position(start)
        mapped.append(Finding(start, end, f.code, f.name, f.message, line, col, f.replacement))
    return mapped


def check(text: str, config: Config | None = None) -> list[Finding]:
    """Every finding of the enabled rules in ``text``, sorted by position then code.

    Stage-1 rules read the text alone. Stage-2 rules judge lines by what the other rules
    removed around them; they run in rounds, each seeing the stage-1 findings and the other
    stage-2 rules' findings of the previous round, until a round changes nothing. Then the
    rules that read neighbouring lines run again on the text without its removed lines, until
    that finds nothing new: what a second ``clean`` would see, so ``clean`` is idempotent.
    """
    if not isinstance(text, str):
        raise TypeError(f"newsclean.check expects str, not {type(text).__name__}")
    config = config or _default_config()
    if not text or text.isspace():
        return []
    doc = Document(text)
    index = LineIndex(doc.starts)
    plan = _plan(config)
    findings = _one_pass(doc, plan, index)
    if findings:
        neighbour_rules = tuple((r, ctx) for r, ctx in plan if not r.local)
        known = {(f.start, f.end, f.code) for f in findings}
        for _ in range(MAX_RECHECKS):
            new = [f for f in _recheck(doc, neighbour_rules, index, findings) if (f.start, f.end, f.code) not in known]
            if not new:
                break
            findings.extend(new)
            known.update((f.start, f.end, f.code) for f in new)
    findings.sort()
    return findings


def clean_result(text: str, config: Config | None = None) -> CleanResult:
    """Clean ``text`` and return the clean text together with the findings behind it."""
    findings = check(text, config)
    if not findings:
        return CleanResult(text, ())  # nothing found, nothing changed: not even whitespace
    return CleanResult(tidy(apply(text, findings)), tuple(findings))


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` with its page junk removed. See :func:`check` for what was found."""
    return clean_result(text, config).text
