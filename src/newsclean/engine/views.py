"""Offset maps: a text made of pieces of another text, and the way back.

The re-check runs the rules on the text without its wholly removed lines; the HTML path runs
them on the main content's blocks. Both are views made of whole pieces of a source text, so
every offset in the view maps back exactly: to the same character of the piece it falls in.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..document import Document
from ..spans import Finding, LineIndex

__all__ = ["SpanMap", "KeptLines"]


@dataclass(frozen=True)
class SpanMap:
    """Piece ``k`` of the view starts at ``view_starts[k]`` and is the text of the source at
    ``source_starts[k]`` onwards; ``limit`` caps mapped offsets (the source's length)."""

    view_starts: Sequence[int]
    source_starts: Sequence[int]
    limit: int

    def to_source(self, offset: int) -> int:
        k = max(bisect.bisect_right(self.view_starts, offset) - 1, 0)
        return min(self.source_starts[k] + (offset - self.view_starts[k]), self.limit)

    def finding(self, f: Finding, index: LineIndex) -> Finding | None:
        """``f`` in source offsets (``index`` gives the source's line and column), or ``None``
        when a non-empty span maps to nothing (it lay wholly in a gap between pieces)."""
        start = self.to_source(f.start)
        end = self.to_source(f.end) if f.end > f.start else start
        if f.end > f.start and end <= start:
            return None
        line, col = index.position(start)
        return Finding(start, end, f.code, f.name, f.message, line, col, f.replacement)


@dataclass(frozen=True)
class KeptLines:
    """The lines of a document that are not hidden, joined by newlines, and their map back."""

    text: str
    map: SpanMap
    kept: tuple[int, ...]
    """The source's line number of each line of the view."""

    @classmethod
    def of(cls, doc: Document, hidden: set[int]) -> KeptLines | None:
        """The view without ``hidden`` lines; ``None`` when nothing (or everything) is hidden."""
        if not hidden:
            return None
        kept = tuple(i for i in range(len(doc.lines)) if i not in hidden)
        if not kept:
            return None
        lines, starts = doc.lines, doc.starts
        kept_lines = [lines[i] for i in kept]
        view_starts = [0, *accumulate(map((1).__add__, map(len, kept_lines[:-1])))]
        text = "\n".join(kept_lines)
        # Offsets past a kept line's end (its newline) map to the same place in the source,
        # which is that line's own newline: lines are whole, so the map is exact.
        return cls(text, SpanMap(view_starts, [starts[i] for i in kept], len(doc.text)), kept)

    def to_source(self, f: Finding, index: LineIndex) -> Finding:
        mapped = self.map.finding(f, index)
        assert mapped is not None, "a finding in a view of whole lines always maps back"
        return mapped
