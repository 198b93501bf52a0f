"""How a line ends, compared as ``re.IGNORECASE`` compares letters: the device behind a line
test (:attr:`newsclean.registry.LooksAt.line_test`) for a whole-line pattern whose only
selective part is too short for the literal prefilter and stands at the end of the line
(NC502's two-letter agencies: ``Foto: AA``, ``(AP)``, ``Jane Doe/PA``).

A test built here is cheap (a strip and a comparison of the last few characters, no regex)
and exact as a screen: every line whose end ``re`` would match passes it. Lines it cannot
judge exactly (lower-casing changes the length of their end: ``İ``) pass too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .literals import CASEFIX_FOLD

_compiled_ending_lines: Callable[..., list[int]] | None
try:
    from .._compiled.scan import ending_lines as _compiled_ending_lines
except ImportError:  # no compiler at install time: EndsWith's definition serves
    _compiled_ending_lines = None

__all__ = ["SPACES", "EndsWith", "fold_like_ignorecase", "ends_with"]

#: Every character ``\s`` matches in a ``str`` pattern (``Py_UNICODE_ISSPACE``, which
#: ``str.isspace`` also reads; the last is U+3000, and a test checks every code point).
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def fold_like_ignorecase(text: str) -> str | None:
    """``text`` lower-cased and folded so that two strings of one length are equal exactly when
    ``re.IGNORECASE`` matches one letter by letter against the other: the simple lower case
    (``str.lower`` but for ``İ``, which changes the length, and ``Σ``, whose two lower cases
    the fold joins) with the letters ``re`` equates beyond it folded together (``ſ`` and
    ``s``, ``ı`` and ``i``, the Kelvin sign and ``k``; see
    :data:`newsclean.engine.literals.CASEFIX_FOLD`). ``None`` when lower-casing changes the
    length."""
    low = text.lower()
    if len(low) != len(text):
        return None
    return low if low.isascii() else low.translate(CASEFIX_FOLD)


@lru_cache(maxsize=256)
def ends_with(
    suffixes: tuple[str, ...],
    trailing: str,
    max_chars: int | None = None,
    digit_end: Callable[[str], bool] | None = None,
) -> Callable[[str], bool]:
    """A test that a line (of at most ``max_chars`` characters, when given), with every
    character of ``trailing`` and every ``\\s`` stripped from its end, ends with one of
    ``suffixes``, compared as ``re.IGNORECASE`` compares (see :func:`fold_like_ignorecase`),
    or, when the line so stripped ends with a decimal digit (``\\d``), that ``digit_end`` (when
    given) accepts it (NC502: a stamp's year or time).

    It passes every line whose stripped end a pattern ``(?:suffix1|suffix2|...)[\\s<trailing>]*$``
    compiled with ``re.IGNORECASE`` matches. A suffix that cannot be folded exactly, or that is
    empty once stripped the same way, makes the test pass every line."""
    strip = SPACES + trailing
    limit = max_chars
    folded = []
    for suffix in suffixes:
        f = fold_like_ignorecase(suffix)
        f = f.rstrip(strip) if f is not None else None
        if not f:
            return _every_line(max_chars)
        folded.append(f)
    if not folded:
        if digit_end is None:
            return _no_line
        return lambda line: (limit is None or len(line) <= limit) and _digit_end(line.rstrip(strip), digit_end)
    # a suffix that ends with another adds nothing; the rest by their last character, so a
    # line is compared with the few suffixes that end as it does
    distinct = set(folded)
    kept = [f for f in distinct if not any(g != f and f.endswith(g) for g in distinct)]
    by_last: dict[str, tuple[str, ...]] = {}
    for f in sorted(kept):
        by_last[f[-1]] = (*by_last.get(f[-1], ()), f)
    return EndsWith(limit, strip, max(map(len, kept)), by_last, digit_end)


class EndsWith:
    """The test :func:`ends_with` builds: calling it on a line is the definition;
    :meth:`passing` asks it of many lines at once (the engine's line test,
    :attr:`newsclean.registry.LooksAt.line_test`), in the compiled kernel when installed."""

    __slots__ = ("limit", "strip", "width", "by_last", "digit_end")

    def __init__(
        self,
        limit: int | None,
        strip: str,
        width: int,
        by_last: dict[str, tuple[str, ...]],
        digit_end: Callable[[str], bool] | None,
    ) -> None:
        self.limit, self.strip, self.width, self.by_last, self.digit_end = limit, strip, width, by_last, digit_end

    def __call__(self, line: str) -> bool:
        limit, digit_end = self.limit, self.digit_end
        if limit is not None and len(line) > limit:
            return False
        stripped = line.rstrip(self.strip)
        if digit_end is not None and stripped[-1:].isdecimal() and digit_end(stripped):
            return True
        end = stripped[-self.width :]
        low = end.lower()
        if len(low) != len(end):
            return True
        if not low.isascii():
            low = low.translate(CASEFIX_FOLD)
        ends = self.by_last.get(low[-1:])
        return ends is not None and low.endswith(ends)

    def passing(self, lines: list[str], nonblank: list[int], compiled: bool = True) -> list[int]:
        """The lines ``nonblank`` (numbers into ``lines``) that the test accepts, in order.

        Perf: NC502's test was a Python call per non-blank line (42 k on the public scrapes);
        the kernel runs the same steps in one loop (``compiled=False``: the definition)."""
        if compiled and _compiled_ending_lines is not None:
            return _compiled_ending_lines(
                lines, nonblank, self.limit, self.strip, self.width, self.by_last, CASEFIX_FOLD, self.digit_end
            )
        return [i for i in nonblank if self(lines[i])]


def _digit_end(stripped: str, test: Callable[[str], bool]) -> bool:
    return stripped[-1:].isdecimal() and test(stripped)


def _no_line(line: str) -> bool:
    return False


def _every_line(max_chars: int | None) -> Callable[[str], bool]:
    if max_chars is None:
        return lambda line: True
    return lambda line: len(line) <= max_chars
