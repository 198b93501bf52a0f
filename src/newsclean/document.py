"""The text segmented once into lines with offsets, shared by every filter.

Filters work on *non-blank lines*: blank lines carry no meaning for them (scrapers add and
drop them at will), which is also what keeps :func:`newsclean.clean` idempotent after the
whitespace tidy. Derived views (normalized keys, word counts) are computed lazily and cached,
because most lines of a real article are long prose that most filters never look at twice.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import TypeVar

__all__ = ["Document", "line_key", "TERMINAL_PUNCTUATION"]

T = TypeVar("T")

#: Characters that end a sentence in the scripts we see most (Latin, CJK, Arabic, Devanagari).
TERMINAL_PUNCTUATION = frozenset(".!?…。！？؟।\"'”’»)")

_KEY_STRIP = " \t\r\f\v\u00a0\u200b\ufeff-–—•·*|:>›»«‹<…."
_SPACE_RUN = re.compile(r"\s+")

#: Lines up to this length get their key computed once per document and searched in one
#: joined text (see :meth:`Document.stub_lines`); every stub rule looks at shorter lines only.
STUB_MAX_CHARS = 400

# Patterns whose meaning could change when a line is searched inside the whole text rather
# than alone: lookarounds see the neighbouring lines, \A and \Z the whole text. For these
# the fast paths fall back to the line-by-line loop. ``(?!)`` (never matches) is harmless.
_CONTEXT_SENSITIVE = re.compile(r"\(\?<?[=!](?!\))|\\[AZz]")


def _literal_weight(literal: str) -> int:
    """How selective a literal is, roughly its length; rare punctuation (``/``, ``(``, ``©``)
    counts as three characters, common short strings (``ap``, ``,``, a space) as what they are."""
    if len(literal) < 3 and not (literal.isalnum() or literal.isspace() or literal in _COMMON_SHORT):
        return 3
    return len(literal)


def _required_factor(items: object) -> set[str] | None:
    """A set of literal strings one of which occurs in every match of the parsed sequence
    ``items`` (RE2's prefilter idea), or ``None`` when no such set is known. A sequence needs
    each of its items; a branch needs one of its alternatives; a repeat of at least one needs
    its body. The set with the longest shortest member is kept."""
    from re import _constants as c  # type: ignore[attr-defined]  # the parser's own node types

    best: set[str] | None = None
    run: list[str] = []

    def take(found: set[str] | None) -> None:
        nonlocal best
        if found and all(found):
            score = (min(map(_literal_weight, found)), -len(found))
            if best is None or score > (min(map(_literal_weight, best)), -len(best)):
                best = found

    def flush() -> None:
        if run:
            take({"".join(run)})
            run.clear()

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    for op, av in items:  # type: ignore[attr-defined]
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            take(_required_factor(av[-1]))
        elif op is c.BRANCH:
            alternatives = [_required_factor(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                take(set().union(*alternatives))  # type: ignore[arg-type]
        elif op in repeats and av[0] >= 1:
            take(_required_factor(av[2]))
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            take({chr(v) for _, v in av})  # a class of plain characters: one of them
    flush()
    return best


@lru_cache(maxsize=4096)  # one entry per compiled pattern (re.Pattern hashes by source and flags)
def _required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased literals one of which occurs (case-insensitively) in every match of a
    ``re`` pattern, or ``None``. Only literals of 3+ characters without newlines are used:
    shorter ones would flag most lines anyway."""
    found: tuple[str, ...] | None = None
    if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
        try:
            from re import _parser  # type: ignore[attr-defined]

            literals = _required_factor(_parser.parse(pattern.pattern, pattern.flags).data)
        except Exception:  # noqa: BLE001 - no prefilter for a pattern we cannot analyse
            literals = None
        if literals and all(_literal_weight(x) >= 3 and _plain_literal(x) for x in literals):
            lowered = {x.lower().translate(_CASEFIX_FOLD) for x in literals}
            # a literal that contains another adds nothing: the shorter one is found anyway
            found = tuple(sorted(x for x in lowered if not any(y != x and y in x for y in lowered)))
    return found


def _plain_literal(literal: str) -> bool:
    """A literal that the prefilter can look for in :meth:`Document._lowered`: no newline, and
    lower-casing keeps its length (``İ`` becomes two characters)."""
    return bool(literal) and "\n" not in literal and len(literal.lower()) == len(literal)


def _casefix_fold() -> dict[int, int]:
    """Each letter that ``re.IGNORECASE`` equates with others beyond lower-casing -> the lowest
    code point of its group ("ſ" -> "s", "ı" -> "i", "σ" -> "ς", "ᲀ" -> "в"). ``re`` compares
    a text letter with a pattern letter by their lower cases and these groups, so after
    lower-casing and folding both, equal letters are exactly the ones ``re`` matches; the
    groups also join the two lower cases of ``Σ``, which depend on the letter's place."""
    from re import _casefix  # type: ignore[attr-defined]

    fold: dict[int, int] = {}
    for key, partners in _casefix._EXTRA_CASES.items():
        lowest = min(key, *partners)
        for member in (key, *partners):
            if member != lowest:
                fold[member] = lowest
    return fold


_CASEFIX_FOLD = _casefix_fold()
_CASEFIX_PARTNERS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CASEFIX_FOLD)) + "]")
_COMMON_SHORT = frozenset({",", ".", "-", "'", '"', ":", ";", "!", "?", "’", "“", "”"})


def _line_safe(pattern: re.Pattern[str]) -> bool:
    """A plain ``re`` pattern whose matches mean the same inside a text of many lines as in
    one line alone: no lookarounds, no ``\\A``/``\\Z``, not verbose (where ``|`` and ``#``
    read differently)."""
    source = pattern.pattern
    return (
        isinstance(pattern, re.Pattern)
        and isinstance(source, str)
        and not pattern.flags & re.VERBOSE
        and not _CONTEXT_SENSITIVE.search(source)
    )


@lru_cache(maxsize=4096)  # one entry per compiled pattern (re.Pattern hashes by source and flags)
def _multiline(pattern: re.Pattern[str], stripped: bool) -> re.Pattern[str] | None:
    r"""``pattern`` recompiled to search many lines at once, or ``None`` when that could miss a
    line the pattern matches on its own.

    ``re.MULTILINE`` keeps ``^`` and ``$`` at line boundaries, where they stood when the line
    was searched alone; ``\b`` sees a newline where the line's edge was, which is a non-word
    character either way. A match may still run across lines (``\s`` matches a newline):
    callers only take the line where a match starts as a *candidate* and check it with the
    original pattern. With ``stripped`` the lines were stripped before matching, so ``^``/``$``
    in the pattern (which would see the stripped edges) disable the fast path.
    """
    source = pattern.pattern
    compiled = None
    if (
        isinstance(source, str)
        and not _CONTEXT_SENSITIVE.search(source)
        and not (stripped and ("^" in source or "$" in source))
    ):
        try:
            flags = pattern.flags | re.MULTILINE
            module = type(pattern).__module__
            if module.startswith("_regex") or module.startswith("regex"):
                import regex

                compiled = regex.compile(source, flags)
            else:
                compiled = re.compile(source, flags)
        except Exception:  # noqa: BLE001 - any pattern we cannot recompile takes the slow path
            compiled = None
    return compiled


@lru_cache(maxsize=4096)  # one entry per compiled pattern (re.Pattern hashes by source and flags)
def _at_line_start(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""For a pattern whose every top-level branch starts with ``^``, the same pattern with
    a newline in place of each ``^``, to search the text with a newline in front; else
    ``None``.

    Perf: ``re`` tries a ``^`` pattern at every character, but jumps straight to a literal
    first character, and every line start of the text with a newline in front follows one.
    """
    compiled = None
    source = pattern.pattern
    if _line_safe(pattern) and source.startswith("^"):
        branches = _top_level_alternatives(source) or [source]
        if all(b.startswith("^") for b in branches):
            try:
                rest = "|".join(b[1:] for b in branches)
                compiled = re.compile(f"\\n(?:{rest})", pattern.flags | re.MULTILINE)
            except re.error:
                compiled = None
    return compiled


def _top_level_alternatives(source: str) -> list[str] | None:
    """``source`` split at its top-level ``|`` (outside groups, classes and escapes), or
    ``None`` when it has none or cannot be read with confidence (a verbose-mode pattern)."""
    parts: list[str] = []
    depth, start, i, n = 0, 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: skip to its closing bracket (a leading "]" or "^]" is literal)
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    if depth != 0 or not parts:
        return None
    parts.append(source[start:])
    return parts


@lru_cache(maxsize=4096)  # one entry per compiled pattern (re.Pattern hashes by source and flags)
def _alternatives(pattern: re.Pattern[str]) -> list[tuple[re.Pattern[str], tuple[str, ...] | None]] | None:
    """The top-level alternatives of ``pattern``, each compiled alone with the pattern's flags
    and with its required literals (see :func:`_required_literals`); ``None`` when the pattern
    is not a plain ``re`` alternation. A line matches ``pattern`` exactly when it matches one
    of them, so each can be screened by its own literals."""
    found = None
    source = pattern.pattern
    if isinstance(pattern, re.Pattern) and isinstance(source, str) and not pattern.flags & re.VERBOSE:
        parts = _top_level_alternatives(source)
        if parts is not None:
            try:
                compiled = [re.compile(part, pattern.flags) for part in parts]
            except re.error:
                compiled = None
            if compiled is not None and all(c.groups == 0 for c in compiled):
                found = [(c, _required_literals(c)) for c in compiled]
    return found


@lru_cache(maxsize=4096)  # one entry per compiled pattern (re.Pattern hashes by source and flags)
def _newline_anchored(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""``\n(?:pattern)(?=\n|\Z)``: a whole-line match of ``pattern`` in a text of lines that
    starts with a newline, or ``None`` when that could miss a line (see :func:`_multiline`).

    Perf: the leading newline is a literal prefix, so ``re`` jumps from line start to line
    start; a pattern that starts with ``^`` is tried at every character (measured: most of
    the cost of a stub search over a document's keys).
    """
    compiled = None
    if _line_safe(pattern):
        try:
            compiled = re.compile(rf"\n(?:{pattern.pattern})(?=\n|\Z)", pattern.flags | re.MULTILINE)
        except re.error:
            compiled = None
    return compiled


def line_key(line: str) -> str:
    """Normalize a line for phrase lookup: casefolded, inner whitespace collapsed, and
    leading/trailing bullets, dashes, colons, arrows and ellipses removed.

    >>> line_key("  • Related Articles: ")
    'related articles'
    >>> line_key("READ  MORE »")
    'read more'
    """
    key = line.strip(_KEY_STRIP)
    if "  " in key or "\t" in key or "\u00a0" in key:
        key = _SPACE_RUN.sub(" ", key)
    return key.casefold()


def _candidates(
    pattern: re.Pattern[str], text: str, offsets: Sequence[int], numbers: Sequence[int], verify: object
) -> list[int]:
    """Line numbers where a search of ``pattern`` over ``text`` (lines at ``offsets``) starts a
    match, resuming at the next line after each hit so that a match running across lines
    cannot hide a later line; ``verify(j)`` (if given) confirms the ``j``-th line."""
    out: list[int] = []
    pos, n = 0, len(offsets)
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        j = bisect.bisect_right(offsets, m.start()) - 1
        if verify is None or verify(j):  # type: ignore[operator]
            out.append(numbers[j])
        if j + 1 >= n:
            return out
        pos = offsets[j + 1]


class Document:
    """A text split into lines once. Line ``i`` spans ``starts[i]`` to ``starts[i] + len(lines[i])``;
    the newline that ends it (if any) is the next character."""

    __slots__ = ("text", "lines", "starts", "__dict__")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = text.split("\n")
        self.starts: list[int] = [0, *accumulate(len(line) + 1 for line in self.lines[:-1])]

    @cached_property
    def nonblank(self) -> list[int]:
        """Indices of the lines that hold any non-whitespace character, in order."""
        return [i for i, line in enumerate(self.lines) if line and not line.isspace()]

    @cached_property
    def _short(self) -> tuple[list[int], list[str], str, list[int], dict[str, list[int]]]:
        """Non-blank lines of at most :data:`STUB_MAX_CHARS` characters: their numbers, their
        keys, the keys each after a newline, the offset of that newline, and key -> lines."""
        lines, keys = self.lines, self._keys
        numbers = [i for i in self.nonblank if len(lines[i]) <= STUB_MAX_CHARS]
        texts: list[str] = []
        by_key: dict[str, list[int]] = {}
        for i in numbers:
            k = keys.get(i)
            if k is None:
                k = keys[i] = line_key(lines[i])
            texts.append(k)
            found = by_key.get(k)
            if found is None:
                by_key[k] = [i]
            else:
                found.append(i)
        # Key j starts at offsets[j] + 1 in the joined text, after the newline at offsets[j].
        offsets = [0, *accumulate(len(k) + 1 for k in texts[:-1])] if texts else []
        return numbers, texts, "\n" + "\n".join(texts), offsets, by_key

    def stub_lines(self, stubs: frozenset[str], pattern: re.Pattern[str], max_chars: int = 80) -> list[int]:
        """Non-blank lines of at most ``max_chars`` characters whose key is in ``stubs`` or
        fully matches ``pattern``, in order: what a line-by-line loop would find, found with
        one set intersection and one search of the joined keys instead of a call per line."""
        lines = self.lines
        wrapped = _newline_anchored(pattern) if pattern.pattern != "(?!)" else None
        if max_chars > STUB_MAX_CHARS or (wrapped is None and pattern.pattern != "(?!)"):
            return [
                i
                for i in self.nonblank
                if len(lines[i]) <= max_chars and ((k := self.key(i)) in stubs or pattern.fullmatch(k) is not None)
            ]
        numbers, texts, joined, offsets, by_key = self._short
        found: set[int] = set()
        for k in stubs.intersection(by_key) if len(stubs) < len(by_key) else by_key.keys() & stubs:
            found.update(by_key[k])
        if wrapped is not None:
            found.update(_candidates(wrapped, joined, offsets, numbers, lambda j: pattern.fullmatch(texts[j])))
        return sorted(i for i in found if len(lines[i]) <= max_chars)

    def search_lines(self, pattern: re.Pattern[str], stripped: bool = False) -> Sequence[int]:
        """Non-blank lines in which ``pattern.search`` may succeed, in order: a superset of
        the lines it matches (``stripped``: matched after ``str.strip``), found with one
        search of the whole text. Callers still test each line; they skip the others."""
        if pattern.pattern == "(?!)":
            return []
        lines = self.lines
        at_line_start = None if stripped else _at_line_start(pattern)
        if at_line_start is not None:
            # line i's newline stands at starts[i] in "\n" + text: the offsets are the same
            found = _candidates(at_line_start, self._newline_text, self.starts, range(len(lines)), None)
            return [i for i in found if lines[i] and not lines[i].isspace()]
        literals = _required_literals(pattern)
        lowered = self._lowered if literals is not None else None
        if literals is not None and lowered is not None:
            return sorted(self._lines_with_literals(literals))
        multi = _multiline(pattern, stripped=stripped)
        if multi is None:
            return self.nonblank
        return [
            i
            for i in _candidates(multi, self.text, self.starts, range(len(lines)), None)
            if lines[i] and not lines[i].isspace()
        ]

    @cached_property
    def _newline_text(self) -> str:
        return "\n" + self.text

    def matching_lines(self, pattern: re.Pattern[str], keep: Callable[[int], bool] | None = None) -> list[int]:
        """Non-blank lines ``i`` with ``keep(i)`` (when given) in which ``pattern.search``
        succeeds, in order: exactly what testing every line would give.

        Perf: a long alternation of phrases (the marker lists) is split into its
        alternatives, and each alternative is tried only on the lines holding one of its
        literals, so a common word that one phrase needs (" our ") costs one small search per
        line that holds it rather than a search of the whole alternation.
        """
        lines = self.lines
        parts = _alternatives(pattern)
        if parts is None:
            return [i for i in self.search_lines(pattern) if (keep is None or keep(i)) and pattern.search(lines[i])]
        found: set[int] = set()
        rejected: set[int] = set()
        for part, literals in parts:
            if literals is not None and self._lowered is not None:
                candidates: Iterable[int] = self._lines_with_literals(literals)
            else:
                candidates = self.search_lines(part)
            search = part.search
            for i in candidates:
                if i in found or i in rejected:
                    continue
                if keep is not None and not keep(i):
                    rejected.add(i)
                elif search(lines[i]):
                    found.add(i)
        return sorted(found)

    def _lines_with_literals(self, literals: tuple[str, ...]) -> set[int]:
        """Non-blank lines whose lower-cased text holds one of ``literals`` (cached per literal)."""
        cache = self._literal_lines
        out: set[int] = set()
        for lit in literals:
            hit = cache.get(lit)
            if hit is None:
                hit = cache[lit] = self._find_literal(lit)
            out.update(hit)
        return out

    @cached_property
    def _literal_lines(self) -> dict[str, tuple[int, ...]]:
        return {}

    def _find_literal(self, lit: str) -> tuple[int, ...]:
        lowered, lines, starts = self._lowered, self.lines, self.starts
        assert lowered is not None
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

    @cached_property
    def _lowered(self) -> str | None:
        """The text lower-cased, when that keeps every offset (``İ`` lower-cases to two
        characters); else ``None``.

        Enough for the literal prefilter of :meth:`search_lines`, whose literals are lower-cased
        and folded the same way: ``re.IGNORECASE`` matches two letters when their simple lower
        cases agree or stand in one group of :func:`_casefix_fold` (``ſ`` and ``s``, ``ı`` and
        ``i``), and ``str.lower`` is the simple lower case for every character but ``İ``
        (length) and ``Σ`` (``σ`` or ``ς`` by its place; the fold joins them).
        """
        text = self.text
        lowered = text.lower()
        if len(lowered) != len(text):
            return None
        if _CASEFIX_PARTNERS.search(lowered):
            lowered = lowered.translate(_CASEFIX_FOLD)
        return lowered

    @cached_property
    def memo(self) -> dict[object, object]:
        """Per-document results a filter keeps between its runs (stage-2 rules run once per
        round over the same document), keyed by the filter's name and options."""
        return {}

    def memoized(self, key: object, build: Callable[[], T]) -> T:
        """``build()``, computed once per document under ``key`` (see :attr:`memo`)."""
        memo = self.memo
        if key not in memo:
            memo[key] = build()
        return memo[key]  # type: ignore[return-value]

    @cached_property
    def position_in_nonblank(self) -> dict[int, int]:
        """Line index -> its position in :attr:`nonblank`."""
        return {line_no: pos for pos, line_no in enumerate(self.nonblank)}

    @cached_property
    def _keys(self) -> dict[int, str]:
        return {}

    def key(self, i: int) -> str:
        """The normalized key of line ``i`` (see :func:`line_key`), cached."""
        keys = self._keys
        k = keys.get(i)
        if k is None:
            k = keys[i] = line_key(self.lines[i])
        return k

    def stripped(self, i: int) -> str:
        return self.lines[i].strip()

    def line_span(self, i: int) -> tuple[int, int]:
        """Offsets covering line ``i`` and the newline that ends it."""
        start = self.starts[i]
        end = start + len(self.lines[i])
        if i + 1 < len(self.lines):
            end += 1
        return start, end

    def block_span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets covering lines ``first`` to ``last`` inclusive, with the final newline."""
        return self.starts[first], self.line_span(last)[1]

    def lines_covered(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        """Lines whose every non-blank character lies inside one of the removal ``spans``."""
        covered: set[int] = set()
        cache = self._covered
        for span in spans:
            found = cache.get(span)
            if found is None:
                found = cache[span] = self._span_covers(*span)
            covered.update(found)
        return covered

    @cached_property
    def _covered(self) -> dict[tuple[int, int], tuple[int, ...]]:
        # stage-2 rules ask about the same spans in every round: remember the answers
        return {}

    def _span_covers(self, span_start: int, span_end: int) -> tuple[int, ...]:
        starts, lines = self.starts, self.lines
        out = []
        i = bisect.bisect_right(starts, span_start) - 1
        n = len(lines)
        while i < n and starts[i] < span_end:
            text = lines[i]
            if text and not text.isspace():
                lead = len(text) - len(text.lstrip())
                if span_start <= starts[i] + lead and span_end >= starts[i] + len(text.rstrip()):
                    out.append(i)
            i += 1
        return tuple(out)

    def prev_nonblank(self, i: int) -> int | None:
        pos = self.position_in_nonblank.get(i)
        if pos is None or pos == 0:
            return None
        return self.nonblank[pos - 1]

    def next_nonblank(self, i: int) -> int | None:
        pos = self.position_in_nonblank.get(i)
        if pos is None or pos + 1 >= len(self.nonblank):
            return None
        return self.nonblank[pos + 1]
