"""What every match of a regular expression must contain: the analysis behind the literal
prefilter of the fast finder (:mod:`newsclean.engine.finders`).

Candidates found through these literals are a *superset* of the lines a pattern matches by
construction (RE2's prefilter idea: a sequence needs each of its items, a branch one of its
alternatives). The analysis reads ``re``'s parse tree through the private ``re._parser``; if a
Python release changes it, :func:`required_literals` answers ``None`` for every pattern and
the finder falls back to searching the text, which is slower and still exact. CI compares the
fast finder with the reference one (``NEWSCLEAN_REFERENCE=1``) on every fixture and benchmark
text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

_compiled_candidates: Callable[..., list[int]] | None
try:
    from .._compiled.scan import candidates as _compiled_candidates
except ImportError:  # no compiler at install time: the definition below serves
    _compiled_candidates = None

__all__ = [
    "CASEFIX_FOLD",
    "CASEFIX_PARTNERS",
    "alternatives",
    "at_line_start",
    "candidates",
    "by_identity",
    "line_safe",
    "multiline",
    "newline_anchored",
    "required_literals",
    "top_level_alternatives",
]

_F = TypeVar("_F", bound=Callable[..., Any])

#: How many objects an identity cache (:func:`by_identity`) remembers before it starts again.
IDENTITY_CACHE_SIZE = 4096


def by_identity(fn: _F) -> _F:
    """``fn`` remembered per object of its first argument (compared by identity; further
    arguments must be hashable), for the few thousand patterns and literal tuples of a process.

    Perf: ``functools.lru_cache`` keyed by a compiled pattern hashed it on every call, and
    ``re.Pattern.__hash__`` is not cached: it hashes the pattern's compiled code, 2-9 us for a
    phrase list of 1-2 K characters, several times per rule and document. The object is kept
    with its answer, so its ``id`` cannot be reused while the entry lives; an equal pattern
    compiled apart gets an entry of its own, with the same answer (``fn`` is a function of
    the pattern's source and flags)."""
    cache: dict[object, tuple[object, object]] = {}

    def cached(first: object, *rest: object) -> object:
        key = (id(first), *rest) if rest else id(first)
        hit = cache.get(key)
        if hit is not None and hit[0] is first:
            return hit[1]
        answer = fn(first, *rest)
        if len(cache) >= IDENTITY_CACHE_SIZE:
            cache.clear()
        cache[key] = (first, answer)
        return answer

    cached.__doc__ = fn.__doc__
    cached.__name__ = fn.__name__
    cached.__qualname__ = fn.__qualname__
    cached.__wrapped__ = fn  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


# Patterns whose meaning could change when a line is searched inside the whole text rather
# than alone: lookarounds see the neighbouring lines, \A and \Z the whole text. For these
# the fast paths fall back to the line-by-line loop. ``(?!)`` (never matches) is harmless.
_CONTEXT_SENSITIVE = re.compile(r"\(\?<?[=!](?!\))|\\[AZz]")


def _literal_weight(literal: str) -> int:
    """How selective a literal is, roughly its length; rare punctuation (``/``, ``(``, ``©``)
    counts as three characters, common short strings (``ap``, ``,``, a space) as what they are.
    A character of a script written without spaces (Chinese, Japanese, Korean) is a word or a
    syllable, as selective as three letters: ``图`` or ``来源`` is a literal worth scanning for."""
    if len(literal) < 3 and not (literal.isalnum() or literal.isspace() or literal in _COMMON_SHORT):
        return 3
    if len(literal) < 3 and all(_WIDE_SCRIPT.match(ch) for ch in literal):
        return 3 * len(literal)
    return len(literal)


#: Han, kana and Hangul: the scripts whose characters are words or syllables.
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


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


@by_identity  # one entry per compiled pattern
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased literals one of which occurs (case-insensitively) in every match of a
    ``re`` pattern, or ``None``. Only literals of 3+ characters without newlines are used:
    shorter ones would flag most lines anyway."""
    found: tuple[str, ...] | None = None
    if _FOLD is not None and isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
        try:
            from re import _parser  # type: ignore[attr-defined]

            literals = _required_factor(_parser.parse(pattern.pattern, pattern.flags).data)
        except Exception:  # noqa: BLE001 - no prefilter for a pattern we cannot analyse
            literals = None
        if literals and all(_literal_weight(x) >= 3 and _plain_literal(x) for x in literals):
            lowered = {x.lower().translate(CASEFIX_FOLD) for x in literals}
            # a literal that contains another adds nothing: the shorter one is found anyway
            found = tuple(sorted(x for x in lowered if not any(y != x and y in x for y in lowered)))
    return found


def _plain_literal(literal: str) -> bool:
    """A literal that the prefilter can look for in :meth:`Document._lowered`: no newline, and
    lower-casing keeps its length (``İ`` becomes two characters)."""
    return bool(literal) and "\n" not in literal and len(literal.lower()) == len(literal)


def _casefix_fold() -> dict[int, int] | None:
    """Each letter that ``re.IGNORECASE`` equates with others beyond lower-casing -> the lowest
    code point of its group ("ſ" -> "s", "ı" -> "i", "σ" -> "ς", "ᲀ" -> "в"). ``re`` compares
    a text letter with a pattern letter by their lower cases and these groups, so after
    lower-casing and folding both, equal letters are exactly the ones ``re`` matches; the
    groups also join the two lower cases of ``Σ``, which depend on the letter's place.
    ``None`` when this Python has no ``re._casefix`` table: no literal prefilter then."""
    try:
        from re import _casefix  # type: ignore[attr-defined]

        extra: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
    except (ImportError, AttributeError):
        return None
    fold: dict[int, int] = {}
    for key, partners in extra.items():
        lowest = min(key, *partners)
        for member in (key, *partners):
            if member != lowest:
                fold[member] = lowest
    return fold


_FOLD = _casefix_fold()
CASEFIX_FOLD: dict[int, int] = _FOLD or {}
CASEFIX_PARTNERS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CASEFIX_FOLD)) + "]")
_COMMON_SHORT = frozenset({",", ".", "-", "'", '"', ":", ";", "!", "?", "’", "“", "”"})


def line_safe(pattern: re.Pattern[str]) -> bool:
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


@by_identity  # one entry per compiled pattern
def multiline(pattern: re.Pattern[str], stripped: bool) -> re.Pattern[str] | None:
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


@by_identity  # one entry per compiled pattern
def at_line_start(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""For a pattern whose every top-level branch starts with ``^``, the same pattern with
    a newline in place of each ``^``, to search the text with a newline in front; else
    ``None``.

    Perf: ``re`` tries a ``^`` pattern at every character, but jumps straight to a literal
    first character, and every line start of the text with a newline in front follows one.
    """
    compiled = None
    source = pattern.pattern
    if line_safe(pattern) and source.startswith("^"):
        branches = top_level_alternatives(source) or [source]
        if all(b.startswith("^") for b in branches):
            try:
                rest = "|".join(b[1:] for b in branches)
                compiled = re.compile(f"\\n(?:{rest})", pattern.flags | re.MULTILINE)
            except re.error:
                compiled = None
    return compiled


def top_level_alternatives(source: str) -> list[str] | None:
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


@by_identity  # one entry per compiled pattern
def alternatives(pattern: re.Pattern[str]) -> list[tuple[re.Pattern[str], tuple[str, ...] | None]] | None:
    """The top-level alternatives of ``pattern``, each compiled alone with the pattern's flags
    and with its required literals (see :func:`required_literals`); ``None`` when the pattern
    is not a plain ``re`` alternation. A line matches ``pattern`` exactly when it matches one
    of them, so each can be screened by its own literals."""
    found = None
    source = pattern.pattern
    if isinstance(pattern, re.Pattern) and isinstance(source, str) and not pattern.flags & re.VERBOSE:
        parts = top_level_alternatives(source)
        if parts is not None:
            try:
                compiled = [re.compile(part, pattern.flags) for part in parts]
            except re.error:
                compiled = None
            if compiled is not None and all(c.groups == 0 for c in compiled):
                found = [(c, required_literals(c)) for c in compiled]
    return found


@by_identity  # one entry per compiled pattern
def newline_anchored(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""``\n(?:pattern)(?=\n|\Z)``: a whole-line match of ``pattern`` in a text of lines that
    starts with a newline, or ``None`` when that could miss a line (see :func:`multiline`).

    Perf: the leading newline is a literal prefix, so ``re`` jumps from line start to line
    start; a pattern that starts with ``^`` is tried at every character (measured: most of
    the cost of a stub search over a document's keys).
    """
    compiled = None
    if line_safe(pattern):
        try:
            compiled = re.compile(rf"\n(?:{pattern.pattern})(?=\n|\Z)", pattern.flags | re.MULTILINE)
        except re.error:
            compiled = None
    return compiled


def candidates(
    pattern: re.Pattern[str],
    text: str,
    offsets: Sequence[int],
    numbers: Sequence[int],
    verify: Callable[[int], bool] | None,
) -> list[int]:
    """Line numbers where a search of ``pattern`` over ``text`` (lines at ``offsets``) starts a
    match, resuming at the next line after each hit so that a match running across lines
    cannot hide a later line; ``verify(j)`` (if given) confirms the ``j``-th line.

    The loop runs in the compiled kernel (``newsclean._compiled.scan``) when it is installed:
    a pattern found on many lines (a digit) costs a search per line, and the loop around it
    cost as much again in Python. Only the fast finder calls this (the reference finder tests
    every line), so the switch needs no test here."""
    if _compiled_candidates is not None and type(offsets) is list:
        return _compiled_candidates(pattern, text, offsets, numbers, verify)
    return candidates_python(pattern, text, offsets, numbers, verify)


def candidates_python(
    pattern: re.Pattern[str],
    text: str,
    offsets: Sequence[int],
    numbers: Sequence[int],
    verify: Callable[[int], bool] | None,
) -> list[int]:
    """The definition of :func:`candidates` (and its fallback without the compiled kernel)."""
    out: list[int] = []
    pos, n = 0, len(offsets)
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        j = bisect.bisect_right(offsets, m.start()) - 1
        if verify is None or verify(j):
            out.append(numbers[j])
        if j + 1 >= n:
            return out
        pos = offsets[j + 1]
