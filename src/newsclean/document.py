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
from functools import cached_property
from itertools import accumulate
from typing import TypeVar

from .engine.finders import Finder, finder_for, reference_mode
from .engine.lines import KEY_STRIP, SPACE_RUN

__all__ = ["Document", "line_key", "TERMINAL_PUNCTUATION"]

T = TypeVar("T")

#: A document and line numbers in it (see :attr:`Document.origin`).
Origin = tuple["Document", Sequence[int]]

_PLUS_ONE = (1).__add__

#: Characters that end a sentence in the scripts we see most (Latin, CJK, Arabic, Devanagari).
TERMINAL_PUNCTUATION = frozenset(".!?…。！？؟।\"'”’»)")


def line_key(line: str) -> str:
    """Normalize a line for phrase lookup: casefolded, inner whitespace collapsed, and
    leading/trailing bullets, dashes, colons, arrows and ellipses removed.

    >>> line_key("  • Related Articles: ")
    'related articles'
    >>> line_key("READ  MORE »")
    'read more'
    """
    key = line.strip(KEY_STRIP)
    if "  " in key or "\t" in key or "\u00a0" in key:
        key = SPACE_RUN.sub(" ", key)
    return key.casefold()


class Document:
    """A text split into lines once. Line ``i`` spans ``starts[i]`` to ``starts[i] + len(lines[i])``;
    the newline that ends it (if any) is the next character."""

    __slots__ = ("text", "lines", "starts", "finder", "origin", "__dict__")

    def __init__(self, text: str, finder: Finder | None = None, origin: Origin | None = None) -> None:
        self.text = text
        #: How this document answers line questions: the engine's fast path, or the
        #: reference definition under ``NEWSCLEAN_REFERENCE=1``.
        self.finder: Finder = finder if finder is not None else finder_for(reference_mode())
        #: For a text made of whole lines of another document (the re-check's kept lines):
        #: that document and, per line of this text, its line number there. What depends on a
        #: line's text alone (keys, :meth:`per_line`) is taken from it, not computed again.
        self.origin = origin
        self.lines: list[str] = text.split("\n")
        # Perf: summed in C (a generator over the lines cost a Python step per line)
        self.starts: list[int] = [0, *accumulate(map(_PLUS_ONE, map(len, self.lines[:-1])))]

    @cached_property
    def _table(self) -> tuple[list[int], list[int], list[bool], list[int]]:
        from .engine.lines import line_table

        return line_table(self.lines, reference=not self.finder.fast)

    @property
    def nonblank(self) -> list[int]:
        """Indices of the lines that hold any non-whitespace character, in order."""
        return self._table[0]

    @property
    def word_counts(self) -> list[int]:
        """Per line, its number of space-separated words (``len(line.split())``)."""
        return self._table[1]

    @property
    def sentence_ends(self) -> list[bool]:
        """Per line, whether it ends like a sentence (``filters._lines.ends_sentence``)."""
        return self._table[2]

    @property
    def stripped_lengths(self) -> list[int]:
        """Per line, its length without leading and trailing white space."""
        return self._table[3]

    def stub_lines(self, stubs: frozenset[str], pattern: re.Pattern[str], max_chars: int = 80) -> list[int]:
        """Non-blank lines of at most ``max_chars`` characters whose key is in ``stubs`` or
        fully matches ``pattern``, in order (see :class:`newsclean.engine.finders.Finder`)."""
        return self.finder.stub_lines(self, stubs, pattern, max_chars)

    def search_lines(self, pattern: re.Pattern[str], stripped: bool = False) -> Sequence[int]:
        """Non-blank lines in which ``pattern.search`` may succeed, in order: a superset of
        the lines it matches (``stripped``: matched after ``str.strip``). Callers still test
        each line; they skip the others."""
        return self.finder.search_lines(self, pattern, stripped)

    def matching_lines(self, pattern: re.Pattern[str], keep: Callable[[int], bool] | None = None) -> list[int]:
        """Non-blank lines ``i`` with ``keep(i)`` (when given) in which ``pattern.search``
        succeeds, in order: exactly what testing every line gives."""
        return self.finder.matching_lines(self, pattern, keep)

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
            origin = self.origin
            k = keys[i] = origin[0].key(origin[1][i]) if origin is not None else line_key(self.lines[i])
        return k

    def remember_keys(self, numbers: Iterable[int], keys: Iterable[str]) -> None:
        """Keep the keys of lines ``numbers`` that the engine computed in bulk (they are
        :func:`line_key` of those lines), so that :meth:`key` does not compute them again."""
        self._keys.update(zip(numbers, keys))

    def per_line(self, name: object, build: Callable[[str], T]) -> list[T | None]:
        """``build(line)`` for each non-blank line (``None`` for a blank one), computed once
        per document under ``name``, which must say everything ``build`` depends on besides
        the line's text. A document made of another's lines (:attr:`origin`) takes the
        values that document computed."""
        memo = self.memo
        key = ("per-line", name)
        found = memo.get(key)
        if found is None:
            origin = self.origin
            source = origin[0].memo.get(key) if origin is not None else None
            values: list[T | None]
            if origin is not None and isinstance(source, list):
                values = [source[j] for j in origin[1]]
            else:
                lines = self.lines
                values = [None] * len(lines)
                for i in self.nonblank:
                    values[i] = build(lines[i])
            memo[key] = found = values
        return found  # type: ignore[return-value]

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
                if span_start <= starts[i] and span_end >= starts[i] + len(text):
                    out.append(i)  # the whole line (perf: no stripped copies of it)
                    i += 1
                    continue
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
