"""Findings and the one function that applies them.

Filters never edit text: they report spans. :func:`apply` is the only place where text is
removed (or, for the hygiene rules, replaced), so the report of a run and its output can never
disagree. ``apply(text, findings)`` is exactly the input with the reported spans cut out.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Hit", "Finding", "apply", "merged_spans", "LineIndex"]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a filter reports: a span of the input, why, and (rarely) a replacement."""

    start: int
    end: int
    message: str
    replacement: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One piece of junk found in a text: where it is, which rule found it and why.

    ``start``/``end`` are character offsets into the input (end exclusive); ``line`` and ``col``
    are 1-based and point at ``start``. ``replacement`` is empty for removals; only hygiene rules
    (``NC0xx``) replace text, e.g. mojibake with its repaired form.
    """

    start: int
    end: int
    code: str
    name: str
    message: str
    line: int
    col: int
    replacement: str = ""

    @property
    def removed(self) -> bool:
        return not self.replacement

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "col": self.col,
        }
        if self.replacement:
            data["replacement"] = self.replacement
        return data


def _finding_maker() -> Callable[[int, int, str, str, str, int, int, str], Finding]:
    """A function that makes a :class:`Finding` from its fields in order, as ``Finding(...)``
    does, in about half the time: the fields set through their slots (the frozen dataclass's
    ``__init__`` calls ``object.__setattr__`` for each). The engine makes one per hit."""
    new = object.__new__
    fields = [f.name for f in dataclasses.fields(Finding)]
    assert fields == ["start", "end", "code", "name", "message", "line", "col", "replacement"]
    s0, s1, s2, s3, s4, s5, s6, s7 = (getattr(Finding, name).__set__ for name in fields)

    def make(
        start: int, end: int, code: str, name: str, message: str, line: int, col: int, replacement: str
    ) -> Finding:
        f = new(Finding)
        s0(f, start)
        s1(f, end)
        s2(f, code)
        s3(f, name)
        s4(f, message)
        s5(f, line)
        s6(f, col)
        s7(f, replacement)
        return f

    return make


#: ``Finding(start, end, code, name, message, line, col, replacement)``, made faster.
new_finding = _finding_maker()


class LineIndex:
    """Maps character offsets to 1-based (line, column) positions."""

    __slots__ = ("_starts",)

    def __init__(self, line_starts: Sequence[int]) -> None:
        self._starts = line_starts

    @property
    def starts(self) -> Sequence[int]:
        """The offset of each line's start."""
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


def merged_spans(findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """Union of the findings' spans, sorted, as ``(start, end, replacement)``.

    Overlapping or touching removals merge into one. A removal that lies wholly inside a
    replacement is dropped: the replacement already leaves it out (a mojibake repair across an
    invisible character that another rule removes). Otherwise a replacement (hygiene repair)
    that overlaps a removal is swallowed by it: the union of both is removed. Repairs cover a
    few characters inside a line, so in practice they only meet removals that contain them.
    """
    out: list[tuple[int, int, str]] = []
    for start, end, repl in sorted((f.start, f.end, f.replacement) for f in findings):
        if end <= start and not repl:
            continue
        if out:
            last_start, last_end, last_repl = out[-1]
            overlaps = start < last_end
            if overlaps and last_repl and not repl and end <= last_end:
                continue  # a removal inside a repair: the repaired text already leaves it out
            touches_removal = start == last_end and not repl and not last_repl
            if overlaps or touches_removal:
                out[-1] = (last_start, max(last_end, end), "")
                continue
        out.append((start, end, repl))
    return out


def apply(text: str, findings: Iterable[Finding]) -> str:
    """Return ``text`` with every finding's span removed (or replaced by its replacement)."""
    parts: list[str] = []
    pos = 0
    for start, end, repl in merged_spans(findings):
        parts.append(text[pos:start])
        if repl:
            parts.append(repl)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
