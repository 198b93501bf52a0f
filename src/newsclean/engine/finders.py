"""How a document answers "which lines may this pattern match": the reference definition and
the fast path, behind one switch.

A rule asks its :class:`~newsclean.document.Document` for lines (``stub_lines``,
``search_lines``, ``matching_lines``, and the candidates of what it declared it looks at);
the document hands the question to its finder:

- :class:`ReferenceFinder` is the definition: it tests every non-blank line with the pattern.
- :class:`FastFinder` finds the same lines with one scan of the document for the literals
  every match must contain (one multi-pattern automaton for all of them), one search of the
  joined line keys for whole-line stubs, and whole-text searches for patterns anchored at a
  line start. Its answers are supersets (``search_lines``) or exactly (the others) what the
  reference gives; CI runs every fixture, property test and benchmark text both ways and fails
  on any difference.

``NEWSCLEAN_REFERENCE=1`` in the environment selects the reference finder for every
document (see :func:`reference_mode`).
"""

from __future__ import annotations

import bisect
import importlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any, cast

from .lines import KEY_STRIP, collapse_spaces
from .literals import (
    CASEFIX_FOLD,
    CASEFIX_PARTNERS,
    alternatives,
    at_line_start,
    by_identity,
    candidates,
    multiline,
    newline_anchored,
    required_literals,
)
from .scanner import LiteralScanner

_compiled_class_lines: Callable[[list[str], str, bool], list[int]] | None
try:
    from .._compiled.scan import class_lines as _compiled_class_lines
except ImportError:  # no compiler at install time: the search loop serves
    _compiled_class_lines = None

_compiled_short_keys: Callable[..., tuple[list[int], list[str], list[int], dict[str, list[int]]]] | None
try:
    from .._compiled.scan import short_keys as _compiled_short_keys
except ImportError:  # no compiler at install time: the loop in _short_keys serves
    _compiled_short_keys = None

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "Finder",
    "FastFinder",
    "PatternSearch",
    "ReferenceFinder",
    "REFERENCE_ENV",
    "finder_for",
    "pattern_search",
    "reference_mode",
]

#: The one switch: set to ``1`` to turn every fast path off (each rule then sees every line).
REFERENCE_ENV = "NEWSCLEAN_REFERENCE"

#: Lines up to this length get their key computed once per document and searched in one
#: joined text (see :meth:`FastFinder.stub_lines`); every stub rule looks at shorter lines only.
STUB_MAX_CHARS = 400

_NEVER = "(?!)"

_STUB_LINES = "engine:stub-lines"
_StubAnswer = tuple[frozenset[str], "re.Pattern[str]", list[int]]


def reference_mode() -> bool:
    """True when ``NEWSCLEAN_REFERENCE`` asks for the reference path (read on every call, so
    a test or a worker process can switch it)."""
    return os.environ.get(REFERENCE_ENV, "") not in ("", "0")


class Finder:
    """The reference definition of every line question a rule may ask its document."""

    #: The fast path: rules are shown only the candidates of what they declared they look at
    #: (:class:`~newsclean.registry.LooksAt`) and the compiled kernels (``newsclean._compiled``)
    #: serve when installed; the reference shows every rule every line, in pure Python.
    fast = False

    def stub_lines(
        self, doc: Document, stubs: frozenset[str], pattern: re.Pattern[str], max_chars: int = 80
    ) -> list[int]:
        """Non-blank lines of at most ``max_chars`` characters whose key is in ``stubs`` or
        fully matches ``pattern``, in order."""
        lines = doc.lines
        return [
            i
            for i in doc.nonblank
            if len(lines[i]) <= max_chars and ((k := doc.key(i)) in stubs or pattern.fullmatch(k) is not None)
        ]

    def search_lines(self, doc: Document, pattern: re.Pattern[str], stripped: bool = False) -> Sequence[int]:
        """Non-blank lines in which ``pattern.search`` may succeed (``stripped``: on the line
        after ``str.strip``), in order: a superset of the lines it matches. The reference
        answers every non-blank line."""
        return doc.nonblank

    def searched_lines(self, doc: Document, search: PatternSearch) -> Iterable[int]:
        """The union of :meth:`search_lines` of ``search.patterns``: every non-blank line for
        the reference."""
        return doc.nonblank

    def matching_lines(
        self, doc: Document, pattern: re.Pattern[str], keep: Callable[[int], bool] | None = None
    ) -> list[int]:
        """Non-blank lines ``i`` with ``keep(i)`` (when given) in which ``pattern.search``
        succeeds, in order."""
        lines = doc.lines
        search = pattern.search
        return [i for i in doc.nonblank if (keep is None or keep(i)) and search(lines[i]) is not None]


class ReferenceFinder(Finder):
    """The definition, with no shortcut: what ``NEWSCLEAN_REFERENCE=1`` runs."""


class FastFinder(Finder):
    """The same answers as :class:`ReferenceFinder`, found with whole-document scans."""

    fast = True

    def stub_lines(
        self, doc: Document, stubs: frozenset[str], pattern: re.Pattern[str], max_chars: int = 80
    ) -> list[int]:
        """Kept on the document (rules ask again in every round of the fixpoint); a view of
        whole lines of another document (the re-check's kept lines) takes the answer its
        source gave to the same question, renumbered: whether a line is a stub depends on its
        text alone."""
        # the stubs by value (a frozenset keeps its hash; a rule may build an empty one per
        # call), the pattern by identity (hashing a pattern hashes its compiled code)
        key = (_STUB_LINES, stubs, id(pattern), max_chars)
        memo = doc.memo
        known = cast("_StubAnswer | None", memo.get(key))
        if known is None or known[1] is not pattern:
            found = None
            origin = doc.origin
            if origin is not None:
                source = cast("_StubAnswer | None", origin[0].memo.get(key))
                if source is not None and source[1] is pattern:
                    moved = positions_in_view(doc)
                    found = [j for j in (moved[o] for o in source[2]) if j >= 0]
            if found is None:
                found = self._stub_lines(doc, stubs, pattern, max_chars)
            # the entry holds the pattern, so its id cannot be reused while it lives
            known = (stubs, pattern, found)
            memo[key] = known
        return list(known[2])

    def _stub_lines(self, doc: Document, stubs: frozenset[str], pattern: re.Pattern[str], max_chars: int) -> list[int]:
        wrapped = newline_anchored(pattern) if pattern.pattern != _NEVER else None
        if max_chars > STUB_MAX_CHARS or (wrapped is None and pattern.pattern != _NEVER):
            return super().stub_lines(doc, stubs, pattern, max_chars)
        numbers, texts, joined, offsets, by_key = _short_keys(doc)
        if not numbers:
            return []
        lines = doc.lines
        found: set[int] = set()
        # Perf: iterate the smaller side (``set.intersection`` of a dict walks the dict;
        # ``dict.keys() & set`` walked the whole phrase list, 46 us for a one-line text).
        common = stubs.intersection(by_key) if len(by_key) <= len(stubs) else [k for k in stubs if k in by_key]
        for k in common:
            found.update(by_key[k])
        if wrapped is not None:
            fullmatch = pattern.fullmatch
            split = _split_stub_pattern(pattern)
            key_index = _key_literal_index(doc) if split is not None else None
            if split is None or key_index is None:
                found.update(candidates(wrapped, joined, offsets, numbers, lambda j: fullmatch(texts[j]) is not None))
            else:
                # The alternatives that need a literal are tried only on the keys holding one;
                # the others are searched over the joined keys as one pattern.
                literals, rest = split
                found.update(numbers[j] for j in _keys_with_literals(key_index, literals) if fullmatch(texts[j]))
                if rest is not None:
                    found.update(candidates(rest, joined, offsets, numbers, lambda j: fullmatch(texts[j]) is not None))
        return sorted(i for i in found if len(lines[i]) <= max_chars)

    def search_lines(self, doc: Document, pattern: re.Pattern[str], stripped: bool = False) -> Sequence[int]:
        kind, how, multi = _search_route(pattern, stripped)
        if kind is _NO_LINE:
            return []
        if kind is _AT_LINE_START:
            return _lines_starting(doc, how)
        if kind is _BY_LITERALS and _literal_index(doc) is not None:
            return sorted(_lines_with_literals(doc, how))
        if multi is None:
            return doc.nonblank
        return _lines_searched(doc, multi)

    def searched_lines(self, doc: Document, search: PatternSearch) -> Iterable[int]:
        """The union of :meth:`search_lines` of the patterns, routed once per pattern set:
        the literals of every pattern that has some in one lookup of the literal index."""
        if search.every_line:
            return doc.nonblank
        found: set[int] = set()
        for line_start in search.line_starts:
            found.update(_lines_starting(doc, line_start))
        if search.literals:
            if _literal_index(doc) is not None:
                found.update(_lines_with_literals(doc, search.literals))
            elif None in search.literal_fallbacks:
                return doc.nonblank
            else:
                for multi in search.literal_fallbacks:
                    assert multi is not None
                    found.update(_lines_searched(doc, multi))
        for multi in search.multis:
            found.update(_lines_searched(doc, multi))
        return found

    def matching_lines(
        self, doc: Document, pattern: re.Pattern[str], keep: Callable[[int], bool] | None = None
    ) -> list[int]:
        """A long alternation of phrases (the marker lists) is split into its alternatives, and
        each is tried only on the lines holding one of its literals, so a common word that one
        phrase needs (" our ") costs one small search per line that holds it rather than a
        search of the whole alternation."""
        lines = doc.lines
        parts = alternatives(pattern)
        if parts is None:
            return [
                i for i in self.search_lines(doc, pattern) if (keep is None or keep(i)) and pattern.search(lines[i])
            ]
        found: set[int] = set()
        rejected: set[int] = set()
        index = _literal_index(doc)
        indexed = index is not None
        tried: Iterable[tuple[re.Pattern[str], Iterable[int] | None]]
        if index is not None and _literal_set(_part_literals(pattern)) <= index[1]:
            # Perf: only the parts that need a literal the text holds, each with the lines
            # holding one (a text holds a handful of the few hundred literals: walking every
            # part and asking the index for each cost a set per part and document)
            hits = index[0]
            parts_by_literal, unscreened = _parts_by_literal(pattern)
            lines_of_part: dict[int, set[int]] = {}
            present = [lit for lit in hits if lit in parts_by_literal]
            for lit in present:
                at = hits[lit]
                for k in parts_by_literal[lit]:
                    got = lines_of_part.get(k)
                    if got is None:
                        lines_of_part[k] = set(at)
                    else:
                        got.update(at)
            tried = [
                *((parts[k][0], lines_of_part[k]) for k in sorted(lines_of_part)),
                *((parts[k][0], None) for k in unscreened),
            ]
        else:
            tried = [
                (part, _lines_with_literals(doc, literals) if literals is not None and indexed else None)
                for part, literals in parts
            ]
        for part, screened in tried:
            candidate_lines: Iterable[int] = screened if screened is not None else self.search_lines(doc, part)
            search = part.search
            for i in candidate_lines:
                if i in found or i in rejected:
                    continue
                if keep is not None and not keep(i):
                    rejected.add(i)
                elif search(lines[i]):
                    found.add(i)
        return sorted(found)


# How :meth:`FastFinder.search_lines` finds a pattern's lines: it never matches, it is
# anchored at line starts, it has required literals, or neither (the multi-line search below).
_NO_LINE, _AT_LINE_START, _BY_LITERALS, _SEARCHED = "never", "line start", "literals", "search"

_Route = tuple[str, Any, "re.Pattern[str] | None"]


@by_identity  # one entry per compiled pattern and ``stripped``
def _search_route(pattern: re.Pattern[str], stripped: bool) -> _Route:
    """How to find the lines of ``pattern`` (see :meth:`FastFinder.search_lines`), with what
    (the line-start pattern, or the literals), and the multi-line pattern that serves when
    the text cannot be lowered in place (``None``: every non-blank line). One lookup per call
    instead of one per question."""
    if pattern.pattern == _NEVER:
        return _NO_LINE, None, None
    line_start = None if stripped else at_line_start(pattern)
    if line_start is not None:
        return _AT_LINE_START, line_start, None
    literals = required_literals(pattern)
    multi = multiline(pattern, stripped)
    if literals is not None:
        return _BY_LITERALS, literals, multi
    return _SEARCHED, None, multi


@dataclass(frozen=True)
class PatternSearch:
    """Patterns routed once for :meth:`Finder.searched_lines` (see :func:`pattern_search`)."""

    patterns: tuple[re.Pattern[str], ...]
    every_line: bool = False
    """A pattern with no fast route: every non-blank line is a candidate."""
    line_starts: tuple[re.Pattern[str], ...] = ()
    literals: tuple[str, ...] = ()
    """The literals of every pattern that has some, lower-cased, sorted."""
    literal_fallbacks: tuple[re.Pattern[str] | None, ...] = ()
    """Their multi-line searches, for a text that cannot be lowered in place."""
    multis: tuple[re.Pattern[str], ...] = ()


def pattern_search(patterns: Iterable[re.Pattern[str]]) -> PatternSearch:
    """``patterns`` routed for :meth:`FastFinder.searched_lines`, as :meth:`search_lines`
    routes each."""
    patterns = tuple(patterns)
    line_starts: list[re.Pattern[str]] = []
    literals: set[str] = set()
    fallbacks: list[re.Pattern[str] | None] = []
    multis: list[re.Pattern[str]] = []
    for pattern in patterns:
        kind, how, multi = _search_route(pattern, False)
        if kind is _AT_LINE_START:
            line_starts.append(how)
        elif kind is _BY_LITERALS:
            literals.update(how)
            fallbacks.append(multi)
        elif kind is _SEARCHED:
            if multi is None:
                return PatternSearch(patterns, every_line=True)
            multis.append(multi)
    return PatternSearch(patterns, False, tuple(line_starts), tuple(sorted(literals)), tuple(fallbacks), tuple(multis))


_FAST = FastFinder()
_REFERENCE = ReferenceFinder()


def finder_for(reference: bool) -> Finder:
    return _REFERENCE if reference else _FAST


# ---- per-document state of the fast finder (kept in the document's cache) --------------------


def _newline_text(doc: Document) -> str:
    return doc.memoized("engine:newline-text", lambda: "\n" + doc.text)


def _lines_starting(doc: Document, line_start: re.Pattern[str]) -> list[int]:
    """Non-blank lines where a search of ``line_start`` (a pattern from :func:`at_line_start`)
    over the text with a newline in front starts a match."""
    lines = doc.lines
    # line i's newline stands at starts[i] in "\n" + text: the offsets are the same
    found = candidates(line_start, _newline_text(doc), doc.starts, range(len(lines)), None)
    return [i for i in found if lines[i] and not lines[i].isspace()]


def _lines_searched(doc: Document, multi: re.Pattern[str]) -> list[int]:
    """Non-blank lines where a search of ``multi`` (from :func:`multiline`) over the text
    starts a match.

    Perf: a pattern that is one character class (``\\d``, ``[:|›»>]``, ``:``) matches one
    character, so in the lines holding one of its characters: found in one compiled pass over
    the lines instead of a search per line that holds one (``\\d`` alone cost 26 ms of
    ``check``'s 1.8 s on the public scrapes)."""
    lines = doc.lines
    if _compiled_class_lines is not None:
        single = single_class(multi)
        if single is not None:
            return [i for i in _compiled_class_lines(lines, *single) if not lines[i].isspace()]
    return [
        i
        for i in candidates(multi, doc.text, doc.starts, range(len(lines)), None)
        if lines[i] and not lines[i].isspace()
    ]


@by_identity  # one entry per compiled pattern
def single_class(pattern: re.Pattern[str]) -> tuple[str, bool] | None:
    """For a pattern that is exactly one character, a literal or a class made of literals and
    ``\\d`` (no range, no negation, no case folding, ``\\d`` as Unicode's decimal digits):
    its characters and whether ``\\d`` is one of them; else ``None``."""
    if pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        c = importlib.import_module("re._constants")  # the private parser, as literals.py reads it
        p = importlib.import_module("re._parser")
        items = list(p.parse(pattern.pattern, pattern.flags))
    except Exception:  # another Python's parser: no shortcut
        return None
    if len(items) != 1:
        return None
    op, arg = items[0]
    if op is c.LITERAL:
        members = [(op, arg)]
    elif op is c.IN:
        members = list(arg)
    else:
        return None
    chars, digits = [], False
    for mop, marg in members:
        if mop is c.LITERAL:
            chars.append(chr(marg))
        elif mop is c.CATEGORY and marg is c.CATEGORY_DIGIT:
            digits = True
        else:
            return None
    if "\n" in chars:
        return None
    return "".join(chars), digits


def class_lines_python(lines: Sequence[str], chars: str, digits: bool) -> list[int]:
    """The definition of the compiled ``class_lines``: the numbers of the lines holding a
    character of ``chars`` or (``digits``) a decimal digit (``str.isdecimal``, what ``\\d``
    matches in a ``str`` pattern)."""
    return [i for i, line in enumerate(lines) if any(ch in chars or (digits and ch.isdecimal()) for ch in line)]


_ShortKeys = tuple[list[int], list[str], str, list[int], dict[str, list[int]]]


def _short_keys(doc: Document) -> _ShortKeys:
    """Non-blank lines of at most :data:`STUB_MAX_CHARS` characters: their numbers, their
    keys, the keys each after a newline, the offset of that newline, and key -> lines."""

    def build() -> _ShortKeys:
        origin = doc.origin
        if origin is not None:
            # a view of whole lines: the short lines of its source that it kept, with their keys
            position = positions_in_view(doc)
            source_numbers, source_texts = _short_keys(origin[0])[:2]
            numbers, texts = [], []
            for o, k in zip(source_numbers, source_texts):
                i = position[o]
                if i >= 0:
                    numbers.append(i)
                    texts.append(k)
        elif _compiled_short_keys is not None:
            # the keys in one compiled loop, remembered as the document's keys
            found_numbers, keys, key_offsets, lines_by_key = _compiled_short_keys(
                doc.lines, doc.nonblank, STUB_MAX_CHARS, KEY_STRIP, collapse_spaces
            )
            doc.remember_keys(found_numbers, keys)
            return found_numbers, keys, "\n" + "\n".join(keys), key_offsets, lines_by_key
        else:
            lines = doc.lines
            numbers = [i for i in doc.nonblank if len(lines[i]) <= STUB_MAX_CHARS]
            texts = [doc.key(i) for i in numbers]
        by_key: dict[str, list[int]] = {}
        for i, k in zip(numbers, texts):
            found = by_key.get(k)
            if found is None:
                by_key[k] = [i]
            else:
                found.append(i)
        # Key j starts at offsets[j] + 1 in the joined text, after the newline at offsets[j].
        offsets = [0, *accumulate(len(k) + 1 for k in texts[:-1])] if texts else []
        return numbers, texts, "\n" + "\n".join(texts), offsets, by_key

    return doc.memoized("engine:short-keys", build)


def positions_in_view(doc: Document) -> list[int]:
    """For a view of whole lines of another document (:attr:`Document.origin`): per line of
    the source, its line number in the view, or -1 when the view left it out."""
    origin = doc.origin
    assert origin is not None

    def build() -> list[int]:
        moved = [-1] * len(origin[0].lines)
        for i, o in enumerate(origin[1]):
            moved[o] = i
        return moved

    return doc.memoized("engine:positions-in-view", build)


def _hits_in_view(
    hits: dict[str, tuple[int, ...]], known: frozenset[str], moved: Sequence[int]
) -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """A literal index of a source (literal -> its lines or keys, and the literals scanned
    for) renumbered for a view: ``moved[o]`` is the view's number of the source's ``o``, or
    -1 when the view left it out. What one scan of the view finds: a literal the view no
    longer holds has no entry, unless it was found one by one (not ``known``), as there."""
    out: dict[str, tuple[int, ...]] = {}
    for lit, found in hits.items():
        kept = tuple(j for j in (moved[o] for o in found) if j >= 0)
        if kept or lit not in known:
            out[lit] = kept
    return out, known


@by_identity  # one entry per compiled pattern
def _split_stub_pattern(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], re.Pattern[str] | None] | None:
    """A whole-line pattern cut into the literals its alternatives require (every key that
    fully matches an alternative with required literals holds one of them) and the other
    alternatives joined and anchored as :func:`newline_anchored` does (``None`` when every
    alternative has literals); ``None`` when the pattern cannot be cut so (no top-level
    alternation, or no alternative has literals)."""
    parts = alternatives(pattern)
    if parts is None:
        return None
    literals = _part_literals(pattern)
    others = [part.pattern for part, lits in parts if lits is None]
    if not literals:
        return None
    rest = None
    if others:
        try:
            rest = newline_anchored(re.compile("|".join(f"(?:{o})" for o in others), pattern.flags))
        except re.error:
            return None
        if rest is None:
            return None
    return literals, rest


_KeyLiteralIndex = tuple[dict[str, tuple[int, ...]], frozenset[str], str, list[int], list[str]]

#: The literals of the whole-line stub patterns, found in the joined keys of the short lines
#: (a scanner of their own: the keys are another text than the document's).
_KEY_SCANNER = LiteralScanner()


def _key_literal_index(doc: Document) -> _KeyLiteralIndex | None:
    """Literal -> the positions ``j`` (in :func:`_short_keys`) of the keys that hold it, for
    every literal the key scanner knows (the second item), found with one scan of the joined
    keys lower-cased and folded as :func:`_lowered` does (the third item, with the keys'
    offsets in it and the keys); ``None`` when that changes an offset."""

    def build() -> _KeyLiteralIndex | None:
        numbers, texts, joined, offsets, _by_key = _short_keys(doc)
        lowered = _lower_in_place(joined[1:])  # key j starts at offsets[j]
        if lowered is None:
            return None
        origin = doc.origin
        source = _key_literal_index(origin[0]) if origin is not None else None
        if origin is not None and source is not None:
            # a view of whole lines: its keys are some of its source's keys, in order, and a
            # literal (never a newline in it) lies in one key, so the hits are the source's
            # hits on the keys the view kept
            source_numbers = _short_keys(origin[0])[0]
            key_position = {o: j for j, o in enumerate(origin[1][i] for i in numbers)}
            moved = [key_position.get(o, -1) for o in source_numbers]
            hits, known = _hits_in_view(source[0], source[1], moved)
            return hits, known, lowered, offsets, texts
        known = frozenset(_KEY_SCANNER.literals)
        return _KEY_SCANNER.lines_by_literal(lowered, offsets, texts), known, lowered, offsets, texts

    return doc.memoized("engine:key-literal-index", build)


def _keys_with_literals(index: _KeyLiteralIndex, literals: tuple[str, ...]) -> set[int]:
    """Positions of the keys that hold one of ``literals`` (each lower-cased and folded)."""
    hits, known, lowered, offsets, texts = index
    return _gather_literal_hits(hits, known, literals, _KEY_SCANNER, lowered, offsets, texts)


def _gather_literal_hits(
    hits: dict[str, tuple[int, ...]],
    known: frozenset[str],
    literals: tuple[str, ...],
    scanner: LiteralScanner,
    lowered: str,
    starts: list[int],
    lines: list[str],
) -> set[int]:
    """The union of ``hits`` of ``literals``. A literal ``scanner`` had not seen when ``hits``
    was scanned (``known``) is found in ``lowered`` one by one now, and scanned with the
    others from the next document on."""
    out: set[int] = set()
    missing = []
    for lit in literals:
        found = hits.get(lit)
        if found is not None:
            out.update(found)
        elif lit not in known:
            missing.append(lit)
    if missing:
        scanner.add(missing)
        for lit in missing:
            hits[lit] = found = _find_literal(lowered, lit, starts, lines)
            out.update(found)
    return out


def _lower_in_place(text: str) -> str | None:
    """``text`` lower-cased and case-fix folded, when that keeps every offset; else ``None``
    (see :func:`_lowered`)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if CASEFIX_PARTNERS.search(lowered):
        lowered = lowered.translate(CASEFIX_FOLD)
    return lowered


def _lowered(doc: Document) -> str | None:
    """The text lower-cased, when that keeps every offset (``İ`` lower-cases to two
    characters); else ``None``.

    Enough for the literal prefilter, whose literals are lower-cased and folded the same way:
    ``re.IGNORECASE`` matches two letters when their simple lower cases agree or stand in one
    group of :data:`~newsclean.engine.literals.CASEFIX_FOLD` (``ſ`` and ``s``, ``ı`` and
    ``i``), and ``str.lower`` is the simple lower case for every character but ``İ`` (length)
    and ``Σ`` (``σ`` or ``ς`` by its place; the fold joins them).
    """

    return doc.memoized("engine:lowered", lambda: _lower_in_place(doc.text))


_LiteralIndex = tuple[dict[str, tuple[int, ...]], frozenset[str]]


def _literal_index(doc: Document) -> _LiteralIndex | None:
    """Literal -> the non-blank lines whose lowered text holds it, for every literal the
    process has been asked for so far (the second item), found with one scan of the lowered
    text; ``None`` when the text cannot be lowered in place."""

    def build() -> _LiteralIndex | None:
        lowered = _lowered(doc)
        if lowered is None:
            return None
        origin = doc.origin
        source = _literal_index(origin[0]) if origin is not None else None
        if origin is not None and source is not None:
            # a view of whole lines: a literal (never a newline in it) lies in one line, so
            # the view's hits are its source's hits on the lines it kept, renumbered
            return _hits_in_view(source[0], source[1], positions_in_view(doc))
        scanner = LiteralScanner.shared()
        known = frozenset(scanner.literals)
        return scanner.lines_by_literal(lowered, doc.starts, doc.lines), known

    return doc.memoized("engine:literal-index", build)


def _lines_with_literals(doc: Document, literals: tuple[str, ...]) -> set[int]:
    """Non-blank lines whose lowered text holds one of ``literals``."""
    index = _literal_index(doc)
    assert index is not None
    hits, known = index
    out: set[int] = set()
    wanted = _literal_set(literals)
    if wanted <= known:
        # Perf: walk the smaller side, the literals asked for or those the text holds (a short
        # text holds a handful of the few hundred literals).
        for lit in wanted.intersection(hits) if len(hits) < len(wanted) else literals:
            found = hits.get(lit)
            if found is not None:
                out.update(found)
        return out
    lowered = _lowered(doc)
    assert lowered is not None
    return _gather_literal_hits(hits, known, literals, LiteralScanner.shared(), lowered, doc.starts, doc.lines)


@by_identity  # one entry per compiled pattern
def _part_literals(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The literals of every top-level alternative of ``pattern`` that has some."""
    parts = alternatives(pattern) or []
    return tuple(sorted({lit for _, lits in parts if lits is not None for lit in lits}))


@by_identity  # one entry per compiled pattern
def _parts_by_literal(pattern: re.Pattern[str]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For a pattern :func:`alternatives` splits: each literal -> the positions of the parts
    that require it (one of their literals), and the positions of the parts without literals."""
    parts = alternatives(pattern) or []
    by_literal: dict[str, list[int]] = {}
    unscreened = []
    for k, (_part, literals) in enumerate(parts):
        if literals is None:
            unscreened.append(k)
        else:
            for lit in literals:
                by_literal.setdefault(lit, []).append(k)
    return {lit: tuple(ks) for lit, ks in by_literal.items()}, tuple(unscreened)


@by_identity  # one entry per pattern's literals (the tuples are cached too)
def _literal_set(literals: tuple[str, ...]) -> frozenset[str]:
    return frozenset(literals)


def _find_literal(lowered: str, lit: str, starts: list[int], lines: list[str]) -> tuple[int, ...]:
    found = []
    pos = lowered.find(lit)
    n = len(starts)
    while pos >= 0:
        i = bisect.bisect_right(starts, pos) - 1
        if lines[i] and not lines[i].isspace():
            found.append(i)
        # resume at the next line: this one is a candidate already
        pos = lowered.find(lit, starts[i + 1]) if i + 1 < n else -1
    return tuple(found)
