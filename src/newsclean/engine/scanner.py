"""One scan of a document for every trigger literal the rules need.

The matcher is Hyperscan (the ``hyperscan`` package, wheels for Linux x86_64 and aarch64,
macOS and Windows): all literals compiled into one database, the lowered text scanned once in
C whatever the number of literals. Where it is not installed, one ``str.find`` loop per
literal gives the same answer (the reference, and the fallback). Measured on the vendored
benchmark texts (161 literals, 5.6 K characters per document): Hyperscan 0.07 ms per
document, pyahocorasick 0.32 ms, ``str.find`` loops 2.6 ms (``docs/performance.md``).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import Any

__all__ = ["LiteralScanner", "HAVE_HYPERSCAN"]

_hyperscan: Any
try:  # a well-kept C library with wheels for the common platforms; optional
    import hyperscan as _hyperscan
except ImportError:  # pragma: no cover - exercised by the fallback test
    _hyperscan = None

HAVE_HYPERSCAN = _hyperscan is not None

_AFTER_NEWLINE = re.compile(b"(?<=\n)")

_compiled_offsets: Callable[[str, list[int]], list[int]] | None
_MatchLines: Any
try:
    from .._compiled.scan import MatchLines as _MatchLines
    from .._compiled.scan import byte_offsets as _compiled_offsets
except ImportError:  # no compiler at install time: the definitions below serve
    _compiled_offsets = _MatchLines = None


def byte_offsets_python(data: bytes) -> list[int]:
    """The definition: the UTF-8 byte offset of each line start of a text (``data`` is the
    text encoded), line ``i`` starting after its ``i``-th newline."""
    found = [0, *accumulate(map(len, _AFTER_NEWLINE.split(data)))]
    found.pop()
    return found


def byte_offsets(text: str, data: bytes, starts: list[int]) -> list[int]:
    """The UTF-8 byte offsets of the line starts ``starts`` of ``text`` (``data``, encoded):
    line ``i`` starts after the ``i``-th newline. In one pass over the characters by the
    compiled kernel when it is installed (the split of the encoded text into lines cost a
    fifth of a millisecond per document), else by :func:`byte_offsets_python`."""
    if _compiled_offsets is not None:
        return _compiled_offsets(text, starts)
    return byte_offsets_python(data)


_SHARED_LOCK = threading.Lock()


class LiteralScanner:
    """The literals asked for so far in this process, and how to find them all at once.

    Literals are lower-cased (and case-folded) by their users; the scanner only matches
    exactly. A literal added after the database was compiled is picked up by a recompile at
    the next scan (rules ask for the same few hundred literals on every document, so
    recompiles stop after the first documents).

    Safe across threads (Dask's threaded scheduler, a web server): adding and compiling hold a
    lock, and each thread scans with a Hyperscan scratch space of its own (one scratch used by
    two scans at once is Hyperscan's ``ScratchInUseError``).
    """

    _shared: LiteralScanner | None = None

    def __init__(self, use_hyperscan: bool = True) -> None:
        self._literals: dict[str, int] = {}
        self._encoded: list[bytes] = []
        self._stale = True
        self._use_hyperscan = use_hyperscan and HAVE_HYPERSCAN
        self._compiled_db: tuple[Any, list[int]] = (None, [])  # the database, its literals' lengths
        self._lock = threading.Lock()
        self._per_thread = threading.local()

    @classmethod
    def shared(cls) -> LiteralScanner:
        if cls._shared is None:
            with _SHARED_LOCK:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    @property
    def literals(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._literals)

    def __contains__(self, literal: object) -> bool:
        return literal in self._literals

    def add(self, literals: Iterable[str]) -> None:
        with self._lock:
            for lit in literals:
                if lit and lit not in self._literals:
                    self._literals[lit] = len(self._literals)
                    self._encoded.append(lit.encode("utf-8"))
                    self._stale = True

    def _snapshot(self) -> tuple[tuple[str, ...], Any, list[int]]:
        """The literals added so far, with (under Hyperscan) their database and lengths,
        compiled from exactly these literals: a scan never mixes two compiles."""
        with self._lock:
            literals = tuple(self._literals)
            if self._use_hyperscan and literals and self._stale:
                database = _hyperscan.Database()
                n = len(self._encoded)
                database.compile(expressions=self._encoded, ids=list(range(n)), elements=n, flags=[0] * n, literal=True)
                self._compiled_db, self._stale = (database, [len(b) for b in self._encoded]), False
            return (literals, *self._compiled_db)

    def _scratch(self, database: Any) -> Any:
        """This thread's scratch space for ``database``."""
        local = self._per_thread
        if getattr(local, "database", None) is not database:
            local.scratch, local.database = _hyperscan.Scratch(database), database
        return local.scratch

    def lines_by_literal(self, text: str, starts: list[int], lines: list[str]) -> dict[str, tuple[int, ...]]:
        """Each known literal found in ``text`` -> the non-blank lines (``lines[i]`` starts at
        ``starts[i]`` in ``text``) that hold it, in order. A known literal that is absent has
        no entry."""
        literals, database, lengths = self._snapshot()
        if not literals:
            return {}
        found: dict[int, set[int]] = {}
        if self._use_hyperscan:
            data = text.encode("utf-8")
            # line i starts after the i-th newline: byte offsets of the line starts (the
            # character offsets when the text is ASCII; else the lengths of the lines that
            # end with a newline, summed in C)
            byte_starts = starts if len(data) == len(text) else byte_offsets(text, data, starts)
            if _MatchLines is not None:
                # the same handler in C (a Python handler runs once per match)
                handler = _MatchLines(byte_starts, lengths)
                database.scan(data, match_event_handler=handler, scratch=self._scratch(database))
                found = handler.found
            else:
                bisect_right = bisect.bisect_right

                def on_match(number: int, _start: int, end: int, _flags: int, _context: object) -> None:
                    found.setdefault(number, set()).add(bisect_right(byte_starts, end - lengths[number]) - 1)

                database.scan(data, match_event_handler=on_match, scratch=self._scratch(database))
        else:
            n = len(starts)
            for number, lit in enumerate(literals):
                pos = text.find(lit)
                while pos >= 0:
                    i = bisect.bisect_right(starts, pos) - 1
                    found.setdefault(number, set()).add(i)
                    pos = text.find(lit, starts[i + 1]) if i + 1 < n else -1
        out = {}
        for number, hits in found.items():
            literal = literals[number]
            if literal.isspace():
                kept = tuple(sorted(i for i in hits if lines[i] and not lines[i].isspace()))
                if not kept:
                    continue
            else:  # a line that holds a letter or a sign is no blank line
                kept = tuple(sorted(hits))
            out[literal] = kept
        return out
