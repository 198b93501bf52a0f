"""The text segmented once into lines with offsets, shared by every filter.

Filters work on *non-blank lines*: blank lines carry no meaning for them (scrapers add and
drop them at will), which is also what keeps :func:`newsclean.clean` idempotent after the
whitespace tidy. Derived views (normalized keys, word counts) are computed lazily and cached,
because most lines of a real article are long prose that most filters never look at twice.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from itertools import accumulate
from typing import Iterable

__all__ = ["Document", "line_key", "TERMINAL_PUNCTUATION"]

#: Characters that end a sentence in the scripts we see most (Latin, CJK, Arabic, Devanagari).
TERMINAL_PUNCTUATION = frozenset(".!?…。！？؟।\"'”’»)")

_KEY_STRIP = " \t\r\f\v\u00a0\u200b\ufeff-–—•·*|:>›»«‹<…."
_SPACE_RUN = re.compile(r"\s+")


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
        starts = self.starts
        for span_start, span_end in spans:
            i = bisect.bisect_right(starts, span_start) - 1
            while i < len(self.lines) and starts[i] < span_end:
                text = self.lines[i]
                lead = len(text) - len(text.lstrip())
                if text.strip() and span_start <= starts[i] + lead and span_end >= starts[i] + len(text.rstrip()):
                    covered.add(i)
                i += 1
        return covered

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
