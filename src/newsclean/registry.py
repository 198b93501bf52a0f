"""Rules, the registry of built-in rules, and selection by code prefix.

A *rule* is one detector with a stable code (``NC`` + three digits, the hundreds digit naming
the family, so ``NC4`` selects every related-article rule) and a name that describes the thing
it flags. Its ``detect`` function receives the :class:`~newsclean.document.Document` and a
:class:`Context`, and yields :class:`~newsclean.spans.Hit` objects; it never edits text.

Users add their own rules without touching the package::

    def shouting(doc, ctx):
        for i in doc.nonblank:
            if doc.lines[i].isupper() and len(doc.lines[i]) > 20:
                yield Hit(*doc.line_span(i), "line in capitals")

    config = Config(extend_rules=(Rule("X100", "shouting-line", shouting, "Lines in capitals"),))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .corpus import SiteTemplate
    from .document import Document
    from .phrases import Phrases
    from .spans import Finding, Hit

__all__ = [
    "freeze_option",
    "LooksAt",
    "Removed",
    "Rule",
    "Context",
    "rule",
    "builtin_rules",
    "select_rules",
    "Stage",
    "CODE_PATTERN",
]

#: Rules of stage 1 look at the text alone; rules of stage 2 also see what the other rules
#: removed (jusText's second pass: judge a borderline line by its neighbours). Stage-2 rules
#: must be monotone -- more removed around a line never makes them keep it -- because the
#: pipeline runs them to a fixpoint (see ``pipeline.check``).
Stage = Literal[1, 2]

CODE_PATTERN = re.compile(r"[A-Z]{1,4}[0-9]{1,4}")


@dataclass(frozen=True)
class LooksAt:
    """What a rule declares it reads, so that the engine hands it only the lines that can
    matter: a promise that every line the rule reports is a non-blank line of at most
    ``max_chars`` characters (when given) that one of ``patterns(phrases)`` matches somewhere
    (searched in the line), whose key is a stub of one of ``stub_tables`` (phrase tables, by
    rule name, within ``stub_max_chars``), or that ``line_test(phrases)`` accepts (a cheap
    test of the line's text, for what no pattern searched in a whole text finds quickly).

    The engine finds those candidates with one scan per document; under the reference switch
    (``NEWSCLEAN_REFERENCE=1``) the rule sees every non-blank line instead, so CI's comparison
    of the two paths checks the promise.
    """

    patterns: Callable[[Phrases], tuple[re.Pattern[str], ...]] | None = None
    stub_tables: tuple[str, ...] = ()
    stub_max_chars: int = 80
    line_test: Callable[[Phrases], Callable[[str], bool]] | None = None
    max_chars: int | None = None


@dataclass(frozen=True)
class Removed:
    """The lines that other rules removed whole, by the code of the rule that removed them:
    what a stage-2 rule judges its neighbours by."""

    by_code: Mapping[str, frozenset[int]]

    def lines(self, excluding: tuple[str, ...] = (), but: tuple[str, ...] = ()) -> frozenset[int]:
        """Lines removed whole by any rule whose code does not start with one of ``excluding``
        (unless it starts with one of ``but``)."""
        return frozenset().union(
            *(
                v
                for k, v in self.by_code.items()
                if not (excluding and k.startswith(excluding)) or (but and k.startswith(but))
            )
        )


_NOTHING_REMOVED = Removed({})


@dataclass(frozen=True)
class Context:
    """What a rule may read besides the document: its options, the phrase data, the
    ``candidates`` (non-blank lines, in order) that the engine hands it by what it declared it
    looks at (every non-blank line when it declared nothing), and for stage-2 rules
    ``earlier`` (the stage-1 findings and the other stage-2 rules' findings of the previous
    round) with ``removed``, the lines those findings removed whole; in corpus mode,
    ``template``."""

    options: Mapping[str, Any]
    phrases: Phrases
    earlier: tuple[Finding, ...] = ()
    candidates: Sequence[int] = ()
    removed: Removed = _NOTHING_REMOVED
    template: SiteTemplate | None = None
    """Corpus mode: the template lines of the document's site, from ``Config.profile`` and
    ``Config.site`` (``None`` without a profile, or for a site the profile does not know)."""

    def shown(
        self, candidates: Sequence[int], earlier: tuple[Finding, ...] | None = None, removed: Removed | None = None
    ) -> Context:
        """This context with ``candidates`` (and ``earlier``, ``removed`` when given): what the
        engine hands a rule for one document.

        Perf: filled in one step (the dataclass's frozen ``__init__`` sets each field through
        ``object.__setattr__``; the engine makes one context per rule and pass)."""
        new = object.__new__(Context)
        fields = new.__dict__
        fields.update(self.__dict__)
        fields["candidates"] = candidates
        if earlier is not None:
            fields["earlier"] = earlier
        if removed is not None:
            fields["removed"] = removed
        return new


Detector = Callable[["Document", Context], Iterable["Hit"]]


@dataclass(frozen=True, eq=False)
class Rule:
    """One junk detector. ``code`` is stable and never reused; ``name`` is what the docs, the
    config and the explanations call it."""

    code: str
    name: str
    detect: Detector
    summary: str
    stage: Stage = 1
    defaults: Mapping[str, Any] = field(default_factory=dict)
    local: bool = False
    looks_at: LooksAt | None = None
    """What the rule reads (see :class:`LooksAt`); ``None``: every non-blank line."""
    """True when removing other lines cannot make the rule find anything new -- it judges each
    line by itself, or (NC701) its one branch that reads a neighbour always removes its own
    line -- so the pipeline's re-checks of a text with removed lines skip it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "defaults", {k: freeze_option(v) for k, v in self.defaults.items()})
        if not CODE_PATTERN.fullmatch(self.code):
            raise ValueError(f"rule code {self.code!r} must look like 'NC401' (letters then digits)")
        if self.stage not in (1, 2):
            raise ValueError(f"rule {self.code}: stage must be 1 or 2, not {self.stage!r}")

    @property
    def family(self) -> str:
        """The code up to its hundreds digit: ``NC401`` -> ``NC4``."""
        return self.code[:-2]

    @property
    def explanation(self) -> str:
        """The detector's docstring: what it removes, why, an example, what it keeps."""
        return (self.detect.__doc__ or self.summary).strip()


def freeze_option(value: Any) -> Any:
    """An option value made immutable and hashable: lists (and tuples) become tuples of frozen
    items, so ``ignore_neighbours_from = ["NC0"]`` from TOML equals ``("NC0",)`` from Python.
    A table (mapping) or a set is no option value."""
    if isinstance(value, (list, tuple)):
        return tuple(freeze_option(v) for v in value)
    if isinstance(value, (Mapping, set, frozenset)):
        raise TypeError(f"an option value is a number, a string, a boolean or a list, not {value!r}")
    return value


_BUILTIN: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    stage: Stage = 1,
    defaults: Mapping[str, Any] | None = None,
    local: bool = False,
    looks_at: LooksAt | None = None,
) -> Callable[[Detector], Detector]:
    """Register a built-in rule; used by the modules of :mod:`newsclean.filters`."""

    def register(detect: Detector) -> Detector:
        if code in _BUILTIN:
            raise ValueError(f"rule code {code} registered twice")
        _BUILTIN[code] = Rule(code, name, detect, summary, stage, dict(defaults or {}), local, looks_at)
        return detect

    return register


def builtin_rules() -> tuple[Rule, ...]:
    """Every built-in rule, sorted by code."""
    from . import filters  # noqa: F401  (importing the package registers its rules)

    return tuple(sorted(_BUILTIN.values(), key=lambda r: r.code))


def _longest_prefix(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def select_rules(rules: Iterable[Rule], select: Iterable[str], ignore: Iterable[str]) -> tuple[Rule, ...]:
    """Rules enabled by ``select``/``ignore`` code prefixes; the longest matching prefix wins,
    and ``ignore`` wins a tie (as in ruff)."""
    select, ignore = tuple(select), tuple(ignore)
    chosen = []
    for r in rules:
        s, i = _longest_prefix(r.code, select), _longest_prefix(r.code, ignore)
        if s >= 0 and s > i:
            chosen.append(r)
    return tuple(chosen)
